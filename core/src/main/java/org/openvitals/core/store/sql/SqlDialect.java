package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the engines under the one schema: transaction control, the engine's own
 * integrity check, who numbers new sample rows, and the form of a lookup by a list of keys. Each
 * engine package implements it next to its store ({@code sqlite/SqliteDialect}, {@code
 * h2/H2Dialect}); the rest of the store is the same SQL for both.
 */
public interface SqlDialect {

  /** Starts a write transaction on the writer connection. */
  void begin(Connection c) throws SQLException;

  void commit(Connection c) throws SQLException;

  void rollback(Connection c) throws SQLException;

  /** The engine's own integrity check; empty when healthy. */
  List<String> integrityProblems(Connection c) throws SQLException;

  /**
   * Whether the store numbers new sample rows itself ({@code MAX(id) + 1} onwards) because the
   * engine does not pick them.
   */
  boolean storeNumbersSamples();

  /**
   * Whether the natural-key lookup first asks each type's latest stored start and looks up only
   * samples that start at or before it: an import arrives in time order, so most of a batch is then
   * known to be new without a lookup.
   */
  boolean looksUpOnlyUpToLatestStart();

  /**
   * A query for the samples whose {@code keyColumn} equals one of a list of keys. The statement
   * selects {@code columns} of table {@code samples} under {@code filter} (equality conditions with
   * one {@code ?} per filter value, for example {@code "type_id = ?"}); it is prepared once and run
   * for many key lists.
   */
  default KeyListQuery keyListQuery(Connection c, String columns, String filter, String keyColumn) {
    return keyListQuery(c, "samples", columns, filter, keyColumn);
  }

  /**
   * As {@link #keyListQuery(Connection, String, String, String)}, over any table of the store;
   * {@code filter} may be null for none. Columns are named without the table.
   */
  KeyListQuery keyListQuery(
      Connection c, String table, String columns, String filter, String keyColumn);

  /** A prepared lookup by a list of keys; see {@link #keyListQuery}. */
  interface KeyListQuery extends AutoCloseable {

    /**
     * Runs the lookup for {@code filterValues} (in the order of the filter's parameters) and {@code
     * keys} (an array of the key column's Java type: {@code String[]}, {@code Long[]}), handing
     * each row found to {@code row}. A key that is stored nowhere yields no row.
     */
    void run(int[] filterValues, Object[] keys, RowHandler row) throws SQLException;

    @Override
    void close() throws SQLException;
  }

  /** Takes one row of a result set, positioned on it. */
  @FunctionalInterface
  interface RowHandler {
    void accept(ResultSet rs) throws SQLException;
  }
}
