package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.openvitals.core.time.DayBoundaries;

/**
 * Version 7: samples of Fitbit exercises and of WHOOP sleeps, recoveries and workouts get the keys
 * both of their paths (file export and API) now compute from the record's start: {@code kind/} and
 * the start in UTC to the minute. Before, Fitbit's Takeout keyed exercises by Fitbit's log id
 * (which the Google Health API does not send) and WHOOP's API keyed records by WHOOP's id (which
 * the app export does not carry), so reading the same record the other way stored it twice.
 *
 * <p>A migration, not a re-key on the next import: the new key is computable from stored columns,
 * and after it every path writes one key with no look-up of what an older version stored. Where two
 * stored rows get the same key (a day already imported both ways), the first stored live one is
 * kept, the other deleted, and the rollups of its day recomputed. Java, not SQL: the key is an ISO
 * instant, the rollups' days follow the store's day boundaries, and both engines share it.
 */
final class ConnectorKeysMigration extends JavaStoreMigration {
  static final MigrationVersion VERSION = MigrationVersion.fromVersion("7");

  /** Rows of a provider and metric types whose key becomes {@code prefix + start minute}. */
  record Rule(String provider, Set<String> metricTypes, String prefix) {}

  static final List<Rule> RULES =
      List.of(
          new Rule("fitbit", Set.of("workout"), "exercise/"),
          new Rule(
              "whoop",
              Set.of(
                  "sleep_in_bed",
                  "respiratory_rate",
                  "resting_heart_rate",
                  "hrv_rmssd",
                  "oxygen_saturation",
                  "sleeping_wrist_temperature"),
              "sleep/"),
          new Rule("whoop", Set.of("workout"), "workout/"));

  /** The key of a record starting at {@code start}; connectors compute the same. */
  static String key(String prefix, Instant start) {
    return prefix + start.truncatedTo(ChronoUnit.MINUTES);
  }

  ConnectorKeysMigration() {
    super(VERSION, "connector keys");
  }

  @Override
  void apply(Connection c) throws SQLException {
    rekey(c);
  }

  /** The migration's work, also done on the rows a backup from before version 7 restores. */
  static void rekey(Connection c) throws SQLException {
    Set<Rollups.Group> recompute = new HashSet<>();
    // Every store that holds samples has its day boundaries stored (fixed on first open).
    DayBoundaries days =
        KeyValueTables.setting(c, "day_boundaries")
            .map(DayBoundaries::parse)
            .orElseGet(DayBoundaries::systemDefault);
    for (Rule rule : RULES) {
      rekey(c, rule, days, recompute);
    }
    if (!recompute.isEmpty()) {
      Rollups.recompute(c, recompute, days);
    }
  }

  private record Row(
      long id, int typeId, int sourceId, long startMs, int offset, String key, boolean live) {}

  private static void rekey(
      Connection c, Rule rule, DayBoundaries days, Set<Rollups.Group> recompute)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    String types = String.join(",", rule.metricTypes().stream().map(t -> "?").toList());
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.id, s.type_id, s.source_id, s.start_ms, s.start_offset, s.external_id,"
                + " s.deleted FROM samples s JOIN sources src ON src.id = s.source_id"
                + " JOIN metric_types t ON t.id = s.type_id"
                + " WHERE src.provider = ? AND s.external_id IS NOT NULL AND t.code IN ("
                + types
                + ") ORDER BY s.deleted, s.id")) {
      int i = 1;
      ps.setString(i++, rule.provider());
      for (String type : rule.metricTypes()) {
        ps.setString(i++, type);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getLong(1),
                  rs.getInt(2),
                  rs.getInt(3),
                  rs.getLong(4),
                  rs.getInt(5),
                  rs.getString(6),
                  rs.getInt(7) == 0));
        }
      }
    }
    // Keys already in the new form stay; a legacy row whose new key is taken is the same record.
    Set<String> taken = new HashSet<>();
    for (Row row : rows) {
      if (row.key().startsWith(rule.prefix())) {
        taken.add(row.sourceId() + "/" + row.typeId() + "/" + row.key());
      }
    }
    try (PreparedStatement update =
            c.prepareStatement("UPDATE samples SET external_id = ? WHERE id = ?");
        PreparedStatement delete = c.prepareStatement("DELETE FROM samples WHERE id = ?")) {
      for (Row row : rows) {
        if (row.key().startsWith(rule.prefix())) {
          continue;
        }
        String key = key(rule.prefix(), Instant.ofEpochMilli(row.startMs()));
        if (taken.add(row.sourceId() + "/" + row.typeId() + "/" + key)) {
          update.setString(1, key);
          update.setLong(2, row.id());
          update.executeUpdate();
        } else {
          delete.setLong(1, row.id());
          delete.executeUpdate();
          if (row.live()) {
            recompute.add(
                new Rollups.Group(
                    row.typeId(),
                    row.sourceId(),
                    PreparedSample.epochDay(days, row.startMs(), row.offset())));
          }
        }
      }
    }
  }
}
