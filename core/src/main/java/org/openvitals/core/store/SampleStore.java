package org.openvitals.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/**
 * The embedded time-series store. Two engines (SQLite, the default, and H2) implement it and pass
 * the same contract tests. Writes go through one writer; reads may run concurrently with a write.
 *
 * <p>Every write is one transaction: it either happens entirely or not at all. State entries given
 * with a write (sync cursors, import checkpoints) commit in the same transaction as the samples, so
 * a crash can never record progress for samples that were not stored.
 */
public interface SampleStore extends AutoCloseable {

  /**
   * Upserts samples by their {@link org.openvitals.core.model.NaturalKey}: new keys are inserted,
   * known keys whose start, end, value, device or metadata changed are updated, identical ones are
   * left alone. The UTC offset is not part of the content: the same moments written with another
   * offset are unchanged and keep the offset first stored. A tombstoned key stays deleted. When one
   * batch holds the same key twice, the later sample wins. Daily rollups of every touched day are
   * brought up to date in the same transaction. Times are stored to the millisecond.
   */
  WriteResult upsert(Collection<Sample> samples, Map<String, String> state);

  default WriteResult upsert(Collection<Sample> samples) {
    return upsert(samples, Map.of());
  }

  /**
   * Converts samples to this store's row form without touching the data (epoch times, day, stored
   * metadata), on the caller's thread. An importer prepares its next batch this way while the store
   * writes the last one, and the batches waiting in between are a fraction of the samples' size.
   * Safe to call from any thread.
   */
  default PreparedSamples prepare(Collection<Sample> samples) {
    return new PreparedSamples.AsGiven(List.copyOf(samples));
  }

  /**
   * As {@link #upsert(Collection, Map)}, for samples this store {@linkplain #prepare prepared}.
   *
   * @throws IllegalArgumentException when another store prepared them
   */
  default WriteResult upsert(PreparedSamples samples, Map<String, String> state) {
    if (samples instanceof PreparedSamples.AsGiven given) {
      return upsert(given.samples(), state);
    }
    throw new IllegalArgumentException("These samples were prepared by another store");
  }

  /**
   * Marks samples deleted at their source (provider deletions, HealthKit deleted objects). They
   * vanish from queries and rollups; a later upsert of the same key does not bring them back.
   *
   * @return how many stored samples were newly tombstoned
   */
  int tombstone(
      SourceRef source, MetricType type, Collection<String> externalIds, Map<String, String> state);

  /**
   * Deletes samples a person chose to remove (as read from this store), matched by their natural
   * key: they vanish from queries and rollups, and a later import of the same file does not bring
   * them back, because the key stays stored as a tombstone. Samples not stored, or deleted already,
   * are left alone.
   *
   * @return how many stored samples were newly tombstoned
   */
  default int tombstone(Collection<Sample> samples) {
    throw new UnsupportedOperationException("This store cannot delete single samples");
  }

  /**
   * Keeps records of types the catalog does not know, as the source wrote them, so that nothing an
   * import reads is dropped (docs/decisions/0008-unknown-types.md). Idempotent: a record whose
   * {@link OtherSample#naturalKey()} is stored already for its source and type is left alone.
   *
   * @return how many records were new
   */
  default int upsertOther(Collection<OtherSample> records) {
    throw new UnsupportedOperationException("This store keeps no records of other types");
  }

  /** Streams every record of another type, ordered by type then start. */
  default void forEachOther(Consumer<OtherSample> sink) {}

  /** Records of other types per source, type and unit. */
  default List<OtherTypeSummary> otherTypes() {
    return List.of();
  }

  /**
   * Turns the records of one source and type into samples, in one transaction: each record the
   * mapping gives a sample for is upserted as that sample (rollups included) and removed from the
   * other types. A mapping is decided per type, so when the first record gets none, nothing is read
   * further.
   */
  default WriteResult promoteOther(
      SourceRef source, String type, Function<OtherSample, Optional<Sample>> mapping) {
    return WriteResult.EMPTY;
  }

  /** Live samples of one type with {@code from <= start < to}, ordered by start. */
  List<Sample> samples(MetricType type, Instant from, Instant to);

  /**
   * Streams live samples ordered by type then start, without holding them all in memory. Null
   * arguments mean "any".
   */
  void forEachSample(
      MetricType typeOrNull, Instant fromOrNull, Instant toOrNull, Consumer<Sample> sink);

  /**
   * Daily rollups (one per source and day) for one type, days in {@code [from, to]}, ordered by day
   * then source. A sample counts, whole, on the day its start falls on under {@link
   * #dayBoundaries()}.
   */
  List<DailyRollup> daily(MetricType type, LocalDate from, LocalDate to);

  /** Every source with its device class, live sample count and first/last sample time. */
  List<SourceSummary> sources();

  /**
   * Every source {@link #sources()} lists, in its order, without the counts and times that sum
   * every rollup (source colours at opening need only the names).
   */
  default List<SourceRef> sourceRefs() {
    return sources().stream().map(SourceSummary::source).toList();
  }

  /** Corrects the device class guessed when a source was first seen. */
  void setDeviceClass(SourceRef source, DeviceClass deviceClass);

  /** How samples are assigned to days; persisted in the store. */
  DayBoundaries dayBoundaries();

  /** Changes the day boundaries and rebuilds every rollup in one transaction. */
  void setDayBoundaries(DayBoundaries boundaries);

  /** A small key/value table for cursors, checkpoints and settings that belong to the data. */
  Optional<String> state(String key);

  /** All state entries whose key starts with {@code prefix}, sorted by key. */
  Map<String, String> stateWithPrefix(String prefix);

  void putState(String key, String value);

  void removeState(String key);

  /** Engine, location, schema version, counts. */
  StoreInfo info();

  /** Runs the engine's integrity check and the store's own consistency checks. */
  IntegrityReport checkIntegrity();

  @Override
  void close();
}
