package org.openvitals.connectors.files;

import java.time.Instant;
import org.openvitals.core.model.Sample;

/** Widens to every sample an import hands to the store: the report's {@link ImportReport.Span}. */
public final class SampleSpan {
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  public void add(Sample sample) {
    first = Math.min(first, sample.start().toEpochSecond());
    last = Math.max(last, (sample.end() == null ? sample.start() : sample.end()).toEpochSecond());
  }

  /** The span so far; null before the first sample. */
  public ImportReport.Span span() {
    return first > last
        ? null
        : new ImportReport.Span(Instant.ofEpochSecond(first), Instant.ofEpochSecond(last));
  }
}
