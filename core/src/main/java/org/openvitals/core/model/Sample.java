package org.openvitals.core.model;

import java.time.OffsetDateTime;
import java.util.Locale;
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

  /**
   * The longest device, id, metadata key or value kept (an HRV beat list, the longest real one,
   * runs to a few thousand characters); longer ones come from damaged or crafted files.
   */
  public static final int MAX_TEXT_CHARS = 16_384;

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
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (e.getKey().length() > MAX_TEXT_CHARS || e.getValue().length() > MAX_TEXT_CHARS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s sample has a metadata entry of %,d characters; at most %,d are kept",
                type.id(),
                Math.max(e.getKey().length(), e.getValue().length()),
                MAX_TEXT_CHARS));
      }
    }
    if ((device != null && device.length() > MAX_TEXT_CHARS)
        || (externalId != null && externalId.length() > MAX_TEXT_CHARS)) {
      throw new IllegalArgumentException(
          type.id() + " sample has a device or id longer than the " + MAX_TEXT_CHARS + " kept");
    }
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
