package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.openvitals.core.store.ResolvedDays;

/** The {@code resolved_days} table behind {@link ResolvedDays}. */
final class ResolvedDaysTable {
  private ResolvedDaysTable() {}

  static Map<LocalDate, ResolvedDays.Entry> read(
      Connection c, int typeId, LocalDate from, LocalDate to) throws SQLException {
    Map<LocalDate, ResolvedDays.Entry> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT epoch_day, fingerprint, result FROM resolved_days"
                + " WHERE type_id = ? AND epoch_day >= ? AND epoch_day <= ?")) {
      ps.setInt(1, typeId);
      ps.setLong(2, from.toEpochDay());
      ps.setLong(3, to.toEpochDay());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              LocalDate.ofEpochDay(rs.getLong(1)),
              new ResolvedDays.Entry(rs.getString(2), rs.getString(3)));
        }
      }
    }
    return out;
  }

  /** Deletes, then inserts: the same SQL on both engines. */
  static void write(Connection c, int typeId, Map<LocalDate, ResolvedDays.Entry> entries)
      throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM resolved_days WHERE type_id = ? AND epoch_day = ?")) {
      for (LocalDate day : entries.keySet()) {
        ps.setInt(1, typeId);
        ps.setLong(2, day.toEpochDay());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO resolved_days (type_id, epoch_day, fingerprint, result)"
                + " VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<LocalDate, ResolvedDays.Entry> e : entries.entrySet()) {
        ps.setInt(1, typeId);
        ps.setLong(2, e.getKey().toEpochDay());
        ps.setString(3, e.getValue().fingerprint());
        ps.setString(4, e.getValue().value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
