package org.openvitals.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.openvitals.core.store.h2.H2SampleStore;
import org.openvitals.core.store.sqlite.SqliteSampleStore;

/** Opens the store a {@link StoreConfig} names. */
public final class Stores {
  private Stores() {}

  /**
   * Opens the store in the config's data folder, creating the folder and the database if needed and
   * bringing the schema up to date.
   *
   * @throws StoreException when the folder cannot be created, already holds the other engine's
   *     store, or the database cannot be opened (for H2: a wrong password)
   */
  public static SampleStore open(StoreConfig config) {
    Path dir = config.dataDir().toAbsolutePath();
    try {
      PrivateFiles.createFolder(dir);
    } catch (IOException e) {
      throw new StoreException("Cannot create the data folder " + dir + ": " + e, e);
    }
    Optional<Engine> existing = detectEngine(dir);
    if (existing.isPresent() && !Files.isRegularFile(dir.resolve(fileName(config.engine())))) {
      throw new StoreException(
          "The data folder "
              + dir
              + " holds an "
              + displayName(existing.get())
              + " store, not "
              + displayName(config.engine())
              + "; open it with the "
              + existing.get().id()
              + " engine or choose another folder");
    }
    SampleStore store =
        switch (config.engine()) {
          case SQLITE -> SqliteSampleStore.open(dir);
          case H2 -> H2SampleStore.open(dir, config.password());
        };
    try {
      // The engines create their files with the umask; the folder is already owner-only.
      PrivateFiles.tighten(dir);
    } catch (IOException | RuntimeException notOurs) {
      // A file owned by someone else stays as it is; doctor names it.
    }
    return store;
  }

  /** The database file of an engine, inside the data folder. */
  public static String fileName(Engine engine) {
    return switch (engine) {
      case SQLITE -> SqliteSampleStore.FILE_NAME;
      case H2 -> H2SampleStore.FILE_NAME;
    };
  }

  /**
   * Which engine's database already exists in {@code dataDir}, if any; when both do, the one
   * written last.
   */
  public static Optional<Engine> detectEngine(Path dataDir) {
    Path sqlite = dataDir.resolve(SqliteSampleStore.FILE_NAME);
    Path h2 = dataDir.resolve(H2SampleStore.FILE_NAME);
    boolean hasSqlite = Files.isRegularFile(sqlite);
    boolean hasH2 = Files.isRegularFile(h2);
    if (hasSqlite && hasH2) {
      return Optional.of(modified(h2).compareTo(modified(sqlite)) > 0 ? Engine.H2 : Engine.SQLITE);
    }
    return hasSqlite
        ? Optional.of(Engine.SQLITE)
        : hasH2 ? Optional.of(Engine.H2) : Optional.empty();
  }

  private static String displayName(Engine engine) {
    return engine == Engine.SQLITE ? "SQLite" : "H2";
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
