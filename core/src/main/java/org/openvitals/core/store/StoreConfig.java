package org.openvitals.core.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which store to open: the data folder holds the database file(s) and everything else OpenVitals
 * keeps. {@code password} is only for H2's encrypted-file mode (null: not encrypted).
 */
public record StoreConfig(Path dataDir, Engine engine, char[] password) {
  public StoreConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(engine, "engine");
    if (password != null && engine != Engine.H2) {
      throw new IllegalArgumentException("Only the H2 engine can encrypt its file");
    }
  }

  public static StoreConfig sqlite(Path dataDir) {
    return new StoreConfig(dataDir, Engine.SQLITE, null);
  }

  public boolean encrypted() {
    return password != null;
  }
}
