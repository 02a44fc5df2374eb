package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.openvitals.core.store.StoreException;

/**
 * Version 8: {@code sample_uuids} keeps each HealthKit UUID as two 64-bit integers ({@code
 * uuid_hi}, {@code uuid_lo}) instead of its 36 characters of text.
 *
 * <p>Phone UUIDs are random, so every batch of new samples inserts its UUIDs all over the table's
 * key order and each commit writes most of the table's pages again (a 5,000-sample batch wrote
 * about 17 MB of WAL at the end of a 512,000-sample sync). Rows of about 25 bytes instead of 45
 * make the table about 0.6x the pages, and the writes and commits of a batch about 0.67x the CPU
 * (bench/README.md, "Phone sync"). The key stays (UUID, type), so the table still refuses a second
 * row for a pair.
 *
 * <p>Java, not SQL: SQLite has no function that reads a UUID's hex digits as an integer, and both
 * engines share it. Tombstones keep their text keys: they are few and only looked up.
 */
final class SampleUuidsMigration extends JavaStoreMigration {
  static final MigrationVersion VERSION = MigrationVersion.fromVersion("8");

  private static final int ROWS_PER_BATCH = 1_000;

  SampleUuidsMigration() {
    super(VERSION, "sample uuids as integers");
  }

  @Override
  void apply(Connection c) throws SQLException {
    migrate(c);
  }

  static void migrate(Connection c) throws SQLException {
    if (hasIntegerKeys(c)) {
      return; // run again after its history row was lost: the table is converted already
    }
    boolean sqlite = c.getMetaData().getDatabaseProductName().toLowerCase().contains("sqlite");
    try (Statement st = c.createStatement()) {
      st.executeUpdate("ALTER TABLE sample_uuids RENAME TO sample_uuids_text");
      st.executeUpdate(
          sqlite
              ? "CREATE TABLE sample_uuids (uuid_hi INTEGER NOT NULL, uuid_lo INTEGER NOT NULL,"
                  + " type_id INTEGER NOT NULL, sample_id INTEGER NOT NULL,"
                  + " PRIMARY KEY (uuid_hi, uuid_lo, type_id)) WITHOUT ROWID"
              : "CREATE TABLE sample_uuids (uuid_hi BIGINT NOT NULL, uuid_lo BIGINT NOT NULL,"
                  + " type_id INTEGER NOT NULL, sample_id BIGINT NOT NULL,"
                  + " PRIMARY KEY (uuid_hi, uuid_lo, type_id))");
    }
    copyRows(c);
    try (Statement st = c.createStatement()) {
      // Dropping the old table drops its index by sample id, whose name the new one takes.
      st.executeUpdate("DROP TABLE sample_uuids_text");
      st.executeUpdate("CREATE INDEX sample_uuids_sample ON sample_uuids (sample_id)");
    }
  }

  private static boolean hasIntegerKeys(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM sample_uuids WHERE 1 = 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        if (rs.getMetaData().getColumnName(i).equalsIgnoreCase("uuid_hi")) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A backup's {@code sample_uuids} written before this version, with its UUIDs as their integer
   * halves; any other table as it is.
   */
  static SqlSampleStore.Table fromTextRows(SqlSampleStore.Table table) {
    if (!table.name().equals("sample_uuids") || !table.columns().contains("uuid")) {
      return table;
    }
    int at = table.columns().indexOf("uuid");
    List<String> columns = new ArrayList<>();
    for (String column : table.columns()) {
      if (column.equals("uuid")) {
        columns.add("uuid_hi");
        columns.add("uuid_lo");
      } else {
        columns.add(column);
      }
    }
    List<Object[]> rows = new ArrayList<>(table.rows().size());
    for (Object[] row : table.rows()) {
      UUID uuid = parse(String.valueOf(row[at]), "a restored row");
      Object[] converted = new Object[row.length + 1];
      System.arraycopy(row, 0, converted, 0, at);
      converted[at] = uuid.getMostSignificantBits();
      converted[at + 1] = uuid.getLeastSignificantBits();
      System.arraycopy(row, at + 1, converted, at + 2, row.length - at - 1);
      rows.add(converted);
    }
    return new SqlSampleStore.Table(table.name(), columns, rows);
  }

  private static UUID parse(String text, String where) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "Cannot convert sample_uuids: "
              + where
              + " has the UUID '"
              + text
              + "', which is not one",
          e);
    }
  }

  /**
   * Copies every row in the text key's order: two ascending runs of the new key (its halves compare
   * signed), so the new table is written nearly front to back.
   */
  private static void copyRows(Connection c) throws SQLException {
    try (Statement read = c.createStatement();
        ResultSet rs =
            read.executeQuery(
                "SELECT uuid, type_id, sample_id FROM sample_uuids_text ORDER BY uuid, type_id");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO sample_uuids (uuid_hi, uuid_lo, type_id, sample_id)"
                    + " VALUES (?, ?, ?, ?)")) {
      int pending = 0;
      while (rs.next()) {
        UUID uuid = parse(rs.getString(1), "the row of sample " + rs.getLong(3));
        insert.setLong(1, uuid.getMostSignificantBits());
        insert.setLong(2, uuid.getLeastSignificantBits());
        insert.setInt(3, rs.getInt(2));
        insert.setLong(4, rs.getLong(3));
        insert.addBatch();
        if (++pending == ROWS_PER_BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
  }
}
