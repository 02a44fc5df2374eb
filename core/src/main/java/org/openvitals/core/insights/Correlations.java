package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.openvitals.core.model.MetricType;

/**
 * Correlations with a lag between the pairs of metrics a person asks about (see {@link Correlation}
 * for the method).
 */
public final class Correlations {
  /** A pair: {@code x} on a day, {@code y} on that day or up to {@link #MAX_LAG} days later. */
  public record Pair(MetricType x, MetricType y) {}

  public static final int MAX_LAG = 2;

  /** Fewer paired days than this are not tested. */
  public static final int MIN_PAIRS = 30;

  /** Half-width, in days, of the window whose median is a day's usual level. */
  static final int LEVEL_HALF_WIDTH = 14;

  /** Days with data a day's usual level needs around it. */
  static final int LEVEL_MIN_DAYS = 7;

  /** The pairs tested, each at lags 0, 1 and 2. */
  public static final List<Pair> PAIRS =
      List.of(
          new Pair(MetricType.SLEEP_ASLEEP, MetricType.HRV_RMSSD),
          new Pair(MetricType.SLEEP_ASLEEP, MetricType.HRV_SDNN),
          new Pair(MetricType.SLEEP_ASLEEP, MetricType.RESTING_HEART_RATE),
          new Pair(MetricType.STEPS, MetricType.SLEEP_ASLEEP),
          new Pair(MetricType.EXERCISE_TIME, MetricType.SLEEP_ASLEEP),
          new Pair(MetricType.DIETARY_ENERGY, MetricType.SLEEP_ASLEEP),
          new Pair(MetricType.CAFFEINE, MetricType.SLEEP_ASLEEP),
          new Pair(MetricType.ALCOHOL, MetricType.SLEEP_ASLEEP),
          new Pair(MetricType.ALCOHOL, MetricType.HRV_RMSSD),
          new Pair(MetricType.ALCOHOL, MetricType.RESTING_HEART_RATE),
          new Pair(MetricType.WORKOUT, MetricType.HRV_RMSSD),
          new Pair(MetricType.WORKOUT, MetricType.HRV_SDNN),
          new Pair(MetricType.WORKOUT, MetricType.RESTING_HEART_RATE),
          new Pair(MetricType.WORKOUT, MetricType.SLEEP_ASLEEP));

  private static final NaturalRanking RANKING = new NaturalRanking();

  private Correlations() {}

  /** Every pair and lag with enough paired days in {@code [from, to]}, p-values unadjusted. */
  public static List<Correlation> tested(
      Map<MetricType, DailySeries> series, List<Pair> pairs, LocalDate from, LocalDate to) {
    Map<MetricType, double[]> adjusted = new java.util.HashMap<>();
    List<Correlation> out = new ArrayList<>();
    for (Pair pair : pairs) {
      DailySeries x = series.get(pair.x());
      DailySeries y = series.get(pair.y());
      if (x == null || y == null) {
        continue;
      }
      double[] ax = adjusted.computeIfAbsent(pair.x(), m -> adjust(x));
      double[] ay = adjusted.computeIfAbsent(pair.y(), m -> adjust(y));
      for (int lag = 0; lag <= MAX_LAG; lag++) {
        Correlation c = test(x, y, ax, ay, lag, from, to);
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** One lag of one pair, with each series adjusted here; null without enough paired days. */
  static Correlation test(DailySeries x, DailySeries y, int lag, LocalDate from, LocalDate to) {
    return test(x, y, adjust(x), adjust(y), lag, from, to);
  }

  private static Correlation test(
      DailySeries x,
      DailySeries y,
      double[] ax,
      double[] ay,
      int lag,
      LocalDate from,
      LocalDate to) {
    int first = Math.max(0, x.index(from));
    int last = Math.min(x.length() - 1, x.index(to.minusDays(lag)));
    int shift = y.index(x.day(0)) + lag; // x's slot i pairs with y's slot i + shift
    int[] xi = new int[Math.max(0, last - first + 1)];
    int n = 0;
    for (int i = first; i <= last; i++) {
      int j = i + shift;
      if (!Double.isNaN(ax[i]) && j >= 0 && j < ay.length && !Double.isNaN(ay[j])) {
        xi[n++] = i;
      }
    }
    if (n < MIN_PAIRS) {
      return null;
    }
    double[] px = new double[n];
    double[] py = new double[n];
    for (int k = 0; k < n; k++) {
      px[k] = ax[xi[k]];
      py[k] = ay[xi[k] + shift];
    }
    double rho = pearson(RANKING.apply(px), RANKING.apply(py));
    if (Double.isNaN(rho)) {
      return null; // one side never varies
    }
    double p = pValue(rho, n);
    double threshold = median(x, xi, n);
    double above = 0;
    double below = 0;
    int nAbove = 0;
    for (int k = 0; k < n; k++) {
      if (x.value(xi[k]) > threshold) {
        above += py[k];
        nAbove++;
      } else {
        below += py[k];
      }
    }
    double meanAbove = nAbove == 0 ? Double.NaN : above / nAbove;
    double meanBelow = nAbove == n ? Double.NaN : below / (n - nAbove);
    List<Evidence> evidence = new ArrayList<>(2 * n);
    for (int k = 0; k < n; k++) {
      int i = xi[k];
      evidence.add(new Evidence(x.metric(), x.day(i), x.value(i), x.source(i)));
      evidence.add(
          new Evidence(y.metric(), y.day(i + shift), y.value(i + shift), y.source(i + shift)));
    }
    return new Correlation(
        x.metric(),
        y.metric(),
        lag,
        x.day(xi[0]),
        y.day(xi[n - 1] + shift),
        n,
        rho,
        p,
        p,
        threshold,
        meanAbove,
        meanBelow,
        slope(px, py),
        evidence);
  }

  /**
   * Each day's value relative to its usual level (the median of the days with data within {@value
   * #LEVEL_HALF_WIDTH} days either side), then less the mean of that weekday; NaN where a day has
   * no value or too few neighbours.
   */
  static double[] adjust(DailySeries s) {
    int length = s.length();
    double[] out = new double[length];
    double[] window = new double[2 * LEVEL_HALF_WIDTH + 1];
    double[] weekdaySum = new double[7];
    int[] weekdayCount = new int[7];
    for (int i = 0; i < length; i++) {
      out[i] = Double.NaN;
      if (!s.has(i)) {
        continue;
      }
      int n = 0;
      for (int j = i - LEVEL_HALF_WIDTH; j <= i + LEVEL_HALF_WIDTH; j++) {
        if (s.has(j)) {
          window[n++] = s.value(j);
        }
      }
      if (n >= LEVEL_MIN_DAYS) {
        out[i] = s.value(i) - Stats.median(java.util.Arrays.copyOf(window, n));
        int dow = s.day(i).getDayOfWeek().ordinal();
        weekdaySum[dow] += out[i];
        weekdayCount[dow]++;
      }
    }
    for (int i = 0; i < length; i++) {
      if (!Double.isNaN(out[i])) {
        int dow = s.day(i).getDayOfWeek().ordinal();
        out[i] -= weekdaySum[dow] / weekdayCount[dow];
      }
    }
    return out;
  }

  static double pearson(double[] a, double[] b) {
    double ma = Stats.mean(a);
    double mb = Stats.mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }

  /** Two-sided p-value of a rank correlation by the t approximation with n-2 df. */
  static double pValue(double rho, int n) {
    if (Math.abs(rho) >= 1) {
      return 0;
    }
    double t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
    return 2 * TDistribution.of(n - 2).survivalProbability(Math.abs(t));
  }

  private static double slope(double[] x, double[] y) {
    double mx = Stats.mean(x);
    double my = Stats.mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  private static double median(DailySeries x, int[] xi, int n) {
    double[] raw = new double[n];
    for (int k = 0; k < n; k++) {
      raw[k] = x.value(xi[k]);
    }
    return Stats.median(raw);
  }
}
