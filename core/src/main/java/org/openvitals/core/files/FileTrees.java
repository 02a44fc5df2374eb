package org.openvitals.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders removed with everything in them: temporary stores, training runs, build folders. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code dir} and everything under it, deepest first; nothing when it does not exist. A
   * file that cannot be deleted stops it with that file's exception, leaving the rest in place.
   */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
