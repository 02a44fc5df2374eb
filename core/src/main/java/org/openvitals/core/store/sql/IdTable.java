package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One table of things samples refer to by id (sources, device descriptions), cached both ways. An
 * entry is created on first sight inside a write and reaches the cache only when that write
 * commits, so a rolled-back write leaves no id behind that the database does not have. Another
 * process writing to the same file may have created an entry since this store loaded its cache: a
 * miss asks the database before creating one, and a reader meeting an unknown id reads it.
 *
 * @param <K> what an entry stands for
 */
final class IdTable<K> {

  /** Binds a key's columns from parameter {@code index} on. */
  @FunctionalInterface
  interface Binder<K> {
    void bind(PreparedStatement ps, int index, K key) throws SQLException;
  }

  /** Reads a key from its columns, column {@code index} on. */
  @FunctionalInterface
  interface Reader<K> {
    K read(ResultSet rs, int index) throws SQLException;
  }

  private final String table;
  private final String noun;
  private final List<String> keyColumns;
  private final List<String> insertColumns;
  private final Binder<K> bindKey;
  private final Binder<K> bindInsert;
  private final Reader<K> readKey;

  private final Map<K, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Integer, K> byId = new ConcurrentHashMap<>();

  /** Entries first seen in the running write; touched only under the store's write lock. */
  private final Map<K, Integer> pending = new HashMap<>();

  /**
   * @param noun what an entry is called in an error message
   * @param keyColumns the columns that identify an entry, bound by {@code bindKey}
   * @param insertColumns the columns a new entry is inserted with (after its id), bound by {@code
   *     bindInsert}
   */
  IdTable(
      String table,
      String noun,
      List<String> keyColumns,
      Binder<K> bindKey,
      Reader<K> readKey,
      List<String> insertColumns,
      Binder<K> bindInsert) {
    this.table = table;
    this.noun = noun;
    this.keyColumns = List.copyOf(keyColumns);
    this.bindKey = bindKey;
    this.readKey = readKey;
    this.insertColumns = List.copyOf(insertColumns);
    this.bindInsert = bindInsert;
  }

  /** Fills the cache with every entry stored. */
  void load(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT id, " + String.join(", ", keyColumns) + " FROM " + table)) {
      while (rs.next()) {
        K key = readKey.read(rs, 2);
        ids.put(key, rs.getInt(1));
        byId.put(rs.getInt(1), key);
      }
    }
  }

  /** The id of {@code key}, creating the entry on first sight; call inside a write. */
  int idOf(Connection c, K key) throws SQLException {
    Integer id = ids.get(key);
    if (id == null) {
      id = pending.get(key);
    }
    if (id != null) {
      return id;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM "
                + table
                + " WHERE "
                + String.join(" = ? AND ", keyColumns)
                + " = ?")) {
      bindKey.bind(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          id = rs.getInt(1);
        }
      }
    }
    if (id == null) {
      id = (int) Jdbc.queryLong(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM " + table);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + table
                  + " (id, "
                  + String.join(", ", insertColumns)
                  + ") VALUES ("
                  + Jdbc.placeholders(insertColumns.size() + 1)
                  + ")")) {
        ps.setInt(1, id);
        bindInsert.bind(ps, 2, key);
        ps.executeUpdate();
      }
    }
    pending.put(key, id);
    return id;
  }

  /** The entry an id stands for, read from the database when this store has not seen it. */
  K entry(Connection c, int id) throws SQLException {
    K key = byId.get(id);
    if (key != null) {
      return key;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + String.join(", ", keyColumns) + " FROM " + table + " WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException(
              "Stored data refers to " + noun + " id " + id + ", which is missing");
        }
        key = readKey.read(rs, 1);
      }
    }
    byId.put(id, key);
    return key;
  }

  /** Publishes the entries the write created, once it has committed. */
  void committed() {
    pending.forEach((key, id) -> {
      ids.put(key, id);
      byId.put(id, key);
    });
    pending.clear();
  }

  /** Forgets the entries of a write that did not commit. */
  void discardPending() {
    pending.clear();
  }
}
