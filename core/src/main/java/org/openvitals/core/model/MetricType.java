package org.openvitals.core.model;

import static org.openvitals.core.model.AggregationKind.CUMULATIVE;
import static org.openvitals.core.model.AggregationKind.DISCRETE;
import static org.openvitals.core.model.AggregationKind.EVENT;
import static org.openvitals.core.model.AggregationKind.INTERVAL_STATE;
import static org.openvitals.core.model.Category.ACTIVITY;
import static org.openvitals.core.model.Category.BODY_COMPOSITION;
import static org.openvitals.core.model.Category.CYCLE_TRACKING;
import static org.openvitals.core.model.Category.HEARING;
import static org.openvitals.core.model.Category.HEART;
import static org.openvitals.core.model.Category.MENTAL_WELLBEING;
import static org.openvitals.core.model.Category.MOBILITY;
import static org.openvitals.core.model.Category.NUTRITION;
import static org.openvitals.core.model.Category.OTHER_DATA;
import static org.openvitals.core.model.Category.RESPIRATORY;
import static org.openvitals.core.model.Category.SLEEP;
import static org.openvitals.core.model.Category.SYMPTOMS;
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

  // Activity
  WHEELCHAIR_DISTANCE("wheelchair_distance", "Wheelchair distance", "m", ACTIVITY, CUMULATIVE),
  PUSH_COUNT("push_count", "Wheelchair pushes", "{count}", ACTIVITY, CUMULATIVE),
  DOWNHILL_SNOW_SPORTS_DISTANCE(
      "downhill_snow_sports_distance", "Downhill snow sports distance", "m", ACTIVITY, CUMULATIVE),
  CROSS_COUNTRY_SKIING_DISTANCE(
      "cross_country_skiing_distance", "Cross-country skiing distance", "m", ACTIVITY, CUMULATIVE),
  PADDLE_SPORTS_DISTANCE(
      "paddle_sports_distance", "Paddle sports distance", "m", ACTIVITY, CUMULATIVE),
  ROWING_DISTANCE("rowing_distance", "Rowing distance", "m", ACTIVITY, CUMULATIVE),
  SKATING_SPORTS_DISTANCE(
      "skating_sports_distance", "Skating sports distance", "m", ACTIVITY, CUMULATIVE),
  SWIMMING_STROKES("swimming_strokes", "Swimming strokes", "{count}", ACTIVITY, CUMULATIVE),
  NIKE_FUEL("nike_fuel", "NikeFuel", "{count}", ACTIVITY, CUMULATIVE),
  MOVE_TIME("move_time", "Move time", "min", ACTIVITY, CUMULATIVE),
  STAND_HOURS("stand_hours", "Stand hours", "{count}", ACTIVITY, CUMULATIVE),
  PHYSICAL_EFFORT("physical_effort", "Physical effort", "kcal/(kg.h)", ACTIVITY, DISCRETE),
  WORKOUT_EFFORT_SCORE(
      "workout_effort_score", "Workout effort score", "{score}", ACTIVITY, DISCRETE),
  ESTIMATED_WORKOUT_EFFORT_SCORE(
      "estimated_workout_effort_score",
      "Estimated workout effort score",
      "{score}",
      ACTIVITY,
      DISCRETE),
  /** WHOOP's strain of a physiological cycle (about a day), 0 to 21. */
  DAY_STRAIN("day_strain", "Day strain", "{score}", ACTIVITY, DISCRETE),
  CYCLING_CADENCE("cycling_cadence", "Cycling cadence", "/min", ACTIVITY, DISCRETE),
  CYCLING_POWER("cycling_power", "Cycling power", "W", ACTIVITY, DISCRETE),
  CYCLING_FTP("cycling_ftp", "Cycling functional threshold power", "W", ACTIVITY, DISCRETE),
  CYCLING_SPEED("cycling_speed", "Cycling speed", "m/s", ACTIVITY, DISCRETE),
  RUNNING_SPEED("running_speed", "Running speed", "m/s", ACTIVITY, DISCRETE),
  RUNNING_POWER("running_power", "Running power", "W", ACTIVITY, DISCRETE),
  RUNNING_STRIDE_LENGTH("running_stride_length", "Running stride length", "m", ACTIVITY, DISCRETE),
  RUNNING_VERTICAL_OSCILLATION(
      "running_vertical_oscillation", "Running vertical oscillation", "cm", ACTIVITY, DISCRETE),
  RUNNING_GROUND_CONTACT_TIME(
      "running_ground_contact_time", "Running ground contact time", "ms", ACTIVITY, DISCRETE),
  ROWING_SPEED("rowing_speed", "Rowing speed", "m/s", ACTIVITY, DISCRETE),
  PADDLE_SPORTS_SPEED("paddle_sports_speed", "Paddle sports speed", "m/s", ACTIVITY, DISCRETE),
  CROSS_COUNTRY_SKIING_SPEED(
      "cross_country_skiing_speed", "Cross-country skiing speed", "m/s", ACTIVITY, DISCRETE),
  UNDERWATER_DEPTH("underwater_depth", "Underwater depth", "m", ACTIVITY, DISCRETE),
  WATER_TEMPERATURE("water_temperature", "Water temperature", "Cel", ACTIVITY, DISCRETE),

  // Heart
  HEART_RATE_RECOVERY(
      "heart_rate_recovery", "Heart rate recovery (one minute)", "/min", HEART, DISCRETE),
  ATRIAL_FIBRILLATION_BURDEN(
      "atrial_fibrillation_burden", "AFib history (burden)", "%", HEART, DISCRETE),
  PERIPHERAL_PERFUSION_INDEX(
      "peripheral_perfusion_index", "Peripheral perfusion index", "%", HEART, DISCRETE),
  HIGH_HEART_RATE_EVENTS(
      "high_heart_rate_events", "High heart rate notifications", "{count}", HEART, CUMULATIVE),
  LOW_HEART_RATE_EVENTS(
      "low_heart_rate_events", "Low heart rate notifications", "{count}", HEART, CUMULATIVE),
  IRREGULAR_RHYTHM_EVENTS(
      "irregular_rhythm_events", "Irregular rhythm notifications", "{count}", HEART, CUMULATIVE),
  LOW_CARDIO_FITNESS_EVENTS(
      "low_cardio_fitness_events",
      "Low cardio fitness notifications",
      "{count}",
      HEART,
      CUMULATIVE),

  // Mobility
  WALKING_STEADINESS("walking_steadiness", "Walking steadiness", "%", MOBILITY, DISCRETE),
  WALKING_STEADINESS_EVENTS(
      "walking_steadiness_events",
      "Walking steadiness notifications",
      "{count}",
      MOBILITY,
      CUMULATIVE),
  WALKING_SPEED("walking_speed", "Walking speed", "m/s", MOBILITY, DISCRETE),
  WALKING_STEP_LENGTH("walking_step_length", "Walking step length", "cm", MOBILITY, DISCRETE),
  WALKING_ASYMMETRY("walking_asymmetry", "Walking asymmetry", "%", MOBILITY, DISCRETE),
  WALKING_DOUBLE_SUPPORT("walking_double_support", "Double support time", "%", MOBILITY, DISCRETE),
  STAIR_ASCENT_SPEED("stair_ascent_speed", "Stair speed: up", "m/s", MOBILITY, DISCRETE),
  STAIR_DESCENT_SPEED("stair_descent_speed", "Stair speed: down", "m/s", MOBILITY, DISCRETE),
  SIX_MINUTE_WALK_DISTANCE("six_minute_walk_distance", "Six-minute walk", "m", MOBILITY, DISCRETE),

  // Hearing
  ENVIRONMENTAL_AUDIO_EXPOSURE(
      "environmental_audio_exposure", "Environmental sound levels", "dB[SPL]", HEARING, DISCRETE),
  HEADPHONE_AUDIO_EXPOSURE(
      "headphone_audio_exposure", "Headphone audio levels", "dB[SPL]", HEARING, DISCRETE),
  ENVIRONMENTAL_SOUND_REDUCTION(
      "environmental_sound_reduction",
      "Environmental sound reduction",
      "dB[SPL]",
      HEARING,
      DISCRETE),
  ENVIRONMENTAL_AUDIO_EXPOSURE_EVENTS(
      "environmental_audio_exposure_events",
      "Loud environment notifications",
      "{count}",
      HEARING,
      CUMULATIVE),
  HEADPHONE_AUDIO_EXPOSURE_EVENTS(
      "headphone_audio_exposure_events",
      "Headphone level notifications",
      "{count}",
      HEARING,
      CUMULATIVE),

  // Respiratory
  FORCED_VITAL_CAPACITY(
      "forced_vital_capacity", "Forced vital capacity", "L", RESPIRATORY, DISCRETE),
  FORCED_EXPIRATORY_VOLUME_1(
      "forced_expiratory_volume_1", "Forced expiratory volume, 1 s", "L", RESPIRATORY, DISCRETE),
  PEAK_EXPIRATORY_FLOW_RATE(
      "peak_expiratory_flow_rate", "Peak expiratory flow rate", "L/min", RESPIRATORY, DISCRETE),
  SLEEPING_BREATHING_DISTURBANCES(
      "sleeping_breathing_disturbances",
      "Breathing disturbances",
      "{count}",
      RESPIRATORY,
      DISCRETE),
  SLEEP_APNEA_EVENTS(
      "sleep_apnea_events", "Sleep apnea notifications", "{count}", RESPIRATORY, CUMULATIVE),
  INHALER_USAGE("inhaler_usage", "Inhaler usage", "{count}", RESPIRATORY, CUMULATIVE),

  // Mental wellbeing
  MINDFUL_MINUTES("mindful_minutes", "Mindful minutes", "min", MENTAL_WELLBEING, CUMULATIVE),

  // Other data
  TIME_IN_DAYLIGHT("time_in_daylight", "Time in daylight", "min", OTHER_DATA, CUMULATIVE),
  UV_EXPOSURE("uv_exposure", "UV index", "{index}", OTHER_DATA, DISCRETE),
  HANDWASHING("handwashing", "Handwashing", "{count}", OTHER_DATA, CUMULATIVE),
  TOOTHBRUSHING("toothbrushing", "Toothbrushing", "{count}", OTHER_DATA, CUMULATIVE),
  BLOOD_ALCOHOL_CONTENT(
      "blood_alcohol_content", "Blood alcohol content", "%", OTHER_DATA, DISCRETE),
  ALCOHOLIC_BEVERAGES(
      "alcoholic_beverages", "Alcoholic beverages", "{count}", OTHER_DATA, CUMULATIVE),
  INSULIN_DELIVERY("insulin_delivery", "Insulin delivery", "[IU]", OTHER_DATA, CUMULATIVE),
  TIMES_FALLEN("times_fallen", "Number of times fallen", "{count}", OTHER_DATA, CUMULATIVE),
  ELECTRODERMAL_ACTIVITY(
      "electrodermal_activity", "Electrodermal activity", "uS", OTHER_DATA, DISCRETE),

  // Cycle tracking: each entry is an event; its HealthKit value (flow, result) is in metadata.
  MENSTRUAL_FLOW("menstrual_flow", "Menstrual flow", "min", CYCLE_TRACKING, EVENT),
  INTERMENSTRUAL_BLEEDING("intermenstrual_bleeding", "Spotting", "min", CYCLE_TRACKING, EVENT),
  CERVICAL_MUCUS_QUALITY(
      "cervical_mucus_quality", "Cervical mucus quality", "min", CYCLE_TRACKING, EVENT),
  OVULATION_TEST_RESULT(
      "ovulation_test_result", "Ovulation test result", "min", CYCLE_TRACKING, EVENT),
  PREGNANCY_TEST_RESULT(
      "pregnancy_test_result", "Pregnancy test result", "min", CYCLE_TRACKING, EVENT),
  PROGESTERONE_TEST_RESULT(
      "progesterone_test_result", "Progesterone test result", "min", CYCLE_TRACKING, EVENT),
  SEXUAL_ACTIVITY("sexual_activity", "Sexual activity", "min", CYCLE_TRACKING, EVENT),
  CONTRACEPTIVE("contraceptive", "Contraceptives", "min", CYCLE_TRACKING, EVENT),
  LACTATION("lactation", "Lactation", "min", CYCLE_TRACKING, EVENT),
  PREGNANCY("pregnancy", "Pregnancy", "min", CYCLE_TRACKING, EVENT),
  BLEEDING_DURING_PREGNANCY(
      "bleeding_during_pregnancy", "Bleeding during pregnancy", "min", CYCLE_TRACKING, EVENT),
  BLEEDING_AFTER_PREGNANCY(
      "bleeding_after_pregnancy", "Bleeding after pregnancy", "min", CYCLE_TRACKING, EVENT),
  INFREQUENT_MENSTRUAL_CYCLES(
      "infrequent_menstrual_cycles", "Infrequent periods", "min", CYCLE_TRACKING, EVENT),
  IRREGULAR_MENSTRUAL_CYCLES(
      "irregular_menstrual_cycles", "Irregular cycles", "min", CYCLE_TRACKING, EVENT),
  PERSISTENT_INTERMENSTRUAL_BLEEDING(
      "persistent_intermenstrual_bleeding", "Persistent spotting", "min", CYCLE_TRACKING, EVENT),
  PROLONGED_MENSTRUAL_PERIODS(
      "prolonged_menstrual_periods", "Prolonged periods", "min", CYCLE_TRACKING, EVENT),

  // Symptoms: each entry is an event; its HealthKit severity or presence is in metadata.
  SYMPTOM_ABDOMINAL_CRAMPS("symptom_abdominal_cramps", "Abdominal cramps", "min", SYMPTOMS, EVENT),
  SYMPTOM_ACNE("symptom_acne", "Acne", "min", SYMPTOMS, EVENT),
  SYMPTOM_APPETITE_CHANGES("symptom_appetite_changes", "Appetite changes", "min", SYMPTOMS, EVENT),
  SYMPTOM_BLADDER_INCONTINENCE(
      "symptom_bladder_incontinence", "Bladder incontinence", "min", SYMPTOMS, EVENT),
  SYMPTOM_BLOATING("symptom_bloating", "Bloating", "min", SYMPTOMS, EVENT),
  SYMPTOM_BREAST_PAIN("symptom_breast_pain", "Breast pain", "min", SYMPTOMS, EVENT),
  SYMPTOM_CHEST_TIGHTNESS_OR_PAIN(
      "symptom_chest_tightness_or_pain", "Chest tightness or pain", "min", SYMPTOMS, EVENT),
  SYMPTOM_CHILLS("symptom_chills", "Chills", "min", SYMPTOMS, EVENT),
  SYMPTOM_CONSTIPATION("symptom_constipation", "Constipation", "min", SYMPTOMS, EVENT),
  SYMPTOM_COUGHING("symptom_coughing", "Coughing", "min", SYMPTOMS, EVENT),
  SYMPTOM_DIARRHEA("symptom_diarrhea", "Diarrhea", "min", SYMPTOMS, EVENT),
  SYMPTOM_DIZZINESS("symptom_dizziness", "Dizziness", "min", SYMPTOMS, EVENT),
  SYMPTOM_DRY_SKIN("symptom_dry_skin", "Dry skin", "min", SYMPTOMS, EVENT),
  SYMPTOM_FAINTING("symptom_fainting", "Fainting", "min", SYMPTOMS, EVENT),
  SYMPTOM_FATIGUE("symptom_fatigue", "Fatigue", "min", SYMPTOMS, EVENT),
  SYMPTOM_FEVER("symptom_fever", "Fever", "min", SYMPTOMS, EVENT),
  SYMPTOM_GENERALIZED_BODY_ACHE(
      "symptom_generalized_body_ache", "Generalized body ache", "min", SYMPTOMS, EVENT),
  SYMPTOM_HAIR_LOSS("symptom_hair_loss", "Hair loss", "min", SYMPTOMS, EVENT),
  SYMPTOM_HEADACHE("symptom_headache", "Headache", "min", SYMPTOMS, EVENT),
  SYMPTOM_HEARTBURN("symptom_heartburn", "Heartburn", "min", SYMPTOMS, EVENT),
  SYMPTOM_HOT_FLASHES("symptom_hot_flashes", "Hot flashes", "min", SYMPTOMS, EVENT),
  SYMPTOM_LOSS_OF_SMELL("symptom_loss_of_smell", "Loss of smell", "min", SYMPTOMS, EVENT),
  SYMPTOM_LOSS_OF_TASTE("symptom_loss_of_taste", "Loss of taste", "min", SYMPTOMS, EVENT),
  SYMPTOM_LOWER_BACK_PAIN("symptom_lower_back_pain", "Lower back pain", "min", SYMPTOMS, EVENT),
  SYMPTOM_MEMORY_LAPSE("symptom_memory_lapse", "Memory lapse", "min", SYMPTOMS, EVENT),
  SYMPTOM_MOOD_CHANGES("symptom_mood_changes", "Mood changes", "min", SYMPTOMS, EVENT),
  SYMPTOM_NAUSEA("symptom_nausea", "Nausea", "min", SYMPTOMS, EVENT),
  SYMPTOM_NIGHT_SWEATS("symptom_night_sweats", "Night sweats", "min", SYMPTOMS, EVENT),
  SYMPTOM_PELVIC_PAIN("symptom_pelvic_pain", "Pelvic pain", "min", SYMPTOMS, EVENT),
  SYMPTOM_RAPID_POUNDING_OR_FLUTTERING_HEARTBEAT(
      "symptom_rapid_pounding_or_fluttering_heartbeat",
      "Rapid, pounding or fluttering heartbeat",
      "min",
      SYMPTOMS,
      EVENT),
  SYMPTOM_RUNNY_NOSE("symptom_runny_nose", "Runny nose", "min", SYMPTOMS, EVENT),
  SYMPTOM_SHORTNESS_OF_BREATH(
      "symptom_shortness_of_breath", "Shortness of breath", "min", SYMPTOMS, EVENT),
  SYMPTOM_SINUS_CONGESTION("symptom_sinus_congestion", "Sinus congestion", "min", SYMPTOMS, EVENT),
  SYMPTOM_SKIPPED_HEARTBEAT(
      "symptom_skipped_heartbeat", "Skipped heartbeat", "min", SYMPTOMS, EVENT),
  SYMPTOM_SLEEP_CHANGES("symptom_sleep_changes", "Sleep changes", "min", SYMPTOMS, EVENT),
  SYMPTOM_SORE_THROAT("symptom_sore_throat", "Sore throat", "min", SYMPTOMS, EVENT),
  SYMPTOM_VAGINAL_DRYNESS("symptom_vaginal_dryness", "Vaginal dryness", "min", SYMPTOMS, EVENT),
  SYMPTOM_VOMITING("symptom_vomiting", "Vomiting", "min", SYMPTOMS, EVENT),
  SYMPTOM_WHEEZING("symptom_wheezing", "Wheezing", "min", SYMPTOMS, EVENT),

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
  WATER("water", "Water", "mL", NUTRITION, CUMULATIVE),
  FAT_MONOUNSATURATED("fat_monounsaturated", "Monounsaturated fat", "g", NUTRITION, CUMULATIVE),
  FAT_POLYUNSATURATED("fat_polyunsaturated", "Polyunsaturated fat", "g", NUTRITION, CUMULATIVE),
  FAT_TRANS("fat_trans", "Trans fat", "g", NUTRITION, CUMULATIVE),
  OMEGA_3("omega_3", "Omega-3 fatty acids", "g", NUTRITION, CUMULATIVE),
  OMEGA_3_ALA("omega_3_ala", "Omega-3 ALA", "g", NUTRITION, CUMULATIVE),
  OMEGA_3_DHA("omega_3_dha", "Omega-3 DHA", "g", NUTRITION, CUMULATIVE),
  OMEGA_3_EPA("omega_3_epa", "Omega-3 EPA", "g", NUTRITION, CUMULATIVE),
  OMEGA_6("omega_6", "Omega-6 fatty acids", "g", NUTRITION, CUMULATIVE),
  OMEGA_6_AA("omega_6_aa", "Omega-6 AA (arachidonic acid)", "g", NUTRITION, CUMULATIVE),
  OMEGA_6_LA("omega_6_la", "Omega-6 LA (linoleic acid)", "g", NUTRITION, CUMULATIVE),
  NET_CARBS("net_carbs", "Net carbs", "g", NUTRITION, CUMULATIVE),
  STARCH("starch", "Starch", "g", NUTRITION, CUMULATIVE),
  FIBER_SOLUBLE("fiber_soluble", "Soluble fiber", "g", NUTRITION, CUMULATIVE),
  FIBER_INSOLUBLE("fiber_insoluble", "Insoluble fiber", "g", NUTRITION, CUMULATIVE),
  SUGAR_ADDED("sugar_added", "Added sugars", "g", NUTRITION, CUMULATIVE),
  SUGAR_ALCOHOL("sugar_alcohol", "Sugar alcohols", "g", NUTRITION, CUMULATIVE),
  FRUCTOSE("fructose", "Fructose", "g", NUTRITION, CUMULATIVE),
  GLUCOSE("glucose", "Glucose (dietary)", "g", NUTRITION, CUMULATIVE),
  GALACTOSE("galactose", "Galactose", "g", NUTRITION, CUMULATIVE),
  LACTOSE("lactose", "Lactose", "g", NUTRITION, CUMULATIVE),
  MALTOSE("maltose", "Maltose", "g", NUTRITION, CUMULATIVE),
  SUCROSE("sucrose", "Sucrose", "g", NUTRITION, CUMULATIVE),
  THIAMIN("thiamin", "Vitamin B1 (thiamin)", "mg", NUTRITION, CUMULATIVE),
  RIBOFLAVIN("riboflavin", "Vitamin B2 (riboflavin)", "mg", NUTRITION, CUMULATIVE),
  NIACIN("niacin", "Vitamin B3 (niacin)", "mg", NUTRITION, CUMULATIVE),
  PANTOTHENIC_ACID(
      "pantothenic_acid", "Vitamin B5 (pantothenic acid)", "mg", NUTRITION, CUMULATIVE),
  VITAMIN_B6("vitamin_b6", "Vitamin B6", "mg", NUTRITION, CUMULATIVE),
  BIOTIN("biotin", "Vitamin B7 (biotin)", "ug", NUTRITION, CUMULATIVE),
  FOLATE("folate", "Folate", "ug", NUTRITION, CUMULATIVE),
  VITAMIN_B12("vitamin_b12", "Vitamin B12", "ug", NUTRITION, CUMULATIVE),
  CHOLINE("choline", "Choline", "mg", NUTRITION, CUMULATIVE),
  VITAMIN_A("vitamin_a", "Vitamin A", "ug", NUTRITION, CUMULATIVE),
  RETINOL("retinol", "Retinol", "ug", NUTRITION, CUMULATIVE),
  BETA_CAROTENE("beta_carotene", "Beta-carotene", "ug", NUTRITION, CUMULATIVE),
  ALPHA_CAROTENE("alpha_carotene", "Alpha-carotene", "ug", NUTRITION, CUMULATIVE),
  BETA_CRYPTOXANTHIN("beta_cryptoxanthin", "Beta-cryptoxanthin", "ug", NUTRITION, CUMULATIVE),
  LUTEIN_ZEAXANTHIN("lutein_zeaxanthin", "Lutein + zeaxanthin", "ug", NUTRITION, CUMULATIVE),
  LYCOPENE("lycopene", "Lycopene", "ug", NUTRITION, CUMULATIVE),
  VITAMIN_D("vitamin_d", "Vitamin D", "ug", NUTRITION, CUMULATIVE),
  VITAMIN_E("vitamin_e", "Vitamin E", "mg", NUTRITION, CUMULATIVE),
  VITAMIN_K("vitamin_k", "Vitamin K", "ug", NUTRITION, CUMULATIVE),
  CHLORIDE("chloride", "Chloride", "mg", NUTRITION, CUMULATIVE),
  CHROMIUM("chromium", "Chromium", "ug", NUTRITION, CUMULATIVE),
  COPPER("copper", "Copper", "mg", NUTRITION, CUMULATIVE),
  FLUORIDE("fluoride", "Fluoride", "ug", NUTRITION, CUMULATIVE),
  IODINE("iodine", "Iodine", "ug", NUTRITION, CUMULATIVE),
  MAGNESIUM("magnesium", "Magnesium", "mg", NUTRITION, CUMULATIVE),
  MANGANESE("manganese", "Manganese", "mg", NUTRITION, CUMULATIVE),
  MOLYBDENUM("molybdenum", "Molybdenum", "ug", NUTRITION, CUMULATIVE),
  PHOSPHORUS("phosphorus", "Phosphorus", "mg", NUTRITION, CUMULATIVE),
  SELENIUM("selenium", "Selenium", "ug", NUTRITION, CUMULATIVE),
  ZINC("zinc", "Zinc", "mg", NUTRITION, CUMULATIVE),
  OXALATE("oxalate", "Oxalate", "mg", NUTRITION, CUMULATIVE),
  PHYTATE("phytate", "Phytate", "mg", NUTRITION, CUMULATIVE),
  ALANINE("alanine", "Alanine", "g", NUTRITION, CUMULATIVE),
  ARGININE("arginine", "Arginine", "g", NUTRITION, CUMULATIVE),
  ASPARTIC_ACID("aspartic_acid", "Aspartic acid", "g", NUTRITION, CUMULATIVE),
  CYSTINE("cystine", "Cystine", "g", NUTRITION, CUMULATIVE),
  GLUTAMIC_ACID("glutamic_acid", "Glutamic acid", "g", NUTRITION, CUMULATIVE),
  GLYCINE("glycine", "Glycine", "g", NUTRITION, CUMULATIVE),
  HISTIDINE("histidine", "Histidine", "g", NUTRITION, CUMULATIVE),
  HYDROXYPROLINE("hydroxyproline", "Hydroxyproline", "g", NUTRITION, CUMULATIVE),
  ISOLEUCINE("isoleucine", "Isoleucine", "g", NUTRITION, CUMULATIVE),
  LEUCINE("leucine", "Leucine", "g", NUTRITION, CUMULATIVE),
  LYSINE("lysine", "Lysine", "g", NUTRITION, CUMULATIVE),
  METHIONINE("methionine", "Methionine", "g", NUTRITION, CUMULATIVE),
  PHENYLALANINE("phenylalanine", "Phenylalanine", "g", NUTRITION, CUMULATIVE),
  PROLINE("proline", "Proline", "g", NUTRITION, CUMULATIVE),
  SERINE("serine", "Serine", "g", NUTRITION, CUMULATIVE),
  THREONINE("threonine", "Threonine", "g", NUTRITION, CUMULATIVE),
  TRYPTOPHAN("tryptophan", "Tryptophan", "g", NUTRITION, CUMULATIVE),
  TYROSINE("tyrosine", "Tyrosine", "g", NUTRITION, CUMULATIVE),
  VALINE("valine", "Valine", "g", NUTRITION, CUMULATIVE);

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
