package org.openvitals.core.model;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * One measured value. Start and end keep the UTC offset the source wrote them with; the value is in
 * the metric's canonical unit.
 *
 * @param device the recording device as the source describes it, or null
 * @param externalId the provider's id or HealthKit UUID, or null when the source gives none
 * @param metadata free key/value pairs kept from the source (never null)
 */
public record Sample(
    MetricType type,
    OffsetDateTime start,
    OffsetDateTime end,
    double value,
    SourceRef source,
    String device,
    String externalId,
    Map<String, String> metadata) {

  public Sample {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(source, "source");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          type.id() + " sample ends (" + end + ") before it starts (" + start + ")");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(type.id() + " sample has no finite value: " + value);
    }
    if (externalId != null && externalId.isEmpty()) {
      externalId = null;
    }
    metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
  }

  /** A sample with no device, external id or metadata. */
  public static Sample of(
      MetricType type, OffsetDateTime start, OffsetDateTime end, double value, SourceRef source) {
    return new Sample(type, start, end, value, source, null, null, Map.of());
  }

  public long durationSeconds() {
    return end.toEpochSecond() - start.toEpochSecond();
  }
}
