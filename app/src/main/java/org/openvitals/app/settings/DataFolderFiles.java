package org.openvitals.app.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvitals.core.files.FileTrees;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.Stores;
import org.openvitals.core.store.h2.H2SampleStore;

/**
 * The files in a data folder that hold the user's health data: the database of either engine (with
 * SQLite's write-ahead log and H2's trace and lock files), the token vault of connected providers
 * and the assistant's conversation. Everything else in the folder (settings files, the demo store)
 * is not theirs.
 */
final class DataFolderFiles {
  private static final List<String> STORE_FILES =
      List.of(
          Stores.fileName(Engine.SQLITE),
          Stores.fileName(Engine.SQLITE) + "-wal",
          Stores.fileName(Engine.SQLITE) + "-shm",
          Stores.fileName(Engine.SQLITE) + "-journal",
          Stores.fileName(Engine.H2),
          "openvitals.trace.db",
          "openvitals.lock.db");

  /** Provider tokens and their key (see the connectors' token vault). */
  static final String VAULT = "vault";

  /**
   * Folders of the user's data besides the database: tokens, the assistant's conversation, the map
   * tiles around the person's routes, the cloud sources' lock files.
   */
  private static final List<String> FOLDERS =
      List.of(
          VAULT,
          org.openvitals.app.assistant.Conversations.FOLDER,
          org.openvitals.app.maps.TileCache.FOLDER,
          org.openvitals.connectors.sync.SyncEngine.LOCK_FOLDER);

  private DataFolderFiles() {}

  /** What a folder holds: a store of some engine, possibly encrypted, or nothing yet. */
  record Contents(Path folder, Optional<Engine> engine, boolean encrypted) {
    boolean empty() {
      return engine.isEmpty();
    }
  }

  static Contents inspect(Path folder) {
    Optional<Engine> engine = Stores.detectEngine(folder);
    boolean encrypted =
        engine.orElse(null) == Engine.H2
            && H2SampleStore.isEncryptedFile(folder.resolve(Stores.fileName(Engine.H2)));
    return new Contents(folder, engine, encrypted);
  }

  /** The store files and the vault and assistant folders present in {@code folder}. */
  static List<Path> present(Path folder) {
    List<Path> out = new ArrayList<>();
    for (String name : STORE_FILES) {
      Path file = folder.resolve(name);
      if (Files.exists(file)) {
        out.add(file);
      }
    }
    for (String name : FOLDERS) {
      Path sub = folder.resolve(name);
      if (Files.exists(sub)) {
        out.add(sub);
      }
    }
    return out;
  }

  /**
   * Deletes the store files, the vault and the assistant's conversation; the store must be closed.
   */
  static void delete(Path folder) {
    for (Path path : present(folder)) {
      try {
        if (Files.isDirectory(path)) {
          FileTrees.delete(path);
        } else {
          Files.delete(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not delete " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
