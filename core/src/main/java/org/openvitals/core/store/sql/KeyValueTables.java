package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The two key/value tables: {@code state} (cursors and checkpoints that commit with the samples)
 * and {@code settings} (the store's own, such as its day boundaries).
 */
final class KeyValueTables {
  private KeyValueTables() {}

  static void putStates(Connection c, Map<String, String> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    upsert(c, "state", "state_key", "state_value", entries);
  }

  static Optional<String> state(Connection c, String key) throws SQLException {
    return get(c, "SELECT state_value FROM state WHERE state_key = ?", key);
  }

  /** The state entries whose key starts with {@code prefix}, sorted by key. */
  static Map<String, String> stateWithPrefix(Connection c, String prefix) throws SQLException {
    Map<String, String> found = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT state_key, state_value FROM state WHERE state_key >= ? ORDER BY state_key")) {
      ps.setString(1, prefix);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(1);
          if (!key.startsWith(prefix)) {
            break;
          }
          found.put(key, rs.getString(2));
        }
      }
    }
    return Collections.unmodifiableMap(found);
  }

  static void removeState(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM state WHERE state_key = ?")) {
      ps.setString(1, key);
      ps.executeUpdate();
    }
  }

  static void putSetting(Connection c, String name, String value) throws SQLException {
    upsert(c, "settings", "name", "val", Map.of(name, value));
  }

  static Optional<String> setting(Connection c, String name) throws SQLException {
    return get(c, "SELECT val FROM settings WHERE name = ?", name);
  }

  private static Optional<String> get(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Update-then-insert works the same on both engines and needs no engine-specific syntax. */
  private static void upsert(
      Connection c, String table, String keyColumn, String valueColumn, Map<String, String> entries)
      throws SQLException {
    List<Map.Entry<String, String>> list = new ArrayList<>(entries.entrySet());
    int[] counts;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE " + table + " SET " + valueColumn + " = ? WHERE " + keyColumn + " = ?")) {
      for (Map.Entry<String, String> e : list) {
        ps.setString(1, e.getValue());
        ps.setString(2, e.getKey());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + table + " (" + keyColumn + ", " + valueColumn + ") VALUES (?, ?)")) {
      boolean any = false;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          ps.setString(1, list.get(i).getKey());
          ps.setString(2, list.get(i).getValue());
          ps.addBatch();
          any = true;
        }
      }
      if (any) {
        ps.executeBatch();
      }
    }
  }
}
