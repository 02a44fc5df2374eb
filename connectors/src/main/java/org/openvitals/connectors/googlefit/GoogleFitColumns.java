package org.openvitals.connectors.googlefit;

import java.util.Map;
import java.util.Optional;
import org.openvitals.connectors.csv.HeaderName;
import org.openvitals.core.model.MetricType;

/**
 * What Google Fit's "Daily activity metrics" columns and "All Data" data types are in the catalog.
 * Columns are found by name in any order, since their set and order vary between exports (see
 * ../shared/fixtures/google_fit/NOTES.md); a column or type not listed here is kept as another type
 * under its own name (docs/decisions/0008-unknown-types.md).
 *
 * <p>Google Fit's calories ({@code Calories (kcal)}, {@code com.google.calories.expended}) are the
 * total spent including the resting (basal) part, which the catalog has no metric for; they are
 * kept as another type rather than passed off as active energy.
 */
final class GoogleFitColumns {
  private GoogleFitColumns() {}

  /** A catalog metric and the unit Google Fit writes it in. */
  record Target(MetricType metric, String unit) {}

  /** Daily activity metrics columns, by folded name (without the unit in brackets). */
  private static final Map<String, Target> COLUMNS =
      Map.of(
          "step count", new Target(MetricType.STEPS, "{count}"),
          "distance", new Target(MetricType.DISTANCE, "m"),
          "average weight", new Target(MetricType.BODY_MASS, "kg"),
          "average heart rate", new Target(MetricType.HEART_RATE, "/min"),
          "move minutes count", new Target(MetricType.MOVE_TIME, "min"));

  /** All Data types with one value, by {@code dataTypeName}. */
  private static final Map<String, Target> DATA_TYPES =
      Map.ofEntries(
          Map.entry("com.google.step_count.delta", new Target(MetricType.STEPS, "{count}")),
          Map.entry("com.google.distance.delta", new Target(MetricType.DISTANCE, "m")),
          Map.entry("com.google.heart_rate.bpm", new Target(MetricType.HEART_RATE, "/min")),
          Map.entry("com.google.weight", new Target(MetricType.BODY_MASS, "kg")),
          Map.entry("com.google.height", new Target(MetricType.HEIGHT, "m")),
          Map.entry(
              "com.google.body.fat.percentage", new Target(MetricType.BODY_FAT_PERCENTAGE, "%")),
          Map.entry("com.google.oxygen_saturation", new Target(MetricType.OXYGEN_SATURATION, "%")),
          Map.entry("com.google.body.temperature", new Target(MetricType.BODY_TEMPERATURE, "Cel")),
          Map.entry("com.google.blood_glucose", new Target(MetricType.BLOOD_GLUCOSE, "mmol/L")),
          Map.entry("com.google.hydration", new Target(MetricType.WATER, "L")),
          Map.entry("com.google.active_minutes", new Target(MetricType.MOVE_TIME, "min")),
          Map.entry(
              "com.google.respiratory_rate", new Target(MetricType.RESPIRATORY_RATE, "/min")));

  static Optional<Target> column(String header) {
    return Optional.ofNullable(COLUMNS.get(HeaderName.parse(header).key()));
  }

  static Optional<Target> dataType(String name) {
    return Optional.ofNullable(DATA_TYPES.get(name));
  }

  /**
   * Google Fit's sleep stages ({@code com.google.sleep.segment} intVal): 1 awake, 2 sleep, 3 out of
   * bed, 4 light, 5 deep, 6 REM. Out of bed has no metric.
   */
  static Optional<MetricType> sleepStage(long value) {
    return Optional.ofNullable(
        switch ((int) value) {
          case 1 -> MetricType.SLEEP_AWAKE;
          case 2 -> MetricType.SLEEP_ASLEEP;
          case 4 -> MetricType.SLEEP_CORE;
          case 5 -> MetricType.SLEEP_DEEP;
          case 6 -> MetricType.SLEEP_REM;
          default -> null;
        });
  }
}
