package org.openvitals.core.store.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.openvitals.core.store.sql.SqlDialect;

/**
 * H2's part of the store: a writer that is never in auto-commit mode, no integrity check of its
 * own, sample ids numbered by the store, and lookups that join the wanted keys as a table.
 */
final class H2Dialect implements SqlDialect {

  static final H2Dialect INSTANCE = new H2Dialect();

  private H2Dialect() {}

  @Override
  public void begin(Connection c) {
    // The writer is never in auto-commit mode: a transaction is always open.
  }

  @Override
  public void commit(Connection c) throws SQLException {
    c.commit();
  }

  @Override
  public void rollback(Connection c) throws SQLException {
    c.rollback();
  }

  /** H2 has no integrity check to run; reading every sample (the store's own checks) is one. */
  @Override
  public List<String> integrityProblems(Connection c) {
    return List.of();
  }

  /** {@code samples.id} has no auto-increment in the H2 schema. */
  @Override
  public boolean storeNumbersSamples() {
    return true;
  }

  @Override
  public boolean looksUpOnlyUpToLatestStart() {
    return false;
  }

  /**
   * The keys as one array parameter, joined as a table: H2 uses only the first column of an index
   * for {@code column IN (...)} (for a start-time lookup: every sample of the type, per list),
   * while the join uses every column.
   */
  @Override
  public KeyListQuery keyListQuery(
      Connection c, String table, String columns, String filter, String keyColumn) {
    String sql =
        "SELECT "
            + columns
            + " FROM UNNEST(?) AS wanted(k) JOIN "
            + table
            + " ON "
            + (filter == null ? "" : filter + " AND ")
            + keyColumn
            + " = wanted.k";
    return new KeyListQuery() {
      private PreparedStatement ps;

      @Override
      public void run(int[] filterValues, Object[] keys, RowHandler row) throws SQLException {
        if (ps == null) {
          ps = c.prepareStatement(sql);
        }
        ps.setObject(1, keys);
        for (int i = 0; i < filterValues.length; i++) {
          ps.setInt(i + 2, filterValues[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            row.accept(rs);
          }
        }
      }

      @Override
      public void close() throws SQLException {
        if (ps != null) {
          ps.close();
        }
      }
    };
  }
}
