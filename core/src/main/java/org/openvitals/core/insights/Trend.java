package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.List;
import org.openvitals.core.model.MetricType;

/**
 * A metric's change over a window of days against the window just before it, tested against the
 * metric's usual day-to-day noise.
 *
 * <p>The test is Welch's t-test on the two windows' daily values, with each window's number of days
 * discounted for day-to-day autocorrelation (effective days {@code n(1-r)/(1+r)}, r the lag-1
 * autocorrelation of the days around their window's mean): neighbouring days of resting heart rate
 * or weight are alike, and counting them as independent would call ordinary drift a change. The
 * effect is the difference of the daily means with its 95 % interval, its size against the
 * day-to-day noise is Hedges' g, and {@link #qValue()} is the p-value adjusted for testing every
 * metric and window at once (Benjamini-Hochberg). Both windows are taken in the frame of the source
 * that gave most of the recent window's days ({@link
 * DailySeries#inFrameOf(org.openvitals.core.model.SourceRef)}), so a ring replacing a watch that
 * reads 3 bpm higher is not reported as a fall of 3 bpm.
 *
 * @param window the window's length in days (7, 30 or 90)
 * @param mean the daily mean of the window {@code [from, to]}
 * @param previousMean the daily mean of {@code [previousFrom, previousTo]}
 * @param days days with data in the window
 * @param previousDays days with data in the window before
 * @param lag1 the lag-1 autocorrelation used to discount the days (clamped to 0..0.9)
 * @param since when the level the window shows began: the day after which the mean of the last year
 *     of days shifts most in the direction of the change (a least-squares single change point), or
 *     null when no such shift lies in that year
 */
public record Trend(
    MetricType metric,
    int window,
    LocalDate from,
    LocalDate to,
    LocalDate previousFrom,
    LocalDate previousTo,
    double mean,
    double previousMean,
    int days,
    int previousDays,
    double hedgesG,
    double ciLow,
    double ciHigh,
    double lag1,
    double pValue,
    double qValue,
    LocalDate since,
    List<Evidence> evidence)
    implements Insight {

  /** The false discovery rate at which a change counts as found. */
  public static final double FDR = 0.05;

  public Trend {
    evidence = List.copyOf(evidence);
  }

  public double change() {
    return mean - previousMean;
  }

  /** The change in percent of the window before (NaN when that mean is 0). */
  public double percent() {
    return previousMean == 0 ? Double.NaN : 100 * change() / Math.abs(previousMean);
  }

  /** Larger than the day-to-day noise, after adjusting for every trend tested. */
  public boolean significant() {
    return qValue < FDR;
  }

  public boolean up() {
    return change() > 0;
  }

  Trend withQ(double q) {
    return new Trend(
        metric,
        window,
        from,
        to,
        previousFrom,
        previousTo,
        mean,
        previousMean,
        days,
        previousDays,
        hedgesG,
        ciLow,
        ciHigh,
        lag1,
        pValue,
        q,
        since,
        evidence);
  }

  @Override
  public Kind kind() {
    return Kind.TREND;
  }

  @Override
  public List<MetricType> metrics() {
    return List.of(metric);
  }

  @Override
  public Effect effect() {
    return new Effect(change(), metric.unit(), "difference_of_daily_means");
  }

  @Override
  public Strength strength() {
    return new Strength(hedgesG, "hedges_g");
  }
}
