package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.openvitals.core.model.MetricType;

/**
 * Something the data says, with its figures and the days behind it: a trend, an anomaly or a
 * correlation. Every insight names its effect in the metric's unit, a unit-free strength, the
 * number of days it rests on and those days ({@link #evidence()}), each of which {@code openvitals
 * explain} can explain.
 */
public sealed interface Insight permits Trend, Anomaly, Correlation {

  /** What kind of insight, as the JSON names it. */
  enum Kind {
    TREND,
    ANOMALY,
    CORRELATION;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An effect in a unit.
   *
   * @param value the size, signed
   * @param unit a UCUM code, or a ratio of two ("ms/min")
   * @param measure what the number is, in words a script can switch on
   */
  record Effect(double value, String unit, String measure) {}

  /**
   * A unit-free strength.
   *
   * @param measure {@code hedges_g}, {@code robust_z} or {@code spearman_rho}
   */
  record Strength(double value, String measure) {}

  Kind kind();

  List<MetricType> metrics();

  /** First day of the period the insight is about. */
  LocalDate from();

  /** Last day of that period. */
  LocalDate to();

  Effect effect();

  Strength strength();

  /** The number of days (or paired days) it rests on. */
  int days();

  /** The days behind it, oldest first. */
  List<Evidence> evidence();
}
