package org.openvitals.connectors.applehealth;

import static java.util.Map.entry;

import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.units.Units;

/**
 * HealthKit type identifiers and category values that have a home in the metric catalog. Records of
 * types not listed here are kept as other types and counted by name in the import report; when a
 * type is added here, stores promote its kept records (see {@link AppleHealthImporter#promote}).
 */
final class HealthKitTypes {
  private HealthKitTypes() {}

  static final String QUANTITY = "HKQuantityTypeIdentifier";
  static final String SLEEP_ANALYSIS = "HKCategoryTypeIdentifierSleepAnalysis";
  static final String BLOOD_PRESSURE = "HKCorrelationTypeIdentifierBloodPressure";

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
  static MetricType quantity(String type) {
    if (type == null || !type.startsWith(QUANTITY)) {
      return null;
    }
    return QUANTITIES.get(type.substring(QUANTITY.length()));
  }

  /** The sleep stage of a sleep analysis value, or null when the value is unknown. */
  static MetricType sleepStage(String value) {
    return value == null ? null : SLEEP_VALUES.get(value.strip());
  }

  /** A quantity in the record's unit converted to the metric's canonical unit. */
  static double canonical(MetricType type, double value, String unit) {
    return "%".equals(unit) ? percent(value) : Units.toCanonical(type, value, unit);
  }

  /**
   * HealthKit writes percentages either as fractions (0.98) or, for values typed in by hand, as
   * percents (98); the catalog keeps 0 to 100. No plausible SpO2 or body fat is at or below 1 %.
   */
  static double percent(double value) {
    return value <= 1.0 ? value * 100 : value;
  }
}
