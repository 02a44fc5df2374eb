package org.openvitals.connectors.files;

/**
 * An import stopped before the end of its file. The message is one sentence naming the file and
 * where (line and column, entry, or element) and why; what was committed before stays stored.
 */
public class ImportException extends Exception {
  private final ImportReport partial;

  public ImportException(String message, ImportReport partial, Throwable cause) {
    super(message, cause);
    this.partial = partial;
  }

  /** The counts up to the failure, or null when nothing was read. */
  public ImportReport partial() {
    return partial;
  }
}
