package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A store migration written in Java, shared by both engines: its version and description, and its
 * work on the migration's connection inside Flyway's transaction. Flyway keeps no checksum of Java
 * code, so none is given.
 */
abstract class JavaStoreMigration implements JavaMigration {
  private final MigrationVersion version;
  private final String description;

  JavaStoreMigration(MigrationVersion version, String description) {
    this.version = version;
    this.description = description;
  }

  /** The migration's work on {@code c}. */
  abstract void apply(Connection c) throws SQLException;

  @Override
  public final MigrationVersion getVersion() {
    return version;
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return null;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public final void migrate(Context context) throws SQLException {
    apply(context.getConnection());
  }
}
