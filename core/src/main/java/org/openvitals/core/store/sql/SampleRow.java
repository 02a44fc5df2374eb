package org.openvitals.core.store.sql;

import java.util.Objects;

/** A prepared sample with its source and device ids, as the writer handles it. */
record SampleRow(RowKey key, int sourceId, Integer deviceId, PreparedSample sample) {

  static SampleRow of(int sourceId, Integer deviceId, PreparedSample s) {
    return new SampleRow(
        RowKey.of(sourceId, s.typeId(), s.externalId(), s.startMs(), s.endMs(), s.value()),
        sourceId,
        deviceId,
        s);
  }

  int typeId() {
    return sample.typeId();
  }

  long startMs() {
    return sample.startMs();
  }

  long endMs() {
    return sample.endMs();
  }

  double value() {
    return sample.value();
  }

  String metadataJson() {
    return sample.metadataJson();
  }

  Rollups.Group group() {
    return new Rollups.Group(sample.typeId(), sourceId, sample.epochDay());
  }

  /**
   * Whether {@code other} would leave the stored sample as it is. The UTC offset is not compared:
   * the same moment written with another offset is the same, unchanged sample, and keeps the offset
   * it was first stored with.
   */
  boolean sameContentAs(long startMs, long endMs, double value, Integer deviceId, String metadata) {
    return startMs() == startMs
        && endMs() == endMs
        && Double.compare(value(), value) == 0
        && Objects.equals(this.deviceId, deviceId)
        && Objects.equals(metadataJson(), metadata);
  }

  boolean sameContentAs(SampleRow other) {
    return sameContentAs(
        other.startMs(), other.endMs(), other.value(), other.deviceId(), other.metadataJson());
  }
}
