package org.openvitals.core.store.h2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.StoreException;
import org.openvitals.core.store.sql.Migrations;
import org.openvitals.core.store.sql.SqlSampleStore;

/**
 * The alternative store: one H2 file ({@code openvitals.mv.db}), optionally encrypted with AES. The
 * one writer connection commits explicitly; readers use their own connections and see committed
 * data only (H2's MVCC), so they run while a write is in progress.
 *
 * <p>H2 takes the file password as the part of the password before the first space, so a passphrase
 * with spaces would silently be cut short. The store therefore hands H2 the hex form of the
 * password's UTF-8 bytes (to open the file with H2's own tools, use that hex string).
 */
public final class H2SampleStore extends SqlSampleStore {

  public static final String FILE_NAME = "openvitals.mv.db";
  private static final String DATABASE_NAME = "openvitals";
  private static final String CREATING_NAME = "openvitals.creating";
  private static final String BEFORE_MIGRATION = ".before-migration";
  private static final String LOCATION = "classpath:db/migration/h2";
  private static final String USER = "openvitals";
  private static final int IDLE_READERS = 3;

  private H2SampleStore(
      Path file, boolean encrypted, String version, Connection writer, JdbcDataSource ds) {
    super(
        Engine.H2,
        file,
        encrypted,
        version,
        H2Dialect.INSTANCE,
        writer,
        () -> openReader(ds),
        IDLE_READERS);
  }

  /**
   * Opens (creating and migrating if needed) the store in {@code dataDir}; with a password, the
   * file is encrypted.
   *
   * @throws StoreException with one sentence when the password is wrong or missing
   */
  public static H2SampleStore open(Path dataDir, char[] password) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    boolean encrypted = password != null;
    JdbcDataSource ds = dataSource(dataDir, DATABASE_NAME, password);
    boolean fileEncrypted = isEncryptedFile(file);
    if (Files.exists(file) && fileEncrypted != encrypted) {
      throw new StoreException(
          "Cannot open the store in "
              + dataDir
              + (fileEncrypted
                  ? ": it is encrypted and needs a password"
                  : ": it is not encrypted, so it cannot be opened with a password"));
    }
    Connection writer = null;
    try {
      String version =
          Migrations.underLock(dataDir, () -> migrateSafely(dataDir, file, ds, password));
      writer = ds.getConnection();
      writer.setAutoCommit(false);
      return new H2SampleStore(file, encrypted, version, writer, ds);
    } catch (SQLException | RuntimeException e) {
      closeAfterFailedOpen(writer, e);
      throw openFailure(dataDir, file, encrypted, e);
    }
  }

  /**
   * Brings the schema up to date so that a kill part-way can be undone: H2 commits every DDL
   * statement on its own, so a migration stopped half-way (by a kill, a full disk) would leave
   * tables that the next attempt trips over, and the store would never open again. A new store is
   * therefore created under another name and renamed into place when complete; an existing one is
   * copied before a migration, and the copy is put back if the migration did not finish.
   */
  private static String migrateSafely(Path dataDir, Path file, JdbcDataSource ds, char[] password)
      throws IOException {
    Path before = file.resolveSibling(FILE_NAME + BEFORE_MIGRATION);
    Path creating = dataDir.resolve(CREATING_NAME + ".mv.db");
    if (Files.exists(before)) {
      Files.move(before, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.deleteIfExists(creating);
    if (!Files.exists(file)) {
      String version =
          Migrations.migrateNow(dataSource(dataDir, CREATING_NAME, password), LOCATION);
      // Its last connection is closed, so H2 has closed the file.
      Files.move(creating, file, StandardCopyOption.ATOMIC_MOVE);
      return version;
    }
    // Before anything else writes: a commit that a kill or a full disk interrupted keeps its rows
    // locked until it is finished.
    try (Connection first = ds.getConnection()) {
      InterruptedCommits.finish(first, file);
      if (Migrations.LATEST.equals(Migrations.appliedVersion(ds))) {
        return Migrations.LATEST;
      }
    } catch (SQLException e) {
      throw openFailure(dataDir, file, password != null, e);
    }
    // The first connection is closed, so H2 has closed the file and the copy is whole.
    Files.copy(file, before, StandardCopyOption.REPLACE_EXISTING);
    String version = Migrations.migrateNow(ds, LOCATION);
    Files.delete(before);
    return version;
  }

  private static JdbcDataSource dataSource(Path dataDir, String name, char[] password) {
    JdbcDataSource ds = new JdbcDataSource();
    // WRITE_DELAY=0: H2 writes the file when a transaction commits, never from its background
    // writer. That writer (every 500 ms by default) saved the maps while a write was part-way, and
    // after a kill H2 kept part of that unfinished transaction: samples without their rollups or
    // checkpoint (see docs/architecture.md, Store).
    ds.setURL(
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().resolve(name)
            + (password != null ? ";CIPHER=AES" : "")
            + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536;WRITE_DELAY=0"
            // No trace: H2's errors reach OpenVitals as exceptions. Routing its trace through SLF4J
            // (TRACE_LEVEL_FILE=4) cost a level check per statement: reads 1.2x to 1.6x slower in
            // the store benchmarks (bench/README.md), and no trace file beside the health data.
            + ";TRACE_LEVEL_FILE=0");
    ds.setUser(USER);
    if (password != null) {
      String key = HexFormat.of().formatHex(new String(password).getBytes(StandardCharsets.UTF_8));
      // File password, a space, then the database user's password.
      ds.setPasswordChars((key + " " + key).toCharArray());
    } else {
      ds.setPassword("");
    }
    return ds;
  }

  private static StoreException openFailure(
      Path dataDir, Path file, boolean encrypted, Exception e) {
    if (e instanceof StoreException se) {
      return se;
    }
    SQLException sql = sqlCause(e);
    int code = sql == null ? 0 : sql.getErrorCode();
    // With a wrong key the decrypted header is garbage, which H2 reports as a corrupt file.
    if (encrypted
        && (code == ErrorCode.FILE_CORRUPTED_1
            || code == ErrorCode.FILE_ENCRYPTION_ERROR_1
            || code == ErrorCode.WRONG_USER_OR_PASSWORD)) {
      return new StoreException(
          "Cannot open the encrypted store in " + dataDir + ": wrong password", e);
    }
    if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
      return new StoreException(
          "Cannot open the store in " + dataDir + ": another OpenVitals process is using it", e);
    }
    return new StoreException(
        "Cannot open the H2 store " + file + ": " + (sql != null ? sql.getMessage() : e), e);
  }

  /** Whether {@code file} is an encrypted H2 file (H2 starts every file it encrypts so). */
  public static boolean isEncryptedFile(Path file) {
    byte[] magic = "H2encrypt".getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(magic.length), magic);
    } catch (IOException e) {
      return false;
    }
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private static Connection openReader(JdbcDataSource ds) throws SQLException {
    Connection c = ds.getConnection();
    c.setReadOnly(true);
    return c;
  }
}
