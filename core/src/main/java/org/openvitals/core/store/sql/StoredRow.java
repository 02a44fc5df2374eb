package org.openvitals.core.store.sql;

import org.openvitals.core.time.DayBoundaries;

/** What is stored for a natural key, tombstones included. */
record StoredRow(
    long rowId,
    int typeId,
    int sourceId,
    long startMs,
    int startOffset,
    long endMs,
    double value,
    Integer deviceId,
    String externalId,
    String metadataJson,
    boolean deleted) {

  RowKey key() {
    return RowKey.of(sourceId, typeId, externalId, startMs, endMs, value == 0 ? 0.0 : value);
  }

  Rollups.Group group(DayBoundaries days) {
    return new Rollups.Group(typeId, sourceId, PreparedSample.epochDay(days, startMs, startOffset));
  }

  /** Whether writing {@code row} would leave this sample as it is (see {@link SampleRow}). */
  boolean sameContentAs(SampleRow row) {
    return row.sameContentAs(startMs, endMs, value, deviceId, metadataJson);
  }
}
