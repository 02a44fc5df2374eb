package org.openvitals.core.store;

import java.nio.file.Path;
import java.util.Optional;

/** LOCAL STUB, NEVER COMMIT: replaced by the store helper's class from main. */
public final class Stores {
  private Stores() {}

  public static SampleStore open(StoreConfig config) {
    throw new UnsupportedOperationException("stub");
  }

  public static Optional<Engine> detectEngine(Path dataDir) {
    return Optional.empty();
  }
}
