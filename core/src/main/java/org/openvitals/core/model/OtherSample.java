package org.openvitals.core.model;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * A record of a type the metric catalog does not know yet, kept as the source wrote it so that it
 * is never lost and can become a {@link Sample} when a later version maps its type (see
 * docs/decisions/0008-unknown-types.md).
 *
 * @param type the source's own identifier (a HealthKit type, a Cronometer column, a CSV header)
 * @param unit the unit as the source wrote it, or null when it gives none
 * @param value the value as the source wrote it (a number, or a category value such as {@code
 *     HKCategoryValueNotApplicable}), or null when the record has none
 * @param externalId the source's id of the record, or null
 * @param metadata free key/value pairs kept from the source (never null)
 */
public record OtherSample(
    String type,
    String unit,
    OffsetDateTime start,
    OffsetDateTime end,
    String value,
    SourceRef source,
    String device,
    String externalId,
    Map<String, String> metadata) {

  public OtherSample {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(source, "source");
    if (type.isBlank()) {
      throw new IllegalArgumentException("A record of another type needs its type's name");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          type + " record ends (" + end + ") before it starts (" + start + ")");
    }
    if (unit != null && unit.isBlank()) {
      unit = null;
    }
    if (externalId != null && externalId.isEmpty()) {
      externalId = null;
    }
    metadata = metadata == null || metadata.isEmpty() ? Map.of() : Map.copyOf(metadata);
  }

  /** The value as a number, or NaN when the source wrote none or a word. */
  public double number() {
    if (value == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * What makes two records the same, as {@link NaturalKey} does for samples: the source's id when
   * it gives one, else the instants and the value.
   */
  public String naturalKey() {
    return externalId != null
        ? "id:" + externalId
        : "at:"
            + start.toInstant().toEpochMilli()
            + "|"
            + end.toInstant().toEpochMilli()
            + "|"
            + value;
  }
}
