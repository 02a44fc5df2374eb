package org.openvitals.connectors.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
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

  /**
   * The sample a record kept as another type becomes now that this importer maps its type, or empty
   * when it does not (or when the record is another importer's). {@link OtherTypes} asks this for
   * the records an earlier version kept, so a newly mapped type needs no re-import.
   */
  default Optional<Sample> promote(OtherSample record) {
    return Optional.empty();
  }
}
