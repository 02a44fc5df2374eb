package org.openvitals.connectors.applehealth;

import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;

/** Where the parser puts what it maps. The importer writes to the store; the benchmark counts. */
interface SampleSink {

  /** A record of a type the catalog does not know, kept as written. */
  void other(OtherSample o);

  /** A sample of the element being read. */
  void sample(Sample s);

  /**
   * A sample read inside a Correlation. Apple also writes each of these as a top-level Record, so
   * it must not be counted twice.
   */
  void correlationCopy(Sample s);

  /**
   * A sample whose element was read earlier but which waited for something read later (a workout
   * whose route file came after export.xml in the zip). Never skipped on resume.
   */
  void deferred(Sample s);

  /** The top-level element {@code ordinal} (1-based, in file order) is fully read. */
  void elementDone(long ordinal) throws Stop;

  /** Ends an import early: the user cancelled, or the store refused a write. */
  final class Stop extends Exception {
    private final boolean cancelled;

    Stop(boolean cancelled, String message, Throwable cause) {
      super(message, cause);
      this.cancelled = cancelled;
    }

    boolean cancelled() {
      return cancelled;
    }
  }
}
