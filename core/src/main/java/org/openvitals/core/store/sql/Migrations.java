package org.openvitals.core.store.sql;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.openvitals.core.store.StoreException;

/**
 * Brings a store's schema to the newest migration with Flyway. A store already at that version
 * opens without starting Flyway: its start-up (plugin registry, classpath scan, history checks)
 * costs about a third of a second of every app start, for nothing to do; a new SQLite store is
 * created without it too ({@link NewStoreSchema}).
 */
public final class Migrations {
  /**
   * The newest migration in {@code db/migration/<engine>} or {@link #JAVA_MIGRATIONS};
   * MigrationsTest keeps it equal to them, so adding a migration without raising this fails the
   * build.
   */
  public static final String LATEST = "8";

  /** Migrations written in Java (both engines), after the SQL files of {@code db/migration}. */
  static final List<JavaMigration> JAVA_MIGRATIONS =
      List.of(new ConnectorKeysMigration(), new SampleUuidsMigration());

  private Migrations() {}

  /** The file in the data folder whose lock a process holds while it migrates the store. */
  public static final String LOCK_FILE = "openvitals.migration.lock";

  /** How long a process waits for another one's migration, as long as a write waits for a lock. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(10);

  private static final String CLASSPATH = "classpath:";

  /**
   * Migrates if needed and returns the schema version the store is at. A SQLite store that does not
   * exist yet gets the newest schema from {@link NewStoreSchema}, without Flyway. Two processes
   * opening a folder with no store yet (or an older one) must not both migrate: SQLite then fails
   * one of them half-way with SQLITE_BUSY_SNAPSHOT. So the migration runs under a lock on {@link
   * #LOCK_FILE} in {@code dataDir}; the second process waits for it (up to {@link #LOCK_WAIT}) and
   * finds the store up to date.
   */
  public static String migrate(
      DataSource dataSource, String location, Path dataDir, boolean storeExists) {
    // No connection before the lock while the store's file does not exist yet: processes that
    // open a brand-new SQLite file in WAL mode at the same moment broke one another's shared
    // memory (SIGBUS in ConcurrentFirstUseTest once opening got fast), so creation is one at a
    // time.
    if (storeExists && LATEST.equals(appliedVersion(dataSource))) {
      return LATEST;
    }
    return underLock(
        dataDir,
        () -> {
          if (LATEST.equals(appliedVersion(dataSource))) {
            return LATEST; // the other process migrated it meanwhile
          }
          if (!storeExists
              && NewStoreSchema.createIfEmpty(dataSource, location.substring(CLASSPATH.length()))) {
            return LATEST;
          }
          return migrateNow(dataSource, location);
        });
  }

  /**
   * Runs Flyway now; the caller holds the lock. The version it reached is read back from its
   * history table as {@link #appliedVersion} reads it: asking Flyway ({@code info()}) would scan
   * the migrations and validate them a second time, about a tenth of a new store's creation.
   */
  public static String migrateNow(DataSource dataSource, String location) {
    Flyway.configure()
        .loggers("slf4j")
        .dataSource(dataSource)
        .locations(location)
        .javaMigrations(JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
        .load()
        .migrate();
    String version = appliedVersion(dataSource);
    if (version == null) {
      throw new StoreException("Flyway migrated the store but recorded no successful migration");
    }
    return version;
  }

  /** Work on the store's schema, done while holding the lock. */
  @FunctionalInterface
  public interface SchemaWork {
    String run() throws IOException;
  }

  /** Runs {@code work} under the data folder's migration lock, waiting for another process. */
  public static String underLock(Path dataDir, SchemaWork work) {
    try (FileChannel channel =
            FileChannel.open(
                dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = waitForLock(channel, dataDir)) {
      return work.run();
    } catch (IOException e) {
      throw new StoreException("Cannot prepare the store in " + dataDir + ": " + e, e);
    }
  }

  private static FileLock waitForLock(FileChannel channel, Path dataDir) throws IOException {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException sameProcess) {
        // Another store of this process is migrating the folder: wait the same way.
      }
      if (System.nanoTime() > deadline) {
        throw new StoreException(
            "Cannot open the store in "
                + dataDir
                + ": another OpenVitals process has been creating or updating it for "
                + LOCK_WAIT.toSeconds()
                + " s; try again when it has finished");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("Interrupted while waiting to open the store in " + dataDir, e);
      }
    }
  }

  /** The version of the last successful migration, or null for a new or unreadable history. */
  public static String appliedVersion(DataSource dataSource) {
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
