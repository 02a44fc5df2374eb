package org.openvitals.core.store.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/**
 * A sample in stored form, computed by {@link SqlSampleStore#prepare} on the caller's thread:
 * smaller than the sample (no date-time objects, metadata as shared text), and nothing left for the
 * writer to work out but ids.
 */
record PreparedSample(
    int typeId,
    SourceRef source,
    long startMs,
    int startOffset,
    long endMs,
    int endOffset,
    double value,
    String device,
    String externalId,
    String metadataJson,
    long epochDay) {

  /** The columns of a sample row, in the order the store writes and reads them. */
  static final String COLUMNS =
      "type_id, source_id, start_ms, start_offset, end_ms, end_offset, val, device_id,"
          + " external_id, metadata";

  static final int COLUMN_COUNT = 10;

  static PreparedSample of(int typeId, String metadataJson, Sample s, DayBoundaries days) {
    // -0.0 is stored as 0 by SQLite; normalising keeps the key stable across a round trip.
    double value = s.value() == 0 ? 0.0 : s.value();
    return new PreparedSample(
        typeId,
        s.source(),
        s.start().toInstant().toEpochMilli(),
        s.start().getOffset().getTotalSeconds(),
        s.end().toInstant().toEpochMilli(),
        s.end().getOffset().getTotalSeconds(),
        value,
        s.device(),
        s.externalId(),
        metadataJson,
        days.dayOf(s.start()).toEpochDay());
  }

  PreparedSample withEpochDay(long day) {
    return new PreparedSample(
        typeId,
        source,
        startMs,
        startOffset,
        endMs,
        endOffset,
        value,
        device,
        externalId,
        metadataJson,
        day);
  }

  /** The local day a stored start counts for. */
  static long epochDay(DayBoundaries days, long startMs, int offsetSeconds) {
    return days.dayOf(at(startMs, offsetSeconds)).toEpochDay();
  }

  /** A stored time (epoch milliseconds and the offset it was written with) as a date-time. */
  static OffsetDateTime at(long epochMs, int offsetSeconds) {
    return OffsetDateTime.ofInstant(
        Instant.ofEpochMilli(epochMs), ZoneOffset.ofTotalSeconds(offsetSeconds));
  }
}
