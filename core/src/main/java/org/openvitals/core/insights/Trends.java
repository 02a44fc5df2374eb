package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.TTest;

/** Changes of a metric over 7, 30 and 90 days against the days before (see {@link Trend}). */
public final class Trends {
  /** The window lengths tested, in days. */
  public static final List<Integer> WINDOWS = List.of(7, 30, 90);

  /** How far back "trending since" looks for the start of the current level. */
  public static final int SINCE_LOOKBACK_DAYS = 365;

  /** Each side of a change point spans at least this many days with data. */
  static final int MIN_SEGMENT_DAYS = 14;

  private static final double MAX_LAG1 = 0.9;

  private Trends() {}

  /**
   * The trends of {@code series} for every window that fits in {@code [from, to]}, each ending on
   * {@code to}, with unadjusted p-values (q = p; {@link Insights} adjusts them across metrics). A
   * window needs data on at least half its days, and so does the window before it.
   */
  public static List<Trend> of(DailySeries series, LocalDate from, LocalDate to) {
    List<Trend> out = new ArrayList<>();
    long span = to.toEpochDay() - from.toEpochDay() + 1;
    for (int window : WINDOWS) {
      if (window <= span) {
        Trend t = of(series, window, to);
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** The trend of the {@code window} days ending {@code to}, or null without enough data. */
  static Trend of(DailySeries merged, int window, LocalDate to) {
    LocalDate from = to.minusDays(window - 1L);
    LocalDate previousTo = from.minusDays(1);
    LocalDate previousFrom = previousTo.minusDays(window - 1L);
    // Both windows in the frame of the window's main source, so a switch of source is no change.
    DailySeries series = merged.inFrameOf(merged.mainSource(from, to));
    double[] now = series.values(from, to);
    double[] before = series.values(previousFrom, previousTo);
    int needed = Math.max(4, (window + 1) / 2);
    if (now.length < needed || before.length < needed) {
      return null;
    }
    double meanNow = Stats.mean(now);
    double meanBefore = Stats.mean(before);
    double varNow = Stats.variance(now);
    double varBefore = Stats.variance(before);
    if (varNow + varBefore == 0) {
      return null; // no day-to-day noise to compare with (a constant series)
    }
    double r = Math.clamp(lag1(series, previousTo, window), 0, MAX_LAG1);
    double discount = (1 - r) / (1 + r);
    long effNow = Math.max(2, (long) Math.floor(now.length * discount));
    long effBefore = Math.max(2, (long) Math.floor(before.length * discount));
    double p =
        TTest.withDefaults()
            .test(meanNow, varNow, effNow, meanBefore, varBefore, effBefore)
            .getPValue();
    double pooled =
        Math.sqrt(
            ((now.length - 1) * varNow + (before.length - 1) * varBefore)
                / (now.length + before.length - 2));
    double correction = 1 - 3.0 / (4.0 * (now.length + before.length) - 9);
    double g = pooled == 0 ? 0 : (meanNow - meanBefore) / pooled * correction;
    double a = varNow / effNow;
    double b = varBefore / effBefore;
    double df = (a + b) * (a + b) / (a * a / (effNow - 1) + b * b / (effBefore - 1));
    double half =
        TDistribution.of(Math.max(1, df)).inverseCumulativeProbability(0.975) * Math.sqrt(a + b);
    double change = meanNow - meanBefore;
    LocalDate since = since(series, to, change > 0);
    List<Evidence> evidence = merged.evidence(previousFrom, to);
    return new Trend(
        series.metric(),
        window,
        from,
        to,
        previousFrom,
        previousTo,
        meanNow,
        meanBefore,
        now.length,
        before.length,
        g,
        change - half,
        change + half,
        r,
        p,
        p,
        since,
        evidence);
  }

  /**
   * Lag-1 autocorrelation of the day-to-day noise before the window: over the {@code max(2 x
   * window, 56)} days up to {@code end}, in blocks of {@code window} days each taken around its own
   * mean, over consecutive days that both have data. Measured before the window so that the change
   * being tested cannot pass itself off as autocorrelation.
   */
  static double lag1(DailySeries s, LocalDate end, int window) {
    int last = s.index(end);
    int span = Math.max(2 * window, 56);
    int first = Math.max(0, last - span + 1);
    double num = 0;
    double den = 0;
    for (int blockEnd = last; blockEnd >= first; blockEnd -= window) {
      int blockStart = Math.max(first, blockEnd - window + 1);
      double sum = 0;
      int n = 0;
      for (int i = blockStart; i <= blockEnd; i++) {
        if (s.has(i)) {
          sum += s.value(i);
          n++;
        }
      }
      if (n < 2) {
        continue;
      }
      double mean = sum / n;
      for (int i = blockStart; i <= blockEnd; i++) {
        if (s.has(i)) {
          double d = s.value(i) - mean;
          den += d * d;
          if (i + 1 <= blockEnd && s.has(i + 1)) {
            num += d * (s.value(i + 1) - mean);
          }
        }
      }
    }
    return den == 0 ? 0 : num / den;
  }

  /**
   * The first day of the current level: over the last {@link #SINCE_LOOKBACK_DAYS} days up to
   * {@code to}, the split into an earlier and a later part (each at least {@link #MIN_SEGMENT_DAYS}
   * days with data) that explains the most variance by two means (least squares), among splits
   * whose later part is higher ({@code up}) or lower. Null if none.
   */
  static LocalDate since(DailySeries s, LocalDate to, boolean up) {
    int last = Math.min(s.length() - 1, s.index(to));
    int first = Math.max(0, last - SINCE_LOOKBACK_DAYS + 1);
    List<Integer> days = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      if (s.has(i)) {
        days.add(i);
      }
    }
    int n = days.size();
    if (n < 2 * MIN_SEGMENT_DAYS) {
      return null;
    }
    double[] prefix = new double[n + 1];
    for (int k = 0; k < n; k++) {
      prefix[k + 1] = prefix[k] + s.value(days.get(k));
    }
    double best = 0;
    int bestK = -1;
    for (int k = MIN_SEGMENT_DAYS; k <= n - MIN_SEGMENT_DAYS; k++) {
      double before = prefix[k] / k;
      double after = (prefix[n] - prefix[k]) / (n - k);
      double shift = after - before;
      if (up ? shift <= 0 : shift >= 0) {
        continue;
      }
      double explained = (double) k * (n - k) / n * shift * shift;
      if (explained > best) {
        best = explained;
        bestK = k;
      }
    }
    return bestK < 0 ? null : s.day(days.get(bestK));
  }
}
