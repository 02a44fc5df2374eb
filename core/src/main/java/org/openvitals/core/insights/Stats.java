package org.openvitals.core.insights;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Variance;

/** The few statistics the insights share, on top of Commons Statistics. */
final class Stats {
  /** Scales a median absolute deviation to a standard deviation for normal data. */
  static final double MAD_TO_SD = 1.4826;

  private static final Median MEDIAN = Median.withDefaults();

  private Stats() {}

  static double mean(double[] values) {
    return Mean.of(values).getAsDouble();
  }

  /** Sample variance (n-1). */
  static double variance(double[] values) {
    return Variance.of(values).getAsDouble();
  }

  static double median(double[] values) {
    return MEDIAN.evaluate(values);
  }

  /** 1.4826 x the median absolute deviation from {@code centre}. */
  static double robustSpread(double[] values, double centre) {
    double[] deviations = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - centre);
    }
    return MAD_TO_SD * median(deviations);
  }

  /**
   * Benjamini-Hochberg adjusted p-values (q-values): a set of findings with q below a rate has at
   * most that expected share of false ones.
   */
  static double[] benjaminiHochberg(double[] p) {
    int m = p.length;
    Integer[] order =
        IntStream.range(0, m)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> p[i]))
            .toArray(Integer[]::new);
    double[] q = new double[m];
    double running = 1;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, p[i] * m / rank);
      q[i] = running;
    }
    return q;
  }

  /** The values without NaNs. */
  static double[] present(double[] values) {
    return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
  }
}
