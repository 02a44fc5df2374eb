package org.openvitals.connectors.applehealth;

import static java.util.Map.entry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * HealthKit type identifiers and category values that have a home in the metric catalog, and how
 * their values, sources and devices become a {@link org.openvitals.core.model.Sample}'s. Records of
 * types not listed here are kept as other types and counted by name in the import report; when a
 * type is added here, stores promote its kept records (see {@link AppleHealthImporter#promote}).
 * The export importer and the phone endpoint (ios-bridge) both map through this class, so a sample
 * that reaches the store by either path has the same natural key.
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
          entry("DietaryWater", MetricType.WATER),
          entry("DistanceWheelchair", MetricType.WHEELCHAIR_DISTANCE),
          entry("PushCount", MetricType.PUSH_COUNT),
          entry("DistanceDownhillSnowSports", MetricType.DOWNHILL_SNOW_SPORTS_DISTANCE),
          entry("DistanceCrossCountrySkiing", MetricType.CROSS_COUNTRY_SKIING_DISTANCE),
          entry("DistancePaddleSports", MetricType.PADDLE_SPORTS_DISTANCE),
          entry("DistanceRowing", MetricType.ROWING_DISTANCE),
          entry("DistanceSkatingSports", MetricType.SKATING_SPORTS_DISTANCE),
          entry("SwimmingStrokeCount", MetricType.SWIMMING_STROKES),
          entry("NikeFuel", MetricType.NIKE_FUEL),
          entry("AppleMoveTime", MetricType.MOVE_TIME),
          entry("PhysicalEffort", MetricType.PHYSICAL_EFFORT),
          entry("WorkoutEffortScore", MetricType.WORKOUT_EFFORT_SCORE),
          entry("EstimatedWorkoutEffortScore", MetricType.ESTIMATED_WORKOUT_EFFORT_SCORE),
          entry("CyclingCadence", MetricType.CYCLING_CADENCE),
          entry("CyclingPower", MetricType.CYCLING_POWER),
          entry("CyclingFunctionalThresholdPower", MetricType.CYCLING_FTP),
          entry("CyclingSpeed", MetricType.CYCLING_SPEED),
          entry("RunningSpeed", MetricType.RUNNING_SPEED),
          entry("RunningPower", MetricType.RUNNING_POWER),
          entry("RunningStrideLength", MetricType.RUNNING_STRIDE_LENGTH),
          entry("RunningVerticalOscillation", MetricType.RUNNING_VERTICAL_OSCILLATION),
          entry("RunningGroundContactTime", MetricType.RUNNING_GROUND_CONTACT_TIME),
          entry("RowingSpeed", MetricType.ROWING_SPEED),
          entry("PaddleSportsSpeed", MetricType.PADDLE_SPORTS_SPEED),
          entry("CrossCountrySkiingSpeed", MetricType.CROSS_COUNTRY_SKIING_SPEED),
          entry("UnderwaterDepth", MetricType.UNDERWATER_DEPTH),
          entry("WaterTemperature", MetricType.WATER_TEMPERATURE),
          entry("HeartRateRecoveryOneMinute", MetricType.HEART_RATE_RECOVERY),
          entry("AtrialFibrillationBurden", MetricType.ATRIAL_FIBRILLATION_BURDEN),
          entry("PeripheralPerfusionIndex", MetricType.PERIPHERAL_PERFUSION_INDEX),
          entry("AppleWalkingSteadiness", MetricType.WALKING_STEADINESS),
          entry("WalkingSpeed", MetricType.WALKING_SPEED),
          entry("WalkingStepLength", MetricType.WALKING_STEP_LENGTH),
          entry("WalkingAsymmetryPercentage", MetricType.WALKING_ASYMMETRY),
          entry("WalkingDoubleSupportPercentage", MetricType.WALKING_DOUBLE_SUPPORT),
          entry("StairAscentSpeed", MetricType.STAIR_ASCENT_SPEED),
          entry("StairDescentSpeed", MetricType.STAIR_DESCENT_SPEED),
          entry("SixMinuteWalkTestDistance", MetricType.SIX_MINUTE_WALK_DISTANCE),
          entry("EnvironmentalAudioExposure", MetricType.ENVIRONMENTAL_AUDIO_EXPOSURE),
          entry("HeadphoneAudioExposure", MetricType.HEADPHONE_AUDIO_EXPOSURE),
          entry("EnvironmentalSoundReduction", MetricType.ENVIRONMENTAL_SOUND_REDUCTION),
          entry("ForcedVitalCapacity", MetricType.FORCED_VITAL_CAPACITY),
          entry("ForcedExpiratoryVolume1", MetricType.FORCED_EXPIRATORY_VOLUME_1),
          entry("PeakExpiratoryFlowRate", MetricType.PEAK_EXPIRATORY_FLOW_RATE),
          entry("AppleSleepingBreathingDisturbances", MetricType.SLEEPING_BREATHING_DISTURBANCES),
          entry("InhalerUsage", MetricType.INHALER_USAGE),
          entry("TimeInDaylight", MetricType.TIME_IN_DAYLIGHT),
          entry("UVExposure", MetricType.UV_EXPOSURE),
          entry("BloodAlcoholContent", MetricType.BLOOD_ALCOHOL_CONTENT),
          entry("NumberOfAlcoholicBeverages", MetricType.ALCOHOLIC_BEVERAGES),
          entry("InsulinDelivery", MetricType.INSULIN_DELIVERY),
          entry("NumberOfTimesFallen", MetricType.TIMES_FALLEN),
          entry("ElectrodermalActivity", MetricType.ELECTRODERMAL_ACTIVITY),
          entry("DietaryFatMonounsaturated", MetricType.FAT_MONOUNSATURATED),
          entry("DietaryFatPolyunsaturated", MetricType.FAT_POLYUNSATURATED),
          entry("DietaryThiamin", MetricType.THIAMIN),
          entry("DietaryRiboflavin", MetricType.RIBOFLAVIN),
          entry("DietaryNiacin", MetricType.NIACIN),
          entry("DietaryPantothenicAcid", MetricType.PANTOTHENIC_ACID),
          entry("DietaryVitaminB6", MetricType.VITAMIN_B6),
          entry("DietaryBiotin", MetricType.BIOTIN),
          entry("DietaryFolate", MetricType.FOLATE),
          entry("DietaryVitaminB12", MetricType.VITAMIN_B12),
          entry("DietaryVitaminA", MetricType.VITAMIN_A),
          entry("DietaryVitaminD", MetricType.VITAMIN_D),
          entry("DietaryVitaminE", MetricType.VITAMIN_E),
          entry("DietaryVitaminK", MetricType.VITAMIN_K),
          entry("DietaryChloride", MetricType.CHLORIDE),
          entry("DietaryChromium", MetricType.CHROMIUM),
          entry("DietaryCopper", MetricType.COPPER),
          entry("DietaryIodine", MetricType.IODINE),
          entry("DietaryMagnesium", MetricType.MAGNESIUM),
          entry("DietaryManganese", MetricType.MANGANESE),
          entry("DietaryMolybdenum", MetricType.MOLYBDENUM),
          entry("DietaryPhosphorus", MetricType.PHOSPHORUS),
          entry("DietarySelenium", MetricType.SELENIUM),
          entry("DietaryZinc", MetricType.ZINC));

  /** How a category record becomes a value of its metric. */
  public enum CategoryValue {
    /** One event (a notification, a handwash): the day's sum counts them. */
    COUNT,
    /** The record's length in minutes (a mindful session, a symptom, a cycle-tracking entry). */
    DURATION,
    /** An Apple stand hour: 1 when stood, 0 when idle, so the day's sum is the hours stood. */
    STOOD
  }

  /** The catalog metric of a category type and how its records' values are read. */
  public record CategoryRule(MetricType metric, CategoryValue kind) {
    public double value(String categoryValue, OffsetDateTime start, OffsetDateTime end) {
      return switch (kind) {
        case COUNT -> 1;
        case DURATION -> Duration.between(start, end).toMillis() / 60_000.0;
        case STOOD -> stood(categoryValue);
      };
    }

    /** HealthKit's raw numbers are Stood = 0 and Idle = 1. */
    private static double stood(String value) {
      String v = value == null ? "" : value.strip();
      if (v.endsWith("Stood") || v.equals("0")) {
        return 1;
      }
      if (v.endsWith("Idle") || v.equals("1")) {
        return 0;
      }
      throw new IllegalArgumentException("unknown stand hour value '" + value + "'");
    }
  }

  static final String CATEGORY = "HKCategoryTypeIdentifier";

  /** Where the category value (flow, severity, test result) of a category record is kept. */
  public static final String CATEGORY_VALUE = "category_value";

  /**
   * Category types other than sleep analysis (whose values are stages, see {@link #sleepStage}).
   * Symptoms and cycle-tracking entries keep their severity or result in {@link #CATEGORY_VALUE}.
   */
  private static final Map<String, CategoryRule> CATEGORIES =
      Map.ofEntries(
          entry("AppleStandHour", new CategoryRule(MetricType.STAND_HOURS, CategoryValue.STOOD)),
          entry(
              "MindfulSession",
              new CategoryRule(MetricType.MINDFUL_MINUTES, CategoryValue.DURATION)),
          entry("HandwashingEvent", new CategoryRule(MetricType.HANDWASHING, CategoryValue.COUNT)),
          entry(
              "ToothbrushingEvent",
              new CategoryRule(MetricType.TOOTHBRUSHING, CategoryValue.COUNT)),
          entry(
              "HighHeartRateEvent",
              new CategoryRule(MetricType.HIGH_HEART_RATE_EVENTS, CategoryValue.COUNT)),
          entry(
              "LowHeartRateEvent",
              new CategoryRule(MetricType.LOW_HEART_RATE_EVENTS, CategoryValue.COUNT)),
          entry(
              "IrregularHeartRhythmEvent",
              new CategoryRule(MetricType.IRREGULAR_RHYTHM_EVENTS, CategoryValue.COUNT)),
          entry(
              "LowCardioFitnessEvent",
              new CategoryRule(MetricType.LOW_CARDIO_FITNESS_EVENTS, CategoryValue.COUNT)),
          entry(
              "AppleWalkingSteadinessEvent",
              new CategoryRule(MetricType.WALKING_STEADINESS_EVENTS, CategoryValue.COUNT)),
          entry(
              "EnvironmentalAudioExposureEvent",
              new CategoryRule(
                  MetricType.ENVIRONMENTAL_AUDIO_EXPOSURE_EVENTS, CategoryValue.COUNT)),
          entry( // its name before iOS 14
              "AudioExposureEvent",
              new CategoryRule(
                  MetricType.ENVIRONMENTAL_AUDIO_EXPOSURE_EVENTS, CategoryValue.COUNT)),
          entry(
              "HeadphoneAudioExposureEvent",
              new CategoryRule(MetricType.HEADPHONE_AUDIO_EXPOSURE_EVENTS, CategoryValue.COUNT)),
          entry(
              "SleepApneaEvent",
              new CategoryRule(MetricType.SLEEP_APNEA_EVENTS, CategoryValue.COUNT)),
          entry(
              "MenstrualFlow", new CategoryRule(MetricType.MENSTRUAL_FLOW, CategoryValue.DURATION)),
          entry(
              "IntermenstrualBleeding",
              new CategoryRule(MetricType.INTERMENSTRUAL_BLEEDING, CategoryValue.DURATION)),
          entry(
              "CervicalMucusQuality",
              new CategoryRule(MetricType.CERVICAL_MUCUS_QUALITY, CategoryValue.DURATION)),
          entry(
              "OvulationTestResult",
              new CategoryRule(MetricType.OVULATION_TEST_RESULT, CategoryValue.DURATION)),
          entry(
              "PregnancyTestResult",
              new CategoryRule(MetricType.PREGNANCY_TEST_RESULT, CategoryValue.DURATION)),
          entry(
              "ProgesteroneTestResult",
              new CategoryRule(MetricType.PROGESTERONE_TEST_RESULT, CategoryValue.DURATION)),
          entry(
              "SexualActivity",
              new CategoryRule(MetricType.SEXUAL_ACTIVITY, CategoryValue.DURATION)),
          entry(
              "Contraceptive", new CategoryRule(MetricType.CONTRACEPTIVE, CategoryValue.DURATION)),
          entry("Lactation", new CategoryRule(MetricType.LACTATION, CategoryValue.DURATION)),
          entry("Pregnancy", new CategoryRule(MetricType.PREGNANCY, CategoryValue.DURATION)),
          entry(
              "BleedingDuringPregnancy",
              new CategoryRule(MetricType.BLEEDING_DURING_PREGNANCY, CategoryValue.DURATION)),
          entry(
              "BleedingAfterPregnancy",
              new CategoryRule(MetricType.BLEEDING_AFTER_PREGNANCY, CategoryValue.DURATION)),
          entry(
              "InfrequentMenstrualCycles",
              new CategoryRule(MetricType.INFREQUENT_MENSTRUAL_CYCLES, CategoryValue.DURATION)),
          entry(
              "IrregularMenstrualCycles",
              new CategoryRule(MetricType.IRREGULAR_MENSTRUAL_CYCLES, CategoryValue.DURATION)),
          entry(
              "PersistentIntermenstrualBleeding",
              new CategoryRule(
                  MetricType.PERSISTENT_INTERMENSTRUAL_BLEEDING, CategoryValue.DURATION)),
          entry(
              "ProlongedMenstrualPeriods",
              new CategoryRule(MetricType.PROLONGED_MENSTRUAL_PERIODS, CategoryValue.DURATION)),
          entry(
              "AbdominalCramps",
              new CategoryRule(MetricType.SYMPTOM_ABDOMINAL_CRAMPS, CategoryValue.DURATION)),
          entry("Acne", new CategoryRule(MetricType.SYMPTOM_ACNE, CategoryValue.DURATION)),
          entry(
              "AppetiteChanges",
              new CategoryRule(MetricType.SYMPTOM_APPETITE_CHANGES, CategoryValue.DURATION)),
          entry(
              "BladderIncontinence",
              new CategoryRule(MetricType.SYMPTOM_BLADDER_INCONTINENCE, CategoryValue.DURATION)),
          entry("Bloating", new CategoryRule(MetricType.SYMPTOM_BLOATING, CategoryValue.DURATION)),
          entry(
              "BreastPain",
              new CategoryRule(MetricType.SYMPTOM_BREAST_PAIN, CategoryValue.DURATION)),
          entry(
              "ChestTightnessOrPain",
              new CategoryRule(MetricType.SYMPTOM_CHEST_TIGHTNESS_OR_PAIN, CategoryValue.DURATION)),
          entry("Chills", new CategoryRule(MetricType.SYMPTOM_CHILLS, CategoryValue.DURATION)),
          entry(
              "Constipation",
              new CategoryRule(MetricType.SYMPTOM_CONSTIPATION, CategoryValue.DURATION)),
          entry("Coughing", new CategoryRule(MetricType.SYMPTOM_COUGHING, CategoryValue.DURATION)),
          entry("Diarrhea", new CategoryRule(MetricType.SYMPTOM_DIARRHEA, CategoryValue.DURATION)),
          entry(
              "Dizziness", new CategoryRule(MetricType.SYMPTOM_DIZZINESS, CategoryValue.DURATION)),
          entry("DrySkin", new CategoryRule(MetricType.SYMPTOM_DRY_SKIN, CategoryValue.DURATION)),
          entry("Fainting", new CategoryRule(MetricType.SYMPTOM_FAINTING, CategoryValue.DURATION)),
          entry("Fatigue", new CategoryRule(MetricType.SYMPTOM_FATIGUE, CategoryValue.DURATION)),
          entry("Fever", new CategoryRule(MetricType.SYMPTOM_FEVER, CategoryValue.DURATION)),
          entry(
              "GeneralizedBodyAche",
              new CategoryRule(MetricType.SYMPTOM_GENERALIZED_BODY_ACHE, CategoryValue.DURATION)),
          entry("HairLoss", new CategoryRule(MetricType.SYMPTOM_HAIR_LOSS, CategoryValue.DURATION)),
          entry("Headache", new CategoryRule(MetricType.SYMPTOM_HEADACHE, CategoryValue.DURATION)),
          entry(
              "Heartburn", new CategoryRule(MetricType.SYMPTOM_HEARTBURN, CategoryValue.DURATION)),
          entry(
              "HotFlashes",
              new CategoryRule(MetricType.SYMPTOM_HOT_FLASHES, CategoryValue.DURATION)),
          entry(
              "LossOfSmell",
              new CategoryRule(MetricType.SYMPTOM_LOSS_OF_SMELL, CategoryValue.DURATION)),
          entry(
              "LossOfTaste",
              new CategoryRule(MetricType.SYMPTOM_LOSS_OF_TASTE, CategoryValue.DURATION)),
          entry(
              "LowerBackPain",
              new CategoryRule(MetricType.SYMPTOM_LOWER_BACK_PAIN, CategoryValue.DURATION)),
          entry(
              "MemoryLapse",
              new CategoryRule(MetricType.SYMPTOM_MEMORY_LAPSE, CategoryValue.DURATION)),
          entry(
              "MoodChanges",
              new CategoryRule(MetricType.SYMPTOM_MOOD_CHANGES, CategoryValue.DURATION)),
          entry("Nausea", new CategoryRule(MetricType.SYMPTOM_NAUSEA, CategoryValue.DURATION)),
          entry(
              "NightSweats",
              new CategoryRule(MetricType.SYMPTOM_NIGHT_SWEATS, CategoryValue.DURATION)),
          entry(
              "PelvicPain",
              new CategoryRule(MetricType.SYMPTOM_PELVIC_PAIN, CategoryValue.DURATION)),
          entry(
              "RapidPoundingOrFlutteringHeartbeat",
              new CategoryRule(
                  MetricType.SYMPTOM_RAPID_POUNDING_OR_FLUTTERING_HEARTBEAT,
                  CategoryValue.DURATION)),
          entry(
              "RunnyNose", new CategoryRule(MetricType.SYMPTOM_RUNNY_NOSE, CategoryValue.DURATION)),
          entry(
              "ShortnessOfBreath",
              new CategoryRule(MetricType.SYMPTOM_SHORTNESS_OF_BREATH, CategoryValue.DURATION)),
          entry(
              "SinusCongestion",
              new CategoryRule(MetricType.SYMPTOM_SINUS_CONGESTION, CategoryValue.DURATION)),
          entry(
              "SkippedHeartbeat",
              new CategoryRule(MetricType.SYMPTOM_SKIPPED_HEARTBEAT, CategoryValue.DURATION)),
          entry(
              "SleepChanges",
              new CategoryRule(MetricType.SYMPTOM_SLEEP_CHANGES, CategoryValue.DURATION)),
          entry(
              "SoreThroat",
              new CategoryRule(MetricType.SYMPTOM_SORE_THROAT, CategoryValue.DURATION)),
          entry(
              "VaginalDryness",
              new CategoryRule(MetricType.SYMPTOM_VAGINAL_DRYNESS, CategoryValue.DURATION)),
          entry("Vomiting", new CategoryRule(MetricType.SYMPTOM_VOMITING, CategoryValue.DURATION)),
          entry("Wheezing", new CategoryRule(MetricType.SYMPTOM_WHEEZING, CategoryValue.DURATION)));

  /** The rule of a category type identifier, or null. */
  public static CategoryRule category(String type) {
    if (type == null || !type.startsWith(CATEGORY)) {
      return null;
    }
    return CATEGORIES.get(type.substring(CATEGORY.length()));
  }

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
    return Identifiers.BY_METRIC.get(type);
  }

  /**
   * {@link #identifier}'s answers, worked out once on first use (searching every type per sample
   * was a tenth of phone-sim's time). No two quantity or category types share a metric but for
   * basal body temperature, which is left out, so the answers do not depend on the maps' order.
   */
  private static final class Identifiers {
    static final Map<MetricType, String> BY_METRIC = byMetric();

    private static Map<MetricType, String> byMetric() {
      Map<MetricType, String> ids = new EnumMap<>(MetricType.class);
      QUANTITIES.forEach((name, metric) -> {
        if (!BASAL_BODY_TEMPERATURE.equals(QUANTITY + name)) {
          ids.putIfAbsent(metric, QUANTITY + name);
        }
      });
      CATEGORIES.forEach((name, rule) -> ids.putIfAbsent(rule.metric(), CATEGORY + name));
      SLEEP_RAW.keySet().forEach(stage -> ids.put(stage, SLEEP_ANALYSIS));
      return ids;
    }
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
   * A quantity's value in the catalog's canonical unit, from the HealthKit unit string it was
   * written in (the export importer and the phone endpoint both call this); an unknown unit is an
   * {@link IllegalArgumentException} naming it.
   */
  public static double canonical(MetricType type, double value, String unit) {
    if ((unit == null || unit.isBlank()) && type.unit().startsWith("{")) {
      return value; // a plain number (Apple writes UV exposure with an empty unit)
    }
    return "%".equals(unit) ? percent(value) : Units.toCanonical(type, value, unit);
  }

  /**
   * HealthKit writes percentages either as fractions (0.98) or, for values typed in by hand, as
   * percents (98); the catalog keeps 0 to 100. No plausible SpO2 or body fat is at or below 1 %.
   */
  static double percent(double value) {
    return value <= 1.0 ? value * 100 : value;
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
