package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Every table of a store's schema, found from the database's own catalog rather than listed here,
 * so a table a later migration adds is copied by backups without anyone remembering it. Flyway's
 * history is the one table left out: a restored store has its own.
 */
final class StoreTables {
  private static final String FLYWAY_HISTORY = "flyway_schema_history";

  private StoreTables() {}

  /** The store's tables, lower case, sorted. */
  static List<String> names(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    boolean h2 = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
    TreeSet<String> names = new TreeSet<>();
    try (ResultSet rs = meta.getTables(null, h2 ? "PUBLIC" : null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.equals(FLYWAY_HISTORY) && !name.startsWith("sqlite_")) {
          names.add(name);
        }
      }
    }
    return List.copyOf(names);
  }

  /** Receives one table: its column names, then each row's values in that order. */
  interface RowSink {
    void table(String name, List<String> columns) throws SQLException;

    void row(Object[] values) throws SQLException;
  }

  /** Reads every row of every table, in a stable order (by all columns). */
  static void read(Connection c, RowSink sink) throws SQLException {
    for (String table : names(c)) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
        }
        sink.table(table, columns);
        while (rs.next()) {
          Object[] row = new Object[n];
          for (int i = 1; i <= n; i++) {
            row[i - 1] = rs.getObject(i);
          }
          sink.row(row);
        }
      }
    }
  }

  /** Empties {@code table} and inserts {@code rows}, on the caller's transaction. */
  static void replace(Connection c, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    if (!names(c).contains(table)) {
      throw new SQLException(
          "the backup has a table '"
              + table
              + "' this version does not know (made by a newer"
              + " version of OpenVitals?)");
    }
    try (Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM " + table);
    }
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + Jdbc.placeholders(columns.size())
            + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int pending = 0;
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.addBatch();
        if (++pending == 1000) {
          ps.executeBatch();
          pending = 0;
        }
      }
      ps.executeBatch();
    }
  }
}
