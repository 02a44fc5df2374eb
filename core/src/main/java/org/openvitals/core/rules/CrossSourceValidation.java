package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.MetricType;

/**
 * Flags days where two sources' own figures for a metric differ by more than the metric's
 * tolerance: a scale that is 3 kg off, a phone that saw half the watch's steps. Each non-primary
 * source is compared with the preferred one; both values are reported. Metrics without a tolerance
 * (workouts, nutrition details) are not compared, nor is the day's mean heart rate: a watch worn
 * all day and a ring worn at night measure different hours, so their means differ by design
 * (resting heart rate compares the same thing).
 */
public final class CrossSourceValidation {
  private static final Map<MetricType, Double> TOLERANCE = new EnumMap<>(MetricType.class);

  static {
    TOLERANCE.put(MetricType.STEPS, 0.25);
    TOLERANCE.put(MetricType.DISTANCE, 0.25);
    TOLERANCE.put(MetricType.CYCLING_DISTANCE, 0.25);
    TOLERANCE.put(MetricType.ACTIVE_ENERGY, 0.35);
    TOLERANCE.put(MetricType.BASAL_ENERGY, 0.15);
    TOLERANCE.put(MetricType.FLIGHTS_CLIMBED, 0.5);
    TOLERANCE.put(MetricType.RESTING_HEART_RATE, 0.10);
    TOLERANCE.put(MetricType.HRV_SDNN, 0.30);
    TOLERANCE.put(MetricType.HRV_RMSSD, 0.30);
    TOLERANCE.put(MetricType.OXYGEN_SATURATION, 0.03);
    TOLERANCE.put(MetricType.RESPIRATORY_RATE, 0.15);
    TOLERANCE.put(MetricType.BODY_TEMPERATURE, 0.02);
    TOLERANCE.put(MetricType.BLOOD_PRESSURE_SYSTOLIC, 0.10);
    TOLERANCE.put(MetricType.BLOOD_PRESSURE_DIASTOLIC, 0.10);
    TOLERANCE.put(MetricType.BLOOD_GLUCOSE, 0.15);
    TOLERANCE.put(MetricType.BODY_MASS, 0.02);
    TOLERANCE.put(MetricType.BODY_FAT_PERCENTAGE, 0.10);
    TOLERANCE.put(MetricType.LEAN_BODY_MASS, 0.05);
    TOLERANCE.put(MetricType.BODY_MASS_INDEX, 0.03);
    TOLERANCE.put(MetricType.HEIGHT, 0.02);
    TOLERANCE.put(MetricType.SLEEP_ASLEEP, 0.20);
    TOLERANCE.put(MetricType.SLEEP_IN_BED, 0.20);
    TOLERANCE.put(MetricType.DIETARY_ENERGY, 0.15);
  }

  private CrossSourceValidation() {}

  /** The allowed relative difference for a metric, or null when it is not compared. */
  public static Double tolerance(MetricType metric) {
    return TOLERANCE.get(metric);
  }

  /**
   * Compares each source with the best-ranked source that has a plausible figure that day.
   *
   * @param sources the day's sources, preferred first (as in {@link DayOutcome#sources()})
   */
  public static List<Disagreement> check(
      MetricType metric, LocalDate day, List<SourceDay> sources) {
    Double tolerance = TOLERANCE.get(metric);
    List<Disagreement> out = new ArrayList<>();
    if (tolerance == null) {
      return out;
    }
    SourceDay reference = null;
    for (SourceDay s : sources) {
      if (Double.isNaN(s.ownValue())) {
        continue;
      }
      if (reference == null) {
        reference = s;
        continue;
      }
      double a = reference.ownValue();
      double b = s.ownValue();
      double scale = Math.max(Math.abs(a), Math.abs(b));
      double difference = scale == 0 ? 0 : Math.abs(a - b) / scale;
      if (difference > tolerance) {
        out.add(
            new Disagreement(
                metric,
                day,
                reference.source(),
                a,
                s.source(),
                b,
                Math.round(difference * 1000) / 1000.0,
                tolerance));
      }
    }
    return out;
  }
}
