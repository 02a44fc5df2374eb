package org.openvitals.core.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.store.sql.SqlDialect;

/**
 * SQLite's part of the store: explicit {@code BEGIN IMMEDIATE} transactions, {@code PRAGMA
 * integrity_check}, row ids picked by SQLite, and lookups by {@code IN} lists.
 */
final class SqliteDialect implements SqlDialect {

  static final SqliteDialect INSTANCE = new SqliteDialect();

  /** Keys looked up per statement when finding which samples of a batch are already stored. */
  private static final int LOOKUP_CHUNK = 500;

  private SqliteDialect() {}

  // The writer stays in auto-commit mode and brackets each write itself: sqlite-jdbc's own
  // transaction handling would begin the next transaction right after each commit.
  @Override
  public void begin(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
    }
  }

  @Override
  public void commit(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("COMMIT");
    }
  }

  @Override
  public void rollback(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back on its own (e.g. after an I/O error).
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        throw e;
      }
    }
  }

  @Override
  public List<String> integrityProblems(Connection c) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (!"ok".equals(line)) {
          problems.add("SQLite integrity check: " + line);
        }
      }
    }
    return problems;
  }

  /** {@code samples.id} is SQLite's row id, which it numbers itself. */
  @Override
  public boolean storeNumbersSamples() {
    return false;
  }

  /** The latest start of a type is one seek at the end of the (type, start) index. */
  @Override
  public boolean looksUpOnlyUpToLatestStart() {
    return true;
  }

  @Override
  public KeyListQuery keyListQuery(
      Connection c, String table, String columns, String filter, String keyColumn) {
    String where = filter == null ? " WHERE " : " WHERE " + filter + " AND ";
    return new InListQuery(c, "SELECT " + columns + " FROM " + table + where, keyColumn);
  }

  /**
   * {@code column IN (...)}, at most {@value #LOOKUP_CHUNK} keys to a statement. A shorter list
   * goes to a statement sized to the next power of two, its last key repeated to fill it, so a
   * batch with a few keys per type binds a few parameters rather than a full chunk's worth.
   * Statements are prepared once per size.
   */
  private static final class InListQuery implements KeyListQuery {
    private final Connection c;
    private final String select;
    private final String column;
    private final Map<Integer, PreparedStatement> bySize = new HashMap<>();

    InListQuery(Connection c, String select, String column) {
      this.c = c;
      this.select = select;
      this.column = column;
    }

    @Override
    public void run(int[] filterValues, Object[] keys, RowHandler row) throws SQLException {
      for (int from = 0; from < keys.length; from += LOOKUP_CHUNK) {
        int count = Math.min(LOOKUP_CHUNK, keys.length - from);
        int size = Math.max(1, Math.min(LOOKUP_CHUNK, Integer.highestOneBit(count - 1) << 1));
        PreparedStatement ps = statement(size);
        for (int i = 0; i < filterValues.length; i++) {
          ps.setInt(i + 1, filterValues[i]);
        }
        for (int i = 0; i < size; i++) {
          ps.setObject(filterValues.length + 1 + i, keys[from + Math.min(i, count - 1)]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            row.accept(rs);
          }
        }
      }
    }

    private PreparedStatement statement(int size) throws SQLException {
      PreparedStatement ps = bySize.get(size);
      if (ps == null) {
        String in = String.join(", ", Collections.nCopies(size, "?"));
        ps = c.prepareStatement(select + column + " IN (" + in + ")");
        bySize.put(size, ps);
      }
      return ps;
    }

    @Override
    public void close() throws SQLException {
      SQLException first = null;
      for (PreparedStatement ps : bySize.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }
}
