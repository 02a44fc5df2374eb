package org.openvitals.connectors.applehealth;

import static java.util.Map.entry;

import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * HealthKit type identifiers and category values that have a home in the metric catalog, and how
 * their values, sources and devices become a {@link org.openvitals.core.model.Sample}'s. Types not
 * listed here are counted by name in the import report, never silently dropped. The export importer
 * and the phone endpoint (ios-bridge) both map through this class, so a sample that reaches the
 * store by either path has the same natural key.
 */
public final class HealthKitTypes {
  private HealthKitTypes() {}

  /** The provider of every HealthKit source, whether read from an export or sent by the phone. */
  public static final String PROVIDER = "apple_health";

  public static final String SYNC_ID = "HKMetadataKeySyncIdentifier";
  public static final String QUANTITY = "HKQuantityTypeIdentifier";
  public static final String SLEEP_ANALYSIS = "HKCategoryTypeIdentifierSleepAnalysis";
  public static final String BLOOD_PRESSURE = "HKCorrelationTypeIdentifierBloodPressure";
  public static final String BASAL_BODY_TEMPERATURE =
      "HKQuantityTypeIdentifierBasalBodyTemperature";
  public static final String WORKOUT_ACTIVITY_PREFIX = "HKWorkoutActivityType";

  private static final Map<String, MetricType> QUANTITIES =
      Map.ofEntries(
          entry("StepCount", MetricType.STEPS),
          entry("DistanceWalkingRunning", MetricType.DISTANCE),
          entry("DistanceCycling", MetricType.CYCLING_DISTANCE),
          entry("DistanceSwimming", MetricType.SWIMMING_DISTANCE),
          entry("ActiveEnergyBurned", MetricType.ACTIVE_ENERGY),
          entry("BasalEnergyBurned", MetricType.BASAL_ENERGY),
          entry("FlightsClimbed", MetricType.FLIGHTS_CLIMBED),
          entry("AppleExerciseTime", MetricType.EXERCISE_TIME),
          entry("AppleStandTime", MetricType.STAND_TIME),
          entry("HeartRate", MetricType.HEART_RATE),
          entry("RestingHeartRate", MetricType.RESTING_HEART_RATE),
          entry("WalkingHeartRateAverage", MetricType.WALKING_HEART_RATE),
          entry("HeartRateVariabilitySDNN", MetricType.HRV_SDNN),
          entry("VO2Max", MetricType.VO2_MAX),
          entry("OxygenSaturation", MetricType.OXYGEN_SATURATION),
          entry("RespiratoryRate", MetricType.RESPIRATORY_RATE),
          entry("BodyTemperature", MetricType.BODY_TEMPERATURE),
          // A body temperature taken at rest; kept apart in metadata (see BASAL_TEMPERATURE).
          entry("BasalBodyTemperature", MetricType.BODY_TEMPERATURE),
          entry("AppleSleepingWristTemperature", MetricType.SLEEPING_WRIST_TEMPERATURE),
          entry("BloodPressureSystolic", MetricType.BLOOD_PRESSURE_SYSTOLIC),
          entry("BloodPressureDiastolic", MetricType.BLOOD_PRESSURE_DIASTOLIC),
          entry("BloodGlucose", MetricType.BLOOD_GLUCOSE),
          entry("BodyMass", MetricType.BODY_MASS),
          entry("BodyFatPercentage", MetricType.BODY_FAT_PERCENTAGE),
          entry("LeanBodyMass", MetricType.LEAN_BODY_MASS),
          entry("BodyMassIndex", MetricType.BODY_MASS_INDEX),
          entry("Height", MetricType.HEIGHT),
          entry("WaistCircumference", MetricType.WAIST_CIRCUMFERENCE),
          entry("DietaryEnergyConsumed", MetricType.DIETARY_ENERGY),
          entry("DietaryProtein", MetricType.PROTEIN),
          entry("DietaryCarbohydrates", MetricType.CARBOHYDRATES),
          entry("DietaryFatTotal", MetricType.FAT_TOTAL),
          entry("DietaryFatSaturated", MetricType.FAT_SATURATED),
          entry("DietaryFiber", MetricType.FIBER),
          entry("DietarySugar", MetricType.SUGAR),
          entry("DietarySodium", MetricType.SODIUM),
          entry("DietaryPotassium", MetricType.POTASSIUM),
          entry("DietaryCholesterol", MetricType.CHOLESTEROL),
          entry("DietaryCalcium", MetricType.CALCIUM),
          entry("DietaryIron", MetricType.IRON),
          entry("DietaryVitaminC", MetricType.VITAMIN_C),
          entry("DietaryCaffeine", MetricType.CAFFEINE),
          entry("DietaryWater", MetricType.WATER));

  /**
   * Sleep analysis values, by name (both the pre-iOS 16 {@code Asleep} and the newer {@code
   * AsleepUnspecified}) and by HealthKit's raw number, which some third-party exports write.
   */
  private static final Map<String, MetricType> SLEEP_VALUES =
      Map.ofEntries(
          entry("HKCategoryValueSleepAnalysisInBed", MetricType.SLEEP_IN_BED),
          entry("HKCategoryValueSleepAnalysisAsleep", MetricType.SLEEP_ASLEEP),
          entry("HKCategoryValueSleepAnalysisAsleepUnspecified", MetricType.SLEEP_ASLEEP),
          entry("HKCategoryValueSleepAnalysisAsleepCore", MetricType.SLEEP_CORE),
          entry("HKCategoryValueSleepAnalysisAsleepDeep", MetricType.SLEEP_DEEP),
          entry("HKCategoryValueSleepAnalysisAsleepREM", MetricType.SLEEP_REM),
          entry("HKCategoryValueSleepAnalysisAwake", MetricType.SLEEP_AWAKE),
          entry("0", MetricType.SLEEP_IN_BED),
          entry("1", MetricType.SLEEP_ASLEEP),
          entry("2", MetricType.SLEEP_AWAKE),
          entry("3", MetricType.SLEEP_CORE),
          entry("4", MetricType.SLEEP_DEEP),
          entry("5", MetricType.SLEEP_REM));

  /** The catalog metric of a quantity type identifier, or null. */
  public static MetricType quantity(String type) {
    if (type == null || !type.startsWith(QUANTITY)) {
      return null;
    }
    return QUANTITIES.get(type.substring(QUANTITY.length()));
  }

  /**
   * The HealthKit identifier of a catalog metric, or null when HealthKit has none: the reverse of
   * {@link #quantity} (a basal body temperature is told apart by its metadata, see
   * BASAL_TEMPERATURE), and {@link #SLEEP_ANALYSIS} for sleep stages.
   */
  public static String identifier(MetricType type) {
    if (SLEEP_RAW.containsKey(type)) {
      return SLEEP_ANALYSIS;
    }
    return QUANTITIES.entrySet().stream()
        .filter(e -> e.getValue() == type && !BASAL_BODY_TEMPERATURE.equals(QUANTITY + e.getKey()))
        .map(e -> QUANTITY + e.getKey())
        .findFirst()
        .orElse(null);
  }

  /**
   * HealthKit's raw HKCategoryValueSleepAnalysis number of a sleep stage, as the phone sends it.
   */
  private static final Map<MetricType, Integer> SLEEP_RAW =
      Map.of(
          MetricType.SLEEP_IN_BED, 0,
          MetricType.SLEEP_ASLEEP, 1,
          MetricType.SLEEP_AWAKE, 2,
          MetricType.SLEEP_CORE, 3,
          MetricType.SLEEP_DEEP, 4,
          MetricType.SLEEP_REM, 5);

  /** The raw category value of a sleep stage, or -1 for another metric. */
  public static int sleepValue(MetricType stage) {
    return SLEEP_RAW.getOrDefault(stage, -1);
  }

  /** The sleep stage of a sleep analysis value, or null when the value is unknown. */
  public static MetricType sleepStage(String value) {
    return value == null ? null : SLEEP_VALUES.get(value.strip());
  }

  /**
   * HealthKit writes percentages either as fractions (0.98) or, for values typed in by hand, as
   * percents (98); the catalog keeps 0 to 100. No plausible SpO2 or body fat is at or below 1 %.
   */
  static double percent(double value) {
    return value <= 1.0 ? value * 100 : value;
  }

  /**
   * A quantity's value in the catalog's canonical unit, from the HealthKit unit string it was
   * written in; an unknown unit is an {@link IllegalArgumentException} naming it.
   */
  public static double canonicalValue(MetricType type, double value, String unit) {
    return "%".equals(unit) ? percent(value) : Units.toCanonical(type, value, unit);
  }

  /**
   * The source of a HealthKit sample by its name. Unicode spaces become plain ones: localised
   * exports write "Apple\u00A0Watch" (fr_FR), which is the same watch as "Apple Watch" elsewhere.
   */
  public static SourceRef source(String name) {
    String n = name == null ? "" : name.replace('\u00A0', ' ').replace('\u202F', ' ').strip();
    return new SourceRef(PROVIDER, n.isEmpty() ? "Unknown source" : n);
  }

  /**
   * An HKDevice as the export prints it once its object address is removed ({@code name:Apple
   * Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.4}), from its
   * properties; absent ones are left out. Null when every property is absent.
   */
  public static String device(
      String name, String manufacturer, String model, String hardware, String software) {
    StringBuilder d = new StringBuilder();
    appendDevicePart(d, "name", name);
    appendDevicePart(d, "manufacturer", manufacturer);
    appendDevicePart(d, "model", model);
    appendDevicePart(d, "hardware", hardware);
    appendDevicePart(d, "software", software);
    return d.isEmpty() ? null : d.toString();
  }

  private static void appendDevicePart(StringBuilder d, String key, String value) {
    if (value != null && !value.isBlank()) {
      d.append(d.isEmpty() ? "" : ", ").append(key).append(':').append(value.strip());
    }
  }
}
