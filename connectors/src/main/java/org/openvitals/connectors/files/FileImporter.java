package org.openvitals.connectors.files;

import java.io.IOException;
import java.nio.file.Path;
import org.openvitals.core.store.SampleStore;

/**
 * Reads one kind of export file into the store. Implementations stream (never load the whole file),
 * commit in batches so that a failure or cancel keeps what was committed, and are idempotent: the
 * same file imported twice stores nothing the second time.
 *
 * <p>Register an implementation with one line in {@code
 * META-INF/services/org.openvitals.connectors.files.FileImporter}.
 */
public interface FileImporter {

  /** Stable id, e.g. {@code apple_health}, {@code cronometer}; also the {@code --format} value. */
  String id();

  /** A name for people, e.g. "Apple Health export". */
  String displayName();

  /**
   * Whether this importer reads {@code file}, judged by its name and first bytes (a zip's entry
   * names, a CSV's header row). Must be cheap: it runs for every importer on every dropped file.
   */
  boolean canRead(Path file) throws IOException;

  /**
   * Imports {@code file}. Record-level problems are counted in the report and skipped; a file that
   * cannot be read to the end throws {@link ImportException} naming the file and the place, after
   * committing everything before that place.
   */
  ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException;
}
