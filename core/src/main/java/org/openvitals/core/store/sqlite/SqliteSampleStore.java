package org.openvitals.core.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.StoreException;
import org.openvitals.core.store.sql.Migrations;
import org.openvitals.core.store.sql.SqlSampleStore;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The default store: one SQLite file in WAL mode. One writer connection takes the write lock with
 * {@code BEGIN IMMEDIATE} (so a second process waits for it instead of failing half-way); readers
 * use read-only connections, which WAL lets run while a write is in progress.
 */
public final class SqliteSampleStore extends SqlSampleStore {

  public static final String FILE_NAME = "openvitals.db";

  /** How long a write waits for another process holding the lock before it fails. */
  private static final int BUSY_TIMEOUT_MS = 10_000;

  private static final int IDLE_READERS = 3;

  private SqliteSampleStore(
      Path file, String schemaVersion, Connection writer, SQLiteDataSource r) {
    super(
        Engine.SQLITE,
        file,
        false,
        schemaVersion,
        SqliteDialect.INSTANCE,
        writer,
        r::getConnection,
        IDLE_READERS);
  }

  /** Opens (creating and migrating if needed) the store in {@code dataDir}. */
  public static SqliteSampleStore open(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    String url = "jdbc:sqlite:" + file;
    Connection writer = null;
    try {
      SQLiteDataSource writes = new SQLiteDataSource(writerConfig());
      writes.setUrl(url);
      String version =
          Migrations.migrate(writes, "classpath:db/migration/sqlite", dataDir, Files.exists(file));
      writer = writes.getConnection();
      SQLiteDataSource reads = new SQLiteDataSource(readerConfig());
      reads.setUrl(url);
      return new SqliteSampleStore(file, version, writer, reads);
    } catch (SQLException | RuntimeException e) {
      closeAfterFailedOpen(writer, e);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("Cannot open the SQLite store " + file + ": " + rootMessage(e), e);
    }
  }

  private static SQLiteConfig writerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setCacheSize(-64 * 1024);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    return config;
  }

  private static SQLiteConfig readerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setCacheSize(-16 * 1024);
    return config;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
