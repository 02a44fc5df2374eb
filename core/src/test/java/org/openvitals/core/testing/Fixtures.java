package org.openvitals.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real sample files in {@code shared/fixtures}, which sits beside the repository (CI
 * clones the project with {@code shared/} next to it). Walks up from the working directory so tests
 * work from any module.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("fixtures");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path sibling = dir.resolveSibling("shared").resolve("fixtures");
      if (Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    throw new IllegalStateException(
        "shared/fixtures not found above " + Path.of("").toAbsolutePath());
  }

  /** A fixture by its path below {@code shared/fixtures}, e.g. {@code apple_health/...}. */
  public static Path path(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("Fixture missing: " + p);
    }
    return p;
  }
}
