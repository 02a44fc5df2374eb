package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvitals.core.time.DayBoundaries;

/**
 * The daily rollups (count, sum, min, max, first start, last end per type, source and day), kept
 * exact in the write transaction: a group that only gained new samples is updated by adding the new
 * samples' figures; a group in which a stored sample changed or was tombstoned is recomputed from
 * its samples, since a minimum or maximum cannot be taken back by a delta.
 */
final class Rollups {
  private Rollups() {}

  /** One rollup: a type, a source and a local day. */
  record Group(int typeId, int sourceId, long epochDay) {}

  /** Running figures of one rollup group. */
  static final class Figures {
    long count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long firstStart = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;

    void add(double value, long startMs, long endMs) {
      count++;
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
      firstStart = Math.min(firstStart, startMs);
      lastEnd = Math.max(lastEnd, endMs);
    }
  }

  /** Adds the figures of new samples to their groups, creating the groups that do not exist. */
  static void add(Connection c, Map<Group, Figures> deltas) throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    List<Map.Entry<Group, Figures>> entries = new ArrayList<>(deltas.entrySet());
    int[] counts;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE daily_rollups SET sample_count = sample_count + ?, value_sum = value_sum + ?,"
                + " value_min = CASE WHEN value_min <= ? THEN value_min ELSE ? END,"
                + " value_max = CASE WHEN value_max >= ? THEN value_max ELSE ? END,"
                + " first_start_ms = CASE WHEN first_start_ms <= ? THEN first_start_ms ELSE ? END,"
                + " last_end_ms = CASE WHEN last_end_ms >= ? THEN last_end_ms ELSE ? END"
                + " WHERE type_id = ? AND epoch_day = ? AND source_id = ?")) {
      for (Map.Entry<Group, Figures> e : entries) {
        Group g = e.getKey();
        Figures f = e.getValue();
        ps.setLong(1, f.count);
        ps.setDouble(2, f.sum);
        ps.setDouble(3, f.min);
        ps.setDouble(4, f.min);
        ps.setDouble(5, f.max);
        ps.setDouble(6, f.max);
        ps.setLong(7, f.firstStart);
        ps.setLong(8, f.firstStart);
        ps.setLong(9, f.lastEnd);
        ps.setLong(10, f.lastEnd);
        ps.setInt(11, g.typeId());
        ps.setLong(12, g.epochDay());
        ps.setInt(13, g.sourceId());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    Map<Group, Figures> fresh = new HashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        fresh.put(entries.get(i).getKey(), entries.get(i).getValue());
      }
    }
    insert(c, fresh);
  }

  /** Recomputes each group from its live samples, removing groups that have none left. */
  static void recompute(Connection c, Set<Group> groups, DayBoundaries days) throws SQLException {
    if (groups.isEmpty()) {
      return;
    }
    Map<Group, Figures> recomputed = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*), SUM(val), MIN(val), MAX(val), MIN(start_ms), MAX(end_ms)"
                + " FROM samples WHERE type_id = ? AND start_ms >= ? AND start_ms < ?"
                + " AND source_id = ? AND deleted = 0"
                + " AND (? = 0 OR (start_ms + start_offset * 1000 >= ?"
                + " AND start_ms + start_offset * 1000 < ?))")) {
      for (Group g : groups) {
        DayRange range = DayRange.of(days, g.epochDay());
        ps.setInt(1, g.typeId());
        ps.setLong(2, range.fromMs());
        ps.setLong(3, range.toMs());
        ps.setInt(4, g.sourceId());
        ps.setInt(5, range.byLocalTime() ? 1 : 0);
        ps.setLong(6, range.localFromMs());
        ps.setLong(7, range.localToMs());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long count = rs.getLong(1);
          if (count > 0) {
            Figures f = new Figures();
            f.count = count;
            f.sum = rs.getDouble(2);
            f.min = rs.getDouble(3);
            f.max = rs.getDouble(4);
            f.firstStart = rs.getLong(5);
            f.lastEnd = rs.getLong(6);
            recomputed.put(g, f);
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM daily_rollups WHERE type_id = ? AND epoch_day = ? AND source_id = ?")) {
      for (Group g : groups) {
        ps.setInt(1, g.typeId());
        ps.setLong(2, g.epochDay());
        ps.setInt(3, g.sourceId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    insert(c, recomputed);
  }

  /** Replaces every rollup with one computed afresh under {@code days}. */
  static void rebuild(Connection c, DayBoundaries days) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM daily_rollups");
    }
    insert(c, aggregateAllLiveSamples(c, days));
  }

  /** Rollups of every live sample, computed afresh by streaming the samples once. */
  static Map<Group, Figures> aggregateAllLiveSamples(Connection c, DayBoundaries days)
      throws SQLException {
    Map<Group, Figures> all = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT type_id, source_id, start_ms, start_offset, end_ms, val FROM samples"
                    + " WHERE deleted = 0")) {
      while (rs.next()) {
        long startMs = rs.getLong(3);
        Group g =
            new Group(
                rs.getInt(1), rs.getInt(2), PreparedSample.epochDay(days, startMs, rs.getInt(4)));
        all.computeIfAbsent(g, k -> new Figures()).add(rs.getDouble(6), startMs, rs.getLong(5));
      }
    }
    return all;
  }

  private static void insert(Connection c, Map<Group, Figures> rollups) throws SQLException {
    if (rollups.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO daily_rollups (type_id, epoch_day, source_id, sample_count, value_sum,"
                + " value_min, value_max, first_start_ms, last_end_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<Group, Figures> e : rollups.entrySet()) {
        Group g = e.getKey();
        Figures f = e.getValue();
        ps.setInt(1, g.typeId());
        ps.setLong(2, g.epochDay());
        ps.setInt(3, g.sourceId());
        ps.setLong(4, f.count);
        ps.setDouble(5, f.sum);
        ps.setDouble(6, f.min);
        ps.setDouble(7, f.max);
        ps.setLong(8, f.firstStart);
        ps.setLong(9, f.lastEnd);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The stretch of stored start times that can belong to one local day. */
  private record DayRange(
      long fromMs, long toMs, boolean byLocalTime, long localFromMs, long localToMs) {
    /** UTC offsets span at most ±18 hours. */
    private static final long MAX_OFFSET_MS = 18L * 3600 * 1000;

    static DayRange of(DayBoundaries days, long epochDay) {
      LocalDate day = LocalDate.ofEpochDay(epochDay);
      return switch (days) {
        case DayBoundaries.FixedZone fixed ->
            new DayRange(
                fixed.startOf(day).toEpochMilli(),
                fixed.startOf(day.plusDays(1)).toEpochMilli(),
                false,
                0,
                0);
        case DayBoundaries.SampleLocal local -> {
          long localFrom = epochDay * 86_400_000L;
          long localTo = localFrom + 86_400_000L;
          yield new DayRange(
              localFrom - MAX_OFFSET_MS, localTo + MAX_OFFSET_MS, true, localFrom, localTo);
        }
      };
    }
  }
}
