package org.openvitals.connectors.testing;

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
import org.openvitals.core.model.OtherSample;
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
 * A test double for the store: keeps samples by natural key with the contract's upsert semantics
 * (new key inserted, changed content updated, identical unchanged) and records every batch, so
 * importers can be tested before the real store is merged.
 */
public final class MemoryStore implements SampleStore {
  private final Map<Long, Sample> samples = new LinkedHashMap<>();
  private final List<Integer> batchSizes = new ArrayList<>();
  private final Map<String, String> state = new TreeMap<>();
  private int upserts;
  private int failAfterUpserts = Integer.MAX_VALUE;

  /** Makes every upsert after the first {@code n} fail, as a full disk would. */
  public synchronized void failAfterUpserts(int n) {
    failAfterUpserts = n;
  }

  @Override
  public synchronized WriteResult upsert(
      Collection<Sample> batch, Map<String, String> stateEntries) {
    if (upserts >= failAfterUpserts) {
      throw new IllegalStateException("disk full (simulated)");
    }
    upserts++;
    batchSizes.add(batch.size());
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
    state.putAll(stateEntries);
    return new WriteResult(inserted, updated, unchanged);
  }

  /** Every stored sample, in insertion order. */
  public synchronized List<Sample> all() {
    return List.copyOf(samples.values());
  }

  public synchronized List<Sample> of(MetricType type) {
    return samples.values().stream()
        .filter(s -> s.type() == type)
        .sorted(Comparator.comparing(Sample::start))
        .toList();
  }

  /** Sizes of the upsert calls made, in order. */
  public synchronized List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }

  @Override
  public int tombstone(
      SourceRef source, MetricType type, Collection<String> externalIds, Map<String, String> st) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized List<Sample> samples(MetricType type, Instant from, Instant to) {
    return of(type).stream()
        .filter(s -> !s.start().toInstant().isBefore(from) && s.start().toInstant().isBefore(to))
        .toList();
  }

  @Override
  public void forEachSample(MetricType type, Instant from, Instant to, Consumer<Sample> sink) {
    samples.values().stream().filter(s -> type == null || s.type() == type).forEach(sink);
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
    return DayBoundaries.systemDefault();
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
    return Map.copyOf(state);
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

  private final Map<String, OtherSample> others = new LinkedHashMap<>();

  @Override
  public synchronized int upsertOther(Collection<OtherSample> records) {
    int inserted = 0;
    for (OtherSample o : records) {
      if (others.putIfAbsent(o.source().key() + "|" + o.type() + "|" + o.naturalKey(), o) == null) {
        inserted++;
      }
    }
    return inserted;
  }

  @Override
  public synchronized void forEachOther(Consumer<OtherSample> sink) {
    others.values().forEach(sink);
  }

  /** Every record kept as another type, in the order first stored. */
  public synchronized List<OtherSample> others() {
    return List.copyOf(others.values());
  }
}
