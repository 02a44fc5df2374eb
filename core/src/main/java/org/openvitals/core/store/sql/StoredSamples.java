package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.openvitals.core.store.sql.SqlDialect.KeyListQuery;

/**
 * What is stored (tombstones included) under the natural keys of a batch; absent keys are new.
 * Samples with an external id are looked up by it; the others by their start time through the
 * (type, start) index, then matched exactly on source, end and value.
 */
final class StoredSamples {

  private static final String COLUMNS =
      "id, type_id, source_id, start_ms, start_offset, end_ms, val, device_id, external_id,"
          + " metadata, deleted";

  private final SqlDialect dialect;

  StoredSamples(SqlDialect dialect) {
    this.dialect = dialect;
  }

  Map<RowKey, StoredRow> find(Connection c, Collection<SampleRow> rows) throws SQLException {
    Map<Long, Set<String>> externalIds = new HashMap<>();
    Map<Integer, Set<Long>> starts = new HashMap<>();
    Map<Integer, Long> latestStored = new HashMap<>();
    try (PreparedStatement latest =
        dialect.looksUpOnlyUpToLatestStart()
            ? c.prepareStatement("SELECT MAX(start_ms) FROM samples WHERE type_id = ?")
            : null) {
      for (SampleRow r : rows) {
        String externalId = r.sample().externalId();
        if (externalId != null) {
          externalIds
              .computeIfAbsent(((long) r.sourceId() << 32) | r.typeId(), k -> new HashSet<>())
              .add(externalId);
          continue;
        }
        if (latest != null) {
          Long latestStart = latestStored.get(r.typeId());
          if (latestStart == null) {
            latestStart = latestStart(latest, r.typeId());
            latestStored.put(r.typeId(), latestStart);
          }
          if (r.startMs() > latestStart) {
            continue;
          }
        }
        starts.computeIfAbsent(r.typeId(), k -> new HashSet<>()).add(r.startMs());
      }
    }
    Map<RowKey, StoredRow> found = new HashMap<>();
    if (!externalIds.isEmpty()) {
      try (KeyListQuery byExternalId =
          dialect.keyListQuery(c, COLUMNS, "source_id = ? AND type_id = ?", "external_id")) {
        for (Map.Entry<Long, Set<String>> e : externalIds.entrySet()) {
          int[] sourceAndType = {(int) (e.getKey() >>> 32), (int) (long) e.getKey()};
          byExternalId.run(
              sourceAndType, e.getValue().toArray(String[]::new), rs -> collect(rs, found, true));
        }
      }
    }
    if (!starts.isEmpty()) {
      try (KeyListQuery byStart = dialect.keyListQuery(c, COLUMNS, "type_id = ?", "start_ms")) {
        for (Map.Entry<Integer, Set<Long>> e : starts.entrySet()) {
          byStart.run(
              new int[] {e.getKey()},
              e.getValue().toArray(Long[]::new),
              rs -> collect(rs, found, false));
        }
      }
    }
    return found;
  }

  /** The stored rows (tombstones included) with the given row ids; absent ids are left out. */
  Map<Long, StoredRow> byIds(Connection c, Collection<Long> ids) throws SQLException {
    Map<Long, StoredRow> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    try (KeyListQuery byId = dialect.keyListQuery(c, COLUMNS, null, "id")) {
      byId.run(
          new int[0],
          new HashSet<>(ids).toArray(Long[]::new),
          rs -> {
            StoredRow row = row(rs);
            found.put(row.rowId(), row);
          });
    }
    return found;
  }

  /** The latest start stored for a type (tombstones included), or Long.MIN_VALUE for none. */
  private static long latestStart(PreparedStatement latest, int typeId) throws SQLException {
    latest.setInt(1, typeId);
    try (ResultSet rs = latest.executeQuery()) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? Long.MIN_VALUE : max;
    }
  }

  /**
   * Keeps a row of {@link #COLUMNS} if it is keyed the way it was looked up: a start-time lookup
   * also meets samples with an external id, which are keyed by that id instead.
   */
  private static void collect(ResultSet rs, Map<RowKey, StoredRow> into, boolean withExternalId)
      throws SQLException {
    String externalId = rs.getString(9);
    if ((externalId != null) != withExternalId) {
      return;
    }
    StoredRow s = row(rs);
    into.put(s.key(), s);
  }

  /** The row of {@link #COLUMNS} the result set is on. */
  private static StoredRow row(ResultSet rs) throws SQLException {
    int deviceId = rs.getInt(8);
    boolean noDevice = rs.wasNull();
    return new StoredRow(
        rs.getLong(1),
        rs.getInt(2),
        rs.getInt(3),
        rs.getLong(4),
        rs.getInt(5),
        rs.getLong(6),
        rs.getDouble(7),
        noDevice ? null : deviceId,
        rs.getString(9),
        rs.getString(10),
        rs.getInt(11) != 0);
  }
}
