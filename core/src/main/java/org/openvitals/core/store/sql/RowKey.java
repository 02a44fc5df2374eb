package org.openvitals.core.store.sql;

/**
 * A sample's natural key (docs/architecture.md, section "Store") with source and type resolved to
 * ids: {@code (source, type, external id)} when the sample has an external id, else {@code (source,
 * type, start, end, value)}. Instants, not local times: another UTC offset is the same sample.
 */
record RowKey(
    int sourceId, int typeId, String externalId, long startMs, long endMs, long valueBits) {

  static RowKey of(
      int sourceId, int typeId, String externalId, long startMs, long endMs, double value) {
    return externalId != null
        ? new RowKey(sourceId, typeId, externalId, 0, 0, 0)
        : new RowKey(sourceId, typeId, null, startMs, endMs, Double.doubleToLongBits(value));
  }
}
