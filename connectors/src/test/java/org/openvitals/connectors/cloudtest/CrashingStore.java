package org.openvitals.connectors.cloudtest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.IntegrityReport;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.StoreInfo;
import org.openvitals.core.store.Stores;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.time.DayBoundaries;

/**
 * The real SQLite store, with a switch that makes writes fail from the n-th one on: the process
 * "dies" part-way through a sync, after some pages were committed.
 */
public final class CrashingStore implements SampleStore {
  private final SampleStore store;

  /** Writes allowed before every further write fails; -1 for never. */
  public volatile int failAfterWrites = -1;

  private int writes;

  private CrashingStore(SampleStore store) {
    this.store = store;
  }

  public static CrashingStore open(Path dataDir) {
    return new CrashingStore(Stores.open(StoreConfig.sqlite(dataDir)));
  }

  private synchronized void maybeCrash() {
    if (failAfterWrites >= 0 && writes++ >= failAfterWrites) {
      throw new IllegalStateException("simulated crash during a write");
    }
  }

  /** Every live sample. */
  public List<Sample> all() {
    List<Sample> all = new ArrayList<>();
    store.forEachSample(null, null, null, all::add);
    return all;
  }

  @Override
  public WriteResult upsert(Collection<Sample> samples, Map<String, String> state) {
    maybeCrash();
    return store.upsert(samples, state);
  }

  @Override
  public int tombstone(
      SourceRef source, MetricType type, Collection<String> ids, Map<String, String> state) {
    maybeCrash();
    return store.tombstone(source, type, ids, state);
  }

  @Override
  public List<Sample> samples(MetricType type, Instant from, Instant to) {
    return store.samples(type, from, to);
  }

  @Override
  public void forEachSample(MetricType type, Instant from, Instant to, Consumer<Sample> sink) {
    store.forEachSample(type, from, to, sink);
  }

  @Override
  public List<DailyRollup> daily(MetricType type, LocalDate from, LocalDate to) {
    return store.daily(type, from, to);
  }

  @Override
  public List<SourceSummary> sources() {
    return store.sources();
  }

  @Override
  public void setDeviceClass(SourceRef source, DeviceClass deviceClass) {
    store.setDeviceClass(source, deviceClass);
  }

  @Override
  public DayBoundaries dayBoundaries() {
    return store.dayBoundaries();
  }

  @Override
  public void setDayBoundaries(DayBoundaries boundaries) {
    store.setDayBoundaries(boundaries);
  }

  @Override
  public Optional<String> state(String key) {
    return store.state(key);
  }

  @Override
  public Map<String, String> stateWithPrefix(String prefix) {
    return store.stateWithPrefix(prefix);
  }

  @Override
  public void putState(String key, String value) {
    store.putState(key, value);
  }

  @Override
  public void removeState(String key) {
    store.removeState(key);
  }

  @Override
  public StoreInfo info() {
    return store.info();
  }

  @Override
  public IntegrityReport checkIntegrity() {
    return store.checkIntegrity();
  }

  @Override
  public int upsertOther(Collection<OtherSample> records) {
    maybeCrash();
    return store.upsertOther(records);
  }

  @Override
  public void forEachOther(Consumer<OtherSample> sink) {
    store.forEachOther(sink);
  }

  @Override
  public void close() {
    store.close();
  }
}
