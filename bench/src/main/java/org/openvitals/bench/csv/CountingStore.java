package org.openvitals.bench.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.IntegrityReport;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreInfo;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.time.DayBoundaries;

/** A store that only counts what it is given, to measure an importer without the database. */
final class CountingStore implements SampleStore {
  @Override
  public WriteResult upsert(Collection<Sample> samples, Map<String, String> state) {
    return new WriteResult(samples.size(), 0, 0);
  }

  @Override
  public int tombstone(SourceRef s, MetricType t, Collection<String> ids, Map<String, String> st) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<Sample> samples(MetricType type, Instant from, Instant to) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void forEachSample(MetricType type, Instant from, Instant to, Consumer<Sample> sink) {
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
  public Optional<String> state(String key) {
    return Optional.empty();
  }

  @Override
  public Map<String, String> stateWithPrefix(String prefix) {
    return Map.of();
  }

  @Override
  public void putState(String key, String value) {}

  @Override
  public void removeState(String key) {}

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
