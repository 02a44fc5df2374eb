package org.openvitals.core.store.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.openvitals.core.store.StoreException;

/**
 * Creates a new, empty SQLite store's schema without starting Flyway: every migration (the SQL
 * scripts of {@link #SQL_SCRIPTS}, then {@link Migrations#JAVA_MIGRATIONS}) in version order in one
 * transaction, and Flyway's history table with the rows Flyway writes for them (same description,
 * type, script and checksum), so that Flyway takes the store for one it migrated itself and applies
 * only later migrations to it. Flyway's own start (plugin registry, class path scan, parser) was
 * about a third of a CLI import's time outside the import; a store that exists always goes through
 * Flyway. NewStoreSchemaTest creates a store both ways and requires the same schema and history.
 */
final class NewStoreSchema {
  /**
   * The SQL migrations, in {@code db/migration/sqlite}; NewStoreSchemaTest fails when a script
   * there is missing here.
   */
  static final List<String> SQL_SCRIPTS =
      List.of(
          "V1__sample_store.sql",
          "V2__devices.sql",
          "V3__resolved_days.sql",
          "V4__phone_batches.sql",
          "V6__other_samples.sql");

  /** The history table as Flyway creates it in SQLite (text included: sqlite_master keeps it). */
  static final String HISTORY_TABLE =
      """
      CREATE TABLE "flyway_schema_history" (
          "installed_rank" INT NOT NULL PRIMARY KEY,
          "version" VARCHAR(50),
          "description" VARCHAR(200) NOT NULL,
          "type" VARCHAR(20) NOT NULL,
          "script" VARCHAR(1000) NOT NULL,
          "checksum" INT,
          "installed_by" VARCHAR(100) NOT NULL,
          "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
          "execution_time" INT NOT NULL,
          "success" BOOLEAN NOT NULL
      )\
      """;

  static final String HISTORY_INDEX =
      "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")";

  private NewStoreSchema() {}

  /** One migration as Flyway records it, and how to apply it. */
  private record Step(
      int version, String description, String type, String script, Integer checksum, Work work) {}

  @FunctionalInterface
  private interface Work {
    void apply(Connection c) throws SQLException;
  }

  /**
   * Creates the schema if the database holds nothing yet; returns false, touching nothing, when it
   * holds anything (then Flyway migrates it as any existing store).
   */
  static boolean createIfEmpty(DataSource dataSource, String folder) {
    List<Step> steps = steps(folder);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!isEmpty(c)) {
          c.rollback();
          return false;
        }
        try (Statement st = c.createStatement()) {
          st.executeUpdate(HISTORY_TABLE);
          st.executeUpdate(HISTORY_INDEX);
        }
        try (PreparedStatement history =
            c.prepareStatement(
                "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
                    + " \"execution_time\", \"success\") VALUES (?, ?, ?, ?, ?, ?, '', ?, 1)")) {
          int rank = 1;
          for (Step step : steps) {
            long t0 = System.nanoTime();
            step.work().apply(c);
            history.setInt(1, rank++);
            history.setString(2, Integer.toString(step.version()));
            history.setString(3, step.description());
            history.setString(4, step.type());
            history.setString(5, step.script());
            history.setObject(6, step.checksum());
            history.setInt(7, (int) ((System.nanoTime() - t0) / 1_000_000));
            history.executeUpdate();
          }
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("Cannot create the store's schema: " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
      return rs.next() && rs.getInt(1) == 0;
    }
  }

  /** Every migration in version order, as Flyway orders them. */
  private static List<Step> steps(String folder) {
    List<Step> steps = new ArrayList<>();
    for (String name : SQL_SCRIPTS) {
      String sql = read(folder + "/" + name);
      int split = name.indexOf("__");
      steps.add(
          new Step(
              Integer.parseInt(name.substring(1, split)),
              name.substring(split + 2, name.length() - ".sql".length()).replace('_', ' '),
              "SQL",
              name,
              checksum(sql),
              c -> {
                try (Statement st = c.createStatement()) {
                  // sqlite-jdbc runs every statement of the script, as sqlite3_exec does.
                  st.executeUpdate(sql);
                }
              }));
    }
    for (JavaMigration java : Migrations.JAVA_MIGRATIONS) {
      steps.add(
          new Step(
              Integer.parseInt(java.getVersion().getVersion()),
              java.getDescription(),
              "JDBC",
              java.getClass().getName(),
              java.getChecksum(),
              c -> {
                try {
                  java.migrate(new ConnectionOnly(c));
                } catch (SQLException | RuntimeException e) {
                  throw e;
                } catch (Exception e) {
                  throw new SQLException(e);
                }
              }));
    }
    steps.sort(Comparator.comparingInt(Step::version));
    return steps;
  }

  /**
   * Flyway's checksum of a SQL script: CRC-32 of its lines' UTF-8 bytes without line breaks, a
   * byte-order mark dropped (its {@code ChecksumCalculator}).
   */
  static int checksum(String script) {
    CRC32 crc = new CRC32();
    try (BufferedReader lines = new BufferedReader(new StringReader(script))) {
      String line = lines.readLine();
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      for (; line != null; line = lines.readLine()) {
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
  }

  private static String read(String resource) {
    try (InputStream in = NewStoreSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Migration " + resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a Java migration gets from Flyway; ours use only the connection. */
  private record ConnectionOnly(Connection connection) implements Context {
    @Override
    public Connection getConnection() {
      return connection;
    }

    @Override
    public Configuration getConfiguration() {
      throw new UnsupportedOperationException(
          "A new store's schema is created without Flyway's configuration");
    }
  }
}
