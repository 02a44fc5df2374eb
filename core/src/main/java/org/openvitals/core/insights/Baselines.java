package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * Personal baselines and the days outside them, for one metric's series.
 *
 * <p>A day's baseline is built from the {@value #DAYS} most recent days with data in the {@value
 * #LOOKBACK_DAYS} days before it (at least {@value #MIN_DAYS}), so a gap of a few weeks only thins
 * it. Centre and spread are the median and the robust standard deviation (1.4826 x the median
 * absolute deviation), which one odd day cannot drag; the normal range is the centre ± {@value
 * #RANGE} spreads, and a day outside it is an anomaly. HRV is taken on the log scale.
 *
 * <p><b>A change of source.</b> The baseline is expressed in the frame of the source that gave the
 * day's value ({@link DailySeries#inFrameOf(SourceRef, int)}): for readings, each baseline day
 * contributes that source's own figure of the day when it has one (ring and watch both measure
 * resting heart rate most days), else the merged value shifted by the median difference between the
 * two sources; a day whose difference is unknown is left out. So when the ring replaces the watch,
 * the baseline moves to the ring's own level at once instead of flagging the switch as a change of
 * body.
 */
public final class Baselines {
  public static final int LOOKBACK_DAYS = 60;
  public static final int DAYS = 28;
  public static final int MIN_DAYS = 14;
  public static final double RANGE = 3.0;

  /** The metrics with personal baselines, in the order they are shown. */
  public static final List<MetricType> METRICS =
      List.of(
          MetricType.RESTING_HEART_RATE,
          MetricType.HRV_SDNN,
          MetricType.HRV_RMSSD,
          MetricType.SLEEP_ASLEEP,
          MetricType.RESPIRATORY_RATE,
          MetricType.SKIN_TEMPERATURE_DEVIATION,
          MetricType.SLEEPING_WRIST_TEMPERATURE,
          MetricType.BODY_MASS);

  private static final Set<MetricType> LOG_SCALE =
      Set.of(MetricType.HRV_SDNN, MetricType.HRV_RMSSD);

  private final DailySeries series;
  private final boolean adjustSources;

  private Baselines(DailySeries series, boolean adjustSources) {
    this.series = series;
    this.adjustSources = adjustSources;
  }

  public static Baselines of(DailySeries series) {
    return new Baselines(series, true);
  }

  /**
   * Baselines that ignore which source gave each value, as if every source measured the same: only
   * for showing what the source adjustment changes.
   */
  static Baselines ignoringSources(DailySeries series) {
    return new Baselines(series, false);
  }

  /** The days in {@code [from, to]} outside their normal range, oldest first. */
  public List<Anomaly> anomalies(LocalDate from, LocalDate to) {
    List<Anomaly> out = new ArrayList<>();
    for (int i = Math.max(0, series.index(from));
        i <= Math.min(series.length() - 1, series.index(to));
        i++) {
      if (!series.has(i)) {
        continue;
      }
      Baseline b = at(i);
      double v = series.value(i);
      if (b != null && !b.contains(v)) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(series.metric(), series.day(i), v, series.source(i)));
        evidence.addAll(series.evidence(b.first(), b.last()));
        out.add(new Anomaly(series.metric(), series.day(i), v, series.source(i), b, evidence));
      }
    }
    return out;
  }

  /** The baseline of {@code day}, or null with too few days before it. */
  public Baseline at(LocalDate day) {
    return at(series.index(day));
  }

  Baseline at(int index) {
    SourceRef frame = series.source(index);
    boolean log = LOG_SCALE.contains(series.metric());
    double[] values = new double[DAYS];
    int n = 0;
    int earliest = index;
    int latest = -1;
    for (int j = index - 1; j >= Math.max(0, index - LOOKBACK_DAYS) && n < DAYS; j--) {
      double v = adjustSources ? series.inFrameOf(frame, j) : series.value(j);
      if (Double.isNaN(v) || (log && v <= 0)) {
        continue;
      }
      values[n++] = log ? Math.log(v) : v;
      earliest = j;
      latest = latest < 0 ? j : latest;
    }
    if (n < MIN_DAYS) {
      return null;
    }
    double[] used = java.util.Arrays.copyOf(values, n);
    double centre = Stats.median(used);
    double spread =
        Math.max(Stats.robustSpread(used, centre), Math.max(1e-3, 0.01 * Math.abs(centre)));
    double low = centre - RANGE * spread;
    double high = centre + RANGE * spread;
    return new Baseline(
        log ? Math.exp(centre) : centre,
        log ? Math.exp(low) : low,
        log ? Math.exp(high) : high,
        spread,
        n,
        series.day(earliest),
        series.day(latest),
        log);
  }
}
