package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.List;
import org.openvitals.core.model.MetricType;

/**
 * How one metric goes with another some days later, over the paired days of a period.
 *
 * <p>Both metrics are first taken relative to their usual level (the median of the 29 days around
 * each day) and their weekday pattern, so two things that merely drift with the seasons or both
 * happen at weekends are not reported as related. The strength is Spearman's rank correlation of
 * those adjusted values; {@link #qValue()} is its p-value (t approximation, n-2 degrees of freedom)
 * adjusted for every pair and lag tested (Benjamini-Hochberg).
 *
 * @param x the metric on the first day of each pair
 * @param y the metric {@code lag} days later
 * @param lag days from x's day to y's day (0 to 2)
 * @param from first day of x in the period
 * @param to last day of y in the period
 * @param pairs paired days
 * @param threshold the median of x over the paired days: the effect compares y after days above it
 *     with y after the others
 * @param meanAbove y's mean (relative to its usual level) after days with x above the threshold
 * @param meanBelow the same after the other days
 * @param slope the least-squares change of y per unit of x, on the adjusted values
 * @param evidence both metrics' days in the pairs
 * @param xMeasure what of x is paired: its daily value, or (for energy eaten) the share of it eaten
 *     late ({@link LateEating})
 */
public record Correlation(
    MetricType x,
    MetricType y,
    int lag,
    LocalDate from,
    LocalDate to,
    int pairs,
    double rho,
    double pValue,
    double qValue,
    double threshold,
    double meanAbove,
    double meanBelow,
    double slope,
    List<Evidence> evidence,
    Measure xMeasure)
    implements Insight {

  /** What of x a correlation pairs. */
  public enum Measure {
    /** The day's merged value. */
    DAILY_VALUE,
    /**
     * The share (0 to 1) of the day's energy eaten at or after {@link LateEating#CUT_OFF}, from
     * timestamped meals.
     */
    SHARE_EATEN_LATE
  }

  /**
   * The false discovery rate at which a correlation counts as found. Stricter than for trends: at
   * 0.05, 2 of 40 people generated without any relation between their metrics were told of one.
   */
  public static final double FDR = 0.01;

  public Correlation {
    evidence = List.copyOf(evidence);
  }

  /** A correlation of x's daily value. */
  public Correlation(
      MetricType x,
      MetricType y,
      int lag,
      LocalDate from,
      LocalDate to,
      int pairs,
      double rho,
      double pValue,
      double qValue,
      double threshold,
      double meanAbove,
      double meanBelow,
      double slope,
      List<Evidence> evidence) {
    this(
        x,
        y,
        lag,
        from,
        to,
        pairs,
        rho,
        pValue,
        qValue,
        threshold,
        meanAbove,
        meanBelow,
        slope,
        evidence,
        Measure.DAILY_VALUE);
  }

  /** y after days above the threshold minus y after the others, in y's unit. */
  public double difference() {
    return meanAbove - meanBelow;
  }

  public boolean significant() {
    return qValue < FDR;
  }

  Correlation withQ(double q) {
    return new Correlation(
        x, y, lag, from, to, pairs, rho, pValue, q, threshold, meanAbove, meanBelow, slope,
        evidence, xMeasure);
  }

  Correlation withMeasure(Measure measure, List<Evidence> evidence) {
    return new Correlation(
        x, y, lag, from, to, pairs, rho, pValue, qValue, threshold, meanAbove, meanBelow, slope,
        evidence, measure);
  }

  /** The unit of x as paired: x's own, or "1" (a fraction) for a share eaten late. */
  public String xUnit() {
    return xMeasure == Measure.SHARE_EATEN_LATE ? "1" : x.unit();
  }

  @Override
  public Kind kind() {
    return Kind.CORRELATION;
  }

  @Override
  public List<MetricType> metrics() {
    return List.of(x, y);
  }

  @Override
  public Effect effect() {
    return new Effect(difference(), y.unit(), "difference_of_means_above_and_below_median");
  }

  @Override
  public Strength strength() {
    return new Strength(rho, "spearman_rho");
  }

  @Override
  public int days() {
    return pairs;
  }
}
