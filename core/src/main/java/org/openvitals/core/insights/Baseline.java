package org.openvitals.core.insights;

import java.time.LocalDate;

/**
 * A personal baseline for one day: the median of the days before it and the normal range around it,
 * in the frame of the source that gave the day's value.
 *
 * @param centre the median of the baseline days
 * @param low lowest value still in the normal range
 * @param high highest value still in the normal range
 * @param spread the robust standard deviation (1.4826 x the median absolute deviation), on the log
 *     scale where {@code logScale}
 * @param days how many days it was built from
 * @param first the earliest of those days
 * @param last the latest of those days
 * @param logScale whether centre and spread were worked out on the natural log of the values (HRV,
 *     whose day-to-day spread grows with its level)
 */
public record Baseline(
    double centre,
    double low,
    double high,
    double spread,
    int days,
    LocalDate first,
    LocalDate last,
    boolean logScale) {

  /** How many spreads {@code value} lies from the centre (signed). */
  public double z(double value) {
    double x = logScale ? Math.log(value) : value;
    double c = logScale ? Math.log(centre) : centre;
    return (x - c) / spread;
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
