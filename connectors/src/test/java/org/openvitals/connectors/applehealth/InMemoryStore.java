package org.openvitals.connectors.applehealth;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.NaturalKey;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.IntegrityReport;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreInfo;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.time.DayBoundaries;

/**
 * A test double of the store contract's write side: upserts by natural key, state committed with
 * the samples, and an optional failure after a number of upserts. Reads cover what the importer
 * tests check.
 */
final class InMemoryStore implements SampleStore {
  final Map<Long, Sample> samples = new LinkedHashMap<>();
  final Map<String, String> state = new TreeMap<>();
  int upserts;
  int failAfterUpserts = Integer.MAX_VALUE;

  @Override
  public synchronized WriteResult upsert(Collection<Sample> batch, Map<String, String> st) {
    if (upserts >= failAfterUpserts) {
      throw new IllegalStateException("disk full (simulated)");
    }
    upserts++;
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    for (Sample s : batch) {
      Sample old = samples.put(NaturalKey.of(s), s);
      if (old == null) {
        inserted++;
      } else if (old.equals(s)) {
        unchanged++;
      } else {
        updated++;
      }
    }
    state.putAll(st);
    return new WriteResult(inserted, updated, unchanged);
  }

  synchronized List<Sample> all(MetricType type) {
    return samples.values().stream()
        .filter(s -> s.type() == type)
        .sorted(Comparator.comparing(Sample::start))
        .toList();
  }

  @Override
  public int tombstone(
      SourceRef source, MetricType type, Collection<String> externalIds, Map<String, String> st) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized List<Sample> samples(MetricType type, Instant from, Instant to) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : all(type)) {
      Instant t = s.start().toInstant();
      if (!t.isBefore(from) && t.isBefore(to)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public void forEachSample(MetricType t, Instant f, Instant to, Consumer<Sample> sink) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<DailyRollup> daily(MetricType type, LocalDate from, LocalDate to) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<SourceSummary> sources() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setDeviceClass(SourceRef source, DeviceClass deviceClass) {
    throw new UnsupportedOperationException();
  }

  @Override
  public DayBoundaries dayBoundaries() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setDayBoundaries(DayBoundaries boundaries) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized Optional<String> state(String key) {
    return Optional.ofNullable(state.get(key));
  }

  @Override
  public synchronized Map<String, String> stateWithPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    state.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  @Override
  public synchronized void putState(String key, String value) {
    state.put(key, value);
  }

  @Override
  public synchronized void removeState(String key) {
    state.remove(key);
  }

  @Override
  public StoreInfo info() {
    throw new UnsupportedOperationException();
  }

  @Override
  public IntegrityReport checkIntegrity() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
