package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.store.DailyRollup;

/**
 * One metric's resolved daily values over a span of days, held densely (one slot per calendar day,
 * NaN where a day has no value) so the insights walk years of days without lookups. Beside each
 * day's merged value it keeps the source that value came from and, for readings, each source's own
 * mean of the day (from the store's daily rollups), which lets a baseline carry on in the frame of
 * a new source when the primary source changes.
 */
public final class DailySeries {
  private final MetricType metric;
  private final LocalDate first;
  private final double[] values;
  private final SourceRef[] sources;
  private final Map<SourceRef, double[]> own;
  private final Map<List<SourceRef>, Double> offsets =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Days two sources both measured before their difference is trusted. */
  static final int MIN_OVERLAP_DAYS = 5;

  private DailySeries(
      MetricType metric,
      LocalDate first,
      double[] values,
      SourceRef[] sources,
      Map<SourceRef, double[]> own) {
    this.metric = metric;
    this.first = first;
    this.values = values;
    this.sources = sources;
    this.own = own;
  }

  /**
   * The series of {@code days} (resolved values) over {@code [from, to]}; {@code rollups} give each
   * source's own daily mean and are used for readings ({@link AggregationKind#DISCRETE}) only,
   * where a day's mean reading is what the source itself would show.
   */
  public static DailySeries of(
      MetricType metric,
      LocalDate from,
      LocalDate to,
      List<ResolvedDay> days,
      List<DailyRollup> rollups) {
    Objects.requireNonNull(metric, "metric");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("The series ends (" + to + ") before it starts " + from);
    }
    int length = (int) (to.toEpochDay() - from.toEpochDay() + 1);
    double[] values = new double[length];
    Arrays.fill(values, Double.NaN);
    SourceRef[] sources = new SourceRef[length];
    for (ResolvedDay d : days) {
      int i = (int) (d.day().toEpochDay() - from.toEpochDay());
      if (i >= 0 && i < length && Double.isFinite(d.value())) {
        values[i] = d.value();
        sources[i] = d.primary();
      }
    }
    Map<SourceRef, double[]> own = new HashMap<>();
    if (metric.aggregation() == AggregationKind.DISCRETE) {
      for (DailyRollup r : rollups) {
        int i = (int) (r.day().toEpochDay() - from.toEpochDay());
        if (r.type() == metric && i >= 0 && i < length && r.count() > 0) {
          own.computeIfAbsent(r.source(), s -> nanArray(length))[i] = r.mean();
        }
      }
    }
    return new DailySeries(metric, from, values, sources, own);
  }

  /** A series from plain values (one per day from {@code from}, NaN for none), one source. */
  public static DailySeries ofValues(
      MetricType metric, LocalDate from, SourceRef source, double... values) {
    SourceRef[] sources = new SourceRef[values.length];
    for (int i = 0; i < values.length; i++) {
      sources[i] = Double.isNaN(values[i]) ? null : source;
    }
    return new DailySeries(metric, from, values.clone(), sources, Map.of());
  }

  /** A series from values and each day's source (null where a day has no value). */
  static DailySeries ofDays(
      MetricType metric, LocalDate from, double[] values, SourceRef[] sources) {
    return new DailySeries(metric, from, values.clone(), sources.clone(), Map.of());
  }

  private static double[] nanArray(int length) {
    double[] a = new double[length];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  public MetricType metric() {
    return metric;
  }

  public LocalDate from() {
    return first;
  }

  public LocalDate to() {
    return first.plusDays(values.length - 1L);
  }

  /** Number of calendar days the series spans. */
  public int length() {
    return values.length;
  }

  /** The day of slot {@code i}. */
  public LocalDate day(int i) {
    return first.plusDays(i);
  }

  /** The slot of {@code day}; may lie outside {@code [0, length)}. */
  public int index(LocalDate day) {
    return (int) (day.toEpochDay() - first.toEpochDay());
  }

  /** The merged value in slot {@code i}, NaN when none (or outside the series). */
  public double value(int i) {
    return i >= 0 && i < values.length ? values[i] : Double.NaN;
  }

  public double value(LocalDate day) {
    return value(index(day));
  }

  public boolean has(int i) {
    return !Double.isNaN(value(i));
  }

  /** The source the value in slot {@code i} came from, null when none. */
  public SourceRef source(int i) {
    return i >= 0 && i < sources.length ? sources[i] : null;
  }

  /** {@code source}'s own figure in slot {@code i} (readings only), NaN when it has none. */
  public double own(SourceRef source, int i) {
    double[] figures = own.get(source);
    return figures == null || i < 0 || i >= figures.length ? Double.NaN : figures[i];
  }

  /** The sources with own figures. */
  public Set<SourceRef> ownSources() {
    return Collections.unmodifiableSet(own.keySet());
  }

  /**
   * Slot {@code i}'s value as {@code frame} would have shown it: {@code frame}'s own figure of the
   * day when it has one; else the merged value, shifted by the median difference between {@code
   * frame} and the day's source over the days both measured; NaN when that difference is unknown. A
   * metric without own figures (not readings) cannot know such differences and gives the merged
   * value as it is.
   */
  public double inFrameOf(SourceRef frame, int i) {
    double v = value(i);
    if (frame == null || own.isEmpty()) {
      return v;
    }
    double mine = own(frame, i);
    if (!Double.isNaN(mine)) {
      return mine;
    }
    SourceRef source = source(i);
    if (Double.isNaN(v) || source == null || source.equals(frame)) {
      return v;
    }
    double offset = offsets.computeIfAbsent(List.of(frame, source), k -> offset(frame, source));
    return Double.isNaN(offset) ? Double.NaN : v + offset;
  }

  /** This series with every day's value in {@code frame}'s frame (see {@link #inFrameOf}). */
  public DailySeries inFrameOf(SourceRef frame) {
    if (frame == null || own.isEmpty()) {
      return this;
    }
    double[] framed = new double[values.length];
    SourceRef[] framedSources = new SourceRef[values.length];
    for (int i = 0; i < values.length; i++) {
      framed[i] = Double.isNaN(values[i]) ? Double.NaN : inFrameOf(frame, i);
      framedSources[i] = Double.isNaN(framed[i]) ? null : frame;
    }
    return new DailySeries(metric, first, framed, framedSources, Map.of());
  }

  /** The source that gave the most values in {@code [from, to]}, null when none. */
  public SourceRef mainSource(LocalDate from, LocalDate to) {
    Map<SourceRef, Integer> counts = new HashMap<>();
    for (int i = Math.max(0, index(from)); i <= Math.min(values.length - 1, index(to)); i++) {
      if (sources[i] != null) {
        counts.merge(sources[i], 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(Map.Entry.<SourceRef, Integer>comparingByValue().thenComparing(e -> e.getKey().key()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** Median of {@code a}'s own figure minus {@code b}'s over the days both have one. */
  private double offset(SourceRef a, SourceRef b) {
    double[] x = own.get(a);
    double[] y = own.get(b);
    if (x == null || y == null) {
      return Double.NaN;
    }
    double[] differences = new double[values.length];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        differences[n++] = x[i] - y[i];
      }
    }
    return n < MIN_OVERLAP_DAYS ? Double.NaN : Stats.median(Arrays.copyOf(differences, n));
  }

  /** Days with a value in {@code [from, to]}. */
  public int count(LocalDate from, LocalDate to) {
    int n = 0;
    for (int i = Math.max(0, index(from)); i <= Math.min(values.length - 1, index(to)); i++) {
      n += Double.isNaN(values[i]) ? 0 : 1;
    }
    return n;
  }

  /** The values with data in {@code [from, to]}, oldest first. */
  public double[] values(LocalDate from, LocalDate to) {
    List<Double> out = new ArrayList<>();
    for (int i = Math.max(0, index(from)); i <= Math.min(values.length - 1, index(to)); i++) {
      if (!Double.isNaN(values[i])) {
        out.add(values[i]);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The days with data in {@code [from, to]} as evidence, oldest first. */
  public List<Evidence> evidence(LocalDate from, LocalDate to) {
    List<Evidence> out = new ArrayList<>();
    for (int i = Math.max(0, index(from)); i <= Math.min(values.length - 1, index(to)); i++) {
      if (!Double.isNaN(values[i])) {
        out.add(new Evidence(metric, day(i), values[i], sources[i]));
      }
    }
    return out;
  }

  /**
   * This series with 0 on the days {@code tracked} has a value and this one has none: for amounts
   * that are simply absent on days without them (no workout, no alcohol logged on a day food was).
   */
  public DailySeries zeroWhereTracked(DailySeries tracked) {
    double[] filled = values.clone();
    SourceRef[] filledSources = sources.clone();
    for (int i = 0; i < filled.length; i++) {
      if (Double.isNaN(filled[i]) && tracked.has(tracked.index(day(i)))) {
        filled[i] = 0;
      }
    }
    return new DailySeries(metric, first, filled, filledSources, own);
  }
}
