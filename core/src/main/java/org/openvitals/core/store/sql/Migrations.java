package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a store's schema to the newest migration with Flyway. A store already at that version
 * opens without starting Flyway: its start-up (plugin registry, classpath scan, history checks)
 * costs about a third of a second of every app start, for nothing to do.
 */
public final class Migrations {
  /**
   * The newest migration in {@code db/migration/<engine>}; MigrationsTest keeps it equal to the
   * files, so adding a migration without raising this fails the build.
   */
  public static final String LATEST = "6";

  private Migrations() {}

  /** Migrates if needed and returns the schema version the store is at. */
  public static String migrate(DataSource dataSource, String location) {
    if (LATEST.equals(appliedVersion(dataSource))) {
      return LATEST;
    }
    Flyway flyway =
        Flyway.configure().loggers("slf4j").dataSource(dataSource).locations(location).load();
    flyway.migrate();
    return flyway.info().current().getVersion().getVersion();
  }

  /** The version of the last successful migration, or null for a new or unreadable history. */
  static String appliedVersion(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                    + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException noHistoryYet) {
      return null;
    }
  }
}
