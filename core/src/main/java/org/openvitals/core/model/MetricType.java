package org.openvitals.core.model;

import static org.openvitals.core.model.AggregationKind.CUMULATIVE;
import static org.openvitals.core.model.AggregationKind.DISCRETE;
import static org.openvitals.core.model.AggregationKind.EVENT;
import static org.openvitals.core.model.AggregationKind.INTERVAL_STATE;
import static org.openvitals.core.model.Category.ACTIVITY;
import static org.openvitals.core.model.Category.BODY_COMPOSITION;
import static org.openvitals.core.model.Category.HEART;
import static org.openvitals.core.model.Category.NUTRITION;
import static org.openvitals.core.model.Category.SLEEP;
import static org.openvitals.core.model.Category.VITALS;
import static org.openvitals.core.model.Category.WORKOUTS;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The closed metric catalog. Every stored value is in the metric's canonical unit (a UCUM code);
 * importers convert once, at the edge, with {@link org.openvitals.core.units.Units}. The {@link
 * #id()} is stable: it is used on the command line, in JSON, in exports and in the database.
 */
public enum MetricType {
  // Activity
  STEPS("steps", "Steps", "{count}", ACTIVITY, CUMULATIVE),
  DISTANCE("distance", "Walking + running distance", "m", ACTIVITY, CUMULATIVE),
  CYCLING_DISTANCE("cycling_distance", "Cycling distance", "m", ACTIVITY, CUMULATIVE),
  SWIMMING_DISTANCE("swimming_distance", "Swimming distance", "m", ACTIVITY, CUMULATIVE),
  ACTIVE_ENERGY("active_energy", "Active energy", "kcal", ACTIVITY, CUMULATIVE),
  BASAL_ENERGY("basal_energy", "Resting energy", "kcal", ACTIVITY, CUMULATIVE),
  FLIGHTS_CLIMBED("flights_climbed", "Flights climbed", "{count}", ACTIVITY, CUMULATIVE),
  EXERCISE_TIME("exercise_time", "Exercise time", "min", ACTIVITY, CUMULATIVE),
  STAND_TIME("stand_time", "Stand time", "min", ACTIVITY, CUMULATIVE),

  // Heart
  HEART_RATE("heart_rate", "Heart rate", "/min", HEART, DISCRETE),
  RESTING_HEART_RATE("resting_heart_rate", "Resting heart rate", "/min", HEART, DISCRETE),
  WALKING_HEART_RATE("walking_heart_rate", "Walking heart rate average", "/min", HEART, DISCRETE),
  HRV_SDNN("hrv_sdnn", "Heart rate variability (SDNN)", "ms", HEART, DISCRETE),
  HRV_RMSSD("hrv_rmssd", "Heart rate variability (RMSSD)", "ms", HEART, DISCRETE),
  VO2_MAX("vo2_max", "Cardio fitness (VO2 max)", "mL/(kg.min)", HEART, DISCRETE),

  // Vitals
  OXYGEN_SATURATION("oxygen_saturation", "Blood oxygen", "%", VITALS, DISCRETE),
  RESPIRATORY_RATE("respiratory_rate", "Respiratory rate", "/min", VITALS, DISCRETE),
  BODY_TEMPERATURE("body_temperature", "Body temperature", "Cel", VITALS, DISCRETE),
  SKIN_TEMPERATURE_DEVIATION(
      "skin_temperature_deviation", "Skin temperature deviation", "Cel", VITALS, DISCRETE),
  SLEEPING_WRIST_TEMPERATURE(
      "sleeping_wrist_temperature", "Sleeping wrist temperature", "Cel", VITALS, DISCRETE),
  BLOOD_PRESSURE_SYSTOLIC(
      "blood_pressure_systolic", "Blood pressure (systolic)", "mm[Hg]", VITALS, DISCRETE),
  BLOOD_PRESSURE_DIASTOLIC(
      "blood_pressure_diastolic", "Blood pressure (diastolic)", "mm[Hg]", VITALS, DISCRETE),
  BLOOD_GLUCOSE("blood_glucose", "Blood glucose", "mg/dL", VITALS, DISCRETE),

  // Body composition
  BODY_MASS("body_mass", "Weight", "kg", BODY_COMPOSITION, DISCRETE),
  BODY_FAT_PERCENTAGE("body_fat_percentage", "Body fat", "%", BODY_COMPOSITION, DISCRETE),
  LEAN_BODY_MASS("lean_body_mass", "Lean body mass", "kg", BODY_COMPOSITION, DISCRETE),
  MUSCLE_MASS("muscle_mass", "Muscle mass", "kg", BODY_COMPOSITION, DISCRETE),
  BONE_MASS("bone_mass", "Bone mass", "kg", BODY_COMPOSITION, DISCRETE),
  BODY_WATER_MASS("body_water_mass", "Body water", "kg", BODY_COMPOSITION, DISCRETE),
  BODY_MASS_INDEX("body_mass_index", "Body mass index", "kg/m2", BODY_COMPOSITION, DISCRETE),
  HEIGHT("height", "Height", "cm", BODY_COMPOSITION, DISCRETE),
  WAIST_CIRCUMFERENCE(
      "waist_circumference", "Waist circumference", "cm", BODY_COMPOSITION, DISCRETE),

  // Sleep: each stage is an interval; the value is its length in minutes.
  SLEEP_IN_BED("sleep_in_bed", "In bed", "min", SLEEP, INTERVAL_STATE),
  SLEEP_ASLEEP("sleep_asleep", "Asleep (stage unknown)", "min", SLEEP, INTERVAL_STATE),
  SLEEP_CORE("sleep_core", "Core / light sleep", "min", SLEEP, INTERVAL_STATE),
  SLEEP_DEEP("sleep_deep", "Deep sleep", "min", SLEEP, INTERVAL_STATE),
  SLEEP_REM("sleep_rem", "REM sleep", "min", SLEEP, INTERVAL_STATE),
  SLEEP_AWAKE("sleep_awake", "Awake during sleep", "min", SLEEP, INTERVAL_STATE),

  // Workouts: the value is the duration; activity type, energy and distance go in metadata.
  WORKOUT("workout", "Workout", "min", WORKOUTS, EVENT),

  // Nutrition
  DIETARY_ENERGY("dietary_energy", "Energy eaten", "kcal", NUTRITION, CUMULATIVE),
  PROTEIN("protein", "Protein", "g", NUTRITION, CUMULATIVE),
  CARBOHYDRATES("carbohydrates", "Carbohydrates", "g", NUTRITION, CUMULATIVE),
  FAT_TOTAL("fat_total", "Fat", "g", NUTRITION, CUMULATIVE),
  FAT_SATURATED("fat_saturated", "Saturated fat", "g", NUTRITION, CUMULATIVE),
  FIBER("fiber", "Fiber", "g", NUTRITION, CUMULATIVE),
  SUGAR("sugar", "Sugar", "g", NUTRITION, CUMULATIVE),
  SODIUM("sodium", "Sodium", "mg", NUTRITION, CUMULATIVE),
  POTASSIUM("potassium", "Potassium", "mg", NUTRITION, CUMULATIVE),
  CHOLESTEROL("cholesterol", "Cholesterol", "mg", NUTRITION, CUMULATIVE),
  CALCIUM("calcium", "Calcium", "mg", NUTRITION, CUMULATIVE),
  IRON("iron", "Iron", "mg", NUTRITION, CUMULATIVE),
  VITAMIN_C("vitamin_c", "Vitamin C", "mg", NUTRITION, CUMULATIVE),
  CAFFEINE("caffeine", "Caffeine", "mg", NUTRITION, CUMULATIVE),
  ALCOHOL("alcohol", "Alcohol", "g", NUTRITION, CUMULATIVE),
  WATER("water", "Water", "mL", NUTRITION, CUMULATIVE);

  private static final Map<String, MetricType> BY_ID =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(MetricType::id, Function.identity()));

  private final String id;
  private final String displayName;
  private final String unit;
  private final Category category;
  private final AggregationKind aggregation;

  MetricType(
      String id, String displayName, String unit, Category category, AggregationKind aggregation) {
    this.id = id;
    this.displayName = displayName;
    this.unit = unit;
    this.category = category;
    this.aggregation = aggregation;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** Canonical unit as a UCUM code. */
  public String unit() {
    return unit;
  }

  public Category category() {
    return category;
  }

  public AggregationKind aggregation() {
    return aggregation;
  }

  public static Optional<MetricType> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** Like {@link #byId} but fails with a sentence that lists where to look. */
  public static MetricType fromId(String id) {
    return byId(id)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "Unknown metric '" + id + "' (see 'openvitals metrics' for the catalog)"));
  }
}
