package org.openvitals.connectors.cloudtest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Stand-in for the store until its implementation is merged: upserts by natural key and commits
 * state with samples under one lock, like the contract says. A test can make the next write fail (a
 * crash mid-sync).
 */
public final class InMemoryStore implements SampleStore {
  private final Map<Long, Sample> samples = new LinkedHashMap<>();
  private final Set<Long> tombstones = new HashSet<>();
  private final TreeMap<String, String> state = new TreeMap<>();
  public volatile int failAfterWrites = -1;
  private int writes;

  @Override
  public synchronized WriteResult upsert(Collection<Sample> batch, Map<String, String> newState) {
    if (failAfterWrites >= 0 && writes++ >= failAfterWrites) {
      throw new IllegalStateException("simulated crash during a write");
    }
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    for (Sample s : batch) {
      long key = NaturalKey.of(s);
      Sample old = samples.get(key);
      if (tombstones.contains(key) || s.equals(old)) {
        unchanged++;
      } else if (old == null) {
        samples.put(key, s);
        inserted++;
      } else {
        samples.put(key, s);
        updated++;
      }
    }
    state.putAll(newState);
    return new WriteResult(inserted, updated, unchanged);
  }

  @Override
  public synchronized int tombstone(
      SourceRef source, MetricType type, Collection<String> ids, Map<String, String> newState) {
    int n = 0;
    for (String id : ids) {
      long key = NaturalKey.ofExternalId(source, type, id);
      if (tombstones.add(key) && samples.remove(key) != null) {
        n++;
      }
    }
    state.putAll(newState);
    return n;
  }

  @Override
  public synchronized List<Sample> samples(MetricType type, Instant from, Instant to) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples.values()) {
      Instant start = s.start().toInstant();
      if (s.type() == type && !start.isBefore(from) && start.isBefore(to)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(s -> s.start().toInstant()));
    return out;
  }

  public synchronized List<Sample> all() {
    return List.copyOf(samples.values());
  }

  @Override
  public synchronized void forEachSample(
      MetricType type, Instant from, Instant to, Consumer<Sample> sink) {
    all().stream().filter(s -> type == null || s.type() == type).forEach(sink);
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
