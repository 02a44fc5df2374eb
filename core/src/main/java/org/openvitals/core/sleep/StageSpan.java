package org.openvitals.core.sleep;

import java.time.OffsetDateTime;

/** One stretch of one stage in a night, as the source recorded it. */
public record StageSpan(Stage stage, OffsetDateTime start, OffsetDateTime end) {

  public double minutes() {
    return (end.toInstant().toEpochMilli() - start.toInstant().toEpochMilli()) / 60_000.0;
  }
}
