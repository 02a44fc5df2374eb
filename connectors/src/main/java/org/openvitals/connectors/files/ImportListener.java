package org.openvitals.connectors.files;

/**
 * Receives progress from a running import and can cancel it. Called from the importing thread;
 * implementations hand UI updates to their own thread.
 */
public interface ImportListener {
  ImportListener NONE = new ImportListener() {};

  /** Called at most a few times a second. */
  default void progress(ImportProgress progress) {}

  /** Polled between batches; returning true stops the import after the current commit. */
  default boolean cancelled() {
    return false;
  }
}
