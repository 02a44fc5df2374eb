package org.openvitals.core.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.EnumMap;
import java.util.Map;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

/**
 * What a human body can plausibly produce. Readings outside these ranges are kept (and listed) but
 * never chosen as primary: a heart rate of 400 or a weight of 4 kg is a sensor or typing error.
 *
 * <p>Readings (discrete metrics) are checked against a value range. Amounts (cumulative metrics)
 * are checked as a rate per minute, because a valid sample may cover a minute or a day; samples
 * shorter than a minute are judged as if they lasted one. Sleep stages and workouts are checked by
 * length.
 */
public final class Plausibility {

  /** A closed range; for cumulative metrics, of the amount per minute. */
  public record Range(double min, double max) {
    boolean contains(double v) {
      return v >= min && v <= max;
    }
  }

  private static final Map<MetricType, Range> RANGES = new EnumMap<>(MetricType.class);

  static {
    // Activity, per minute: a sprinting cadence is about 250 steps/min, elite sprint 12.5 m/s.
    RANGES.put(MetricType.STEPS, new Range(0, 300));
    RANGES.put(MetricType.DISTANCE, new Range(0, 750));
    RANGES.put(MetricType.CYCLING_DISTANCE, new Range(0, 1500));
    RANGES.put(MetricType.SWIMMING_DISTANCE, new Range(0, 200));
    RANGES.put(MetricType.ACTIVE_ENERGY, new Range(0, 40));
    RANGES.put(MetricType.BASAL_ENERGY, new Range(0, 6));
    RANGES.put(MetricType.FLIGHTS_CLIMBED, new Range(0, 15));
    RANGES.put(MetricType.EXERCISE_TIME, new Range(0, 1));
    RANGES.put(MetricType.STAND_TIME, new Range(0, 1));
    // Heart
    RANGES.put(MetricType.HEART_RATE, new Range(25, 250));
    RANGES.put(MetricType.RESTING_HEART_RATE, new Range(25, 150));
    RANGES.put(MetricType.WALKING_HEART_RATE, new Range(30, 220));
    RANGES.put(MetricType.HRV_SDNN, new Range(1, 300));
    RANGES.put(MetricType.HRV_RMSSD, new Range(1, 300));
    RANGES.put(MetricType.VO2_MAX, new Range(8, 95));
    // Vitals
    RANGES.put(MetricType.OXYGEN_SATURATION, new Range(50, 100));
    RANGES.put(MetricType.RESPIRATORY_RATE, new Range(4, 60));
    RANGES.put(MetricType.BODY_TEMPERATURE, new Range(30, 45));
    RANGES.put(MetricType.SKIN_TEMPERATURE_DEVIATION, new Range(-8, 8));
    RANGES.put(MetricType.SLEEPING_WRIST_TEMPERATURE, new Range(25, 42));
    RANGES.put(MetricType.BLOOD_PRESSURE_SYSTOLIC, new Range(50, 280));
    RANGES.put(MetricType.BLOOD_PRESSURE_DIASTOLIC, new Range(25, 180));
    RANGES.put(MetricType.BLOOD_GLUCOSE, new Range(20, 700));
    // Body composition
    RANGES.put(MetricType.BODY_MASS, new Range(20, 400));
    RANGES.put(MetricType.BODY_FAT_PERCENTAGE, new Range(2, 75));
    RANGES.put(MetricType.LEAN_BODY_MASS, new Range(10, 200));
    RANGES.put(MetricType.MUSCLE_MASS, new Range(5, 150));
    RANGES.put(MetricType.BONE_MASS, new Range(0.5, 10));
    RANGES.put(MetricType.BODY_WATER_MASS, new Range(5, 200));
    RANGES.put(MetricType.BODY_MASS_INDEX, new Range(8, 100));
    RANGES.put(MetricType.HEIGHT, new Range(40, 260));
    RANGES.put(MetricType.WAIST_CIRCUMFERENCE, new Range(30, 250));
    // Nutrition, per logged entry (a whole day's total in one entry must still pass).
    RANGES.put(MetricType.DIETARY_ENERGY, new Range(0, 20_000));
    RANGES.put(MetricType.PROTEIN, new Range(0, 1_000));
    RANGES.put(MetricType.CARBOHYDRATES, new Range(0, 2_500));
    RANGES.put(MetricType.FAT_TOTAL, new Range(0, 1_000));
    RANGES.put(MetricType.FAT_SATURATED, new Range(0, 500));
    RANGES.put(MetricType.FIBER, new Range(0, 300));
    RANGES.put(MetricType.SUGAR, new Range(0, 1_500));
    RANGES.put(MetricType.SODIUM, new Range(0, 50_000));
    RANGES.put(MetricType.POTASSIUM, new Range(0, 50_000));
    RANGES.put(MetricType.CHOLESTEROL, new Range(0, 10_000));
    RANGES.put(MetricType.CALCIUM, new Range(0, 20_000));
    RANGES.put(MetricType.IRON, new Range(0, 1_000));
    RANGES.put(MetricType.VITAMIN_C, new Range(0, 20_000));
    RANGES.put(MetricType.CAFFEINE, new Range(0, 3_000));
    RANGES.put(MetricType.ALCOHOL, new Range(0, 1_000));
    RANGES.put(MetricType.WATER, new Range(0, 15_000));
  }

  /** Longest plausible sleep stage or workout, in minutes. */
  static final double MAX_INTERVAL_MINUTES = 24 * 60;

  private Plausibility() {}

  /** The range a metric is checked against (rate per minute for cumulative activity metrics). */
  public static Range range(MetricType metric) {
    return RANGES.get(metric);
  }

  /**
   * Why a reading is implausible, as facts ({@link ExplanationText#problem} words them for a
   * reader). Values are in the metric's canonical unit.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = OutsideRange.class, name = "outside_range"),
    @JsonSubTypes.Type(value = RateOutside.class, name = "rate_outside"),
    @JsonSubTypes.Type(value = NoLength.class, name = "no_length"),
    @JsonSubTypes.Type(value = TooLong.class, name = "too_long")
  })
  public sealed interface Problem {
    MetricType metric();

    /** The metric as people name it, beside its id in JSON. */
    @JsonProperty("metricName")
    default String metricName() {
      return metric().displayName();
    }
  }

  /** A reading outside {@code range}. */
  public record OutsideRange(MetricType metric, double value, Range range) implements Problem {}

  /**
   * An amount over {@code minutes} (at least one) whose rate per minute is outside {@code
   * perMinute}.
   */
  public record RateOutside(MetricType metric, double amount, double minutes, Range perMinute)
      implements Problem {
    public double rate() {
      return amount / minutes;
    }
  }

  /** A sleep stage or workout that ends where it starts (or before). */
  public record NoLength(MetricType metric) implements Problem {}

  /** A sleep stage or workout longer than {@link #MAX_INTERVAL_MINUTES}. */
  public record TooLong(MetricType metric, double minutes) implements Problem {}

  /** Null when plausible, else the value and the range it left. */
  public static Problem problem(Sample s) {
    MetricType m = s.type();
    if (m.aggregation() == AggregationKind.INTERVAL_STATE
        || m.aggregation() == AggregationKind.EVENT) {
      double minutes = s.durationSeconds() / 60.0;
      if (minutes <= 0) {
        return new NoLength(m);
      }
      if (minutes > MAX_INTERVAL_MINUTES) {
        return new TooLong(m, minutes);
      }
      return null;
    }
    Range r = RANGES.get(m);
    if (r == null) {
      return null;
    }
    if (m.aggregation() == AggregationKind.CUMULATIVE && ratePerMinute(m)) {
      double minutes = Math.max(1.0, s.durationSeconds() / 60.0);
      return r.contains(s.value() / minutes) ? null : new RateOutside(m, s.value(), minutes, r);
    }
    return r.contains(s.value()) ? null : new OutsideRange(m, s.value(), r);
  }

  public static boolean plausible(Sample s) {
    return problem(s) == null;
  }

  /** Activity amounts are judged as rates; nutrition entries as single amounts. */
  static boolean ratePerMinute(MetricType m) {
    return m.category() != org.openvitals.core.model.Category.NUTRITION;
  }
}
