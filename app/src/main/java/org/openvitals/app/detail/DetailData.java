package org.openvitals.app.detail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.Detail;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.time.DayBoundaries;

/**
 * What the detail view draws for one metric and span, read off the FX thread.
 *
 * <p>The day view of an amount (steps) is hourly: the rules' slices for the day (see
 * docs/architecture.md, Rules), each run's amount spread over the hours it covers, so the hours add
 * up to the day's merged total and each hour names the source that gave most of it. The day view of
 * readings (heart rate, weight) shows every stored reading of every source. Longer spans show the
 * merged value per day ({@link RulesService#daily}); All over more than two years shows weekly
 * means so that a bar stays wider than a pixel.
 *
 * @param bars true when the marks are amounts per hour or day (drawn as bars), false for readings
 * @param movingAverage the trailing seven-day mean per point (weight), else null
 */
public record DetailData(
    MetricType metric,
    Span span,
    LocalDate from,
    LocalDate to,
    Instant start,
    Instant end,
    boolean bars,
    List<DetailPoint> points,
    double[] movingAverage) {

  /** Days in All above which a mark stands for a week. */
  static final int WEEKLY_ABOVE_DAYS = 2 * 366;

  /** The trailing window of the weight's moving average, in marks (days). */
  static final int AVERAGE_OVER = 7;

  public DetailData {
    points = List.copyOf(points);
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }

  /** True when each mark stands for a week (All over more than two years). */
  public boolean weekly() {
    return span == Span.ALL && from.plusDays(WEEKLY_ABOVE_DAYS).isBefore(to);
  }

  /**
   * Whether the detail view charts {@code metric}: amounts and readings. Sleep stages and workouts
   * are intervals, shown on pages of their own.
   */
  public static boolean charts(MetricType metric) {
    return metric.aggregation() == AggregationKind.CUMULATIVE
        || metric.aggregation() == AggregationKind.DISCRETE;
  }

  /** The metric's name as the detail view writes it: blood pressure is one pair. */
  public static String name(MetricType metric) {
    return metric == MetricType.BLOOD_PRESSURE_SYSTOLIC ? "Blood pressure" : metric.displayName();
  }

  /** Reads {@code metric} over {@code from..to} for {@code span}. */
  public static DetailData load(
      SampleStore store,
      RulesService rules,
      MetricType metric,
      Span span,
      LocalDate from,
      LocalDate to,
      BooleanSupplier cancelled) {
    DayBoundaries days = store.dayBoundaries();
    Instant start = days.startOf(from);
    Instant end = days.startOf(to.plusDays(1));
    boolean amounts = metric.aggregation() == AggregationKind.CUMULATIVE;
    List<DetailPoint> points;
    if (span == Span.DAY && amounts) {
      points = hourly(rules, metric, from, start, end);
      if (points.stream().allMatch(p -> p.value() == 0)) {
        points = List.of(); // a day with nothing counted says so rather than drawing 24 zeros
      }
    } else if (span == Span.DAY) {
      points = readings(store, metric, start, end);
    } else {
      points = daily(rules, days, metric, from, to, cancelled);
      if (span == Span.ALL && from.plusDays(WEEKLY_ABOVE_DAYS).isBefore(to)) {
        points = weekly(points, amounts);
      }
    }
    double[] average =
        metric == MetricType.BODY_MASS && span != Span.DAY ? movingAverage(points) : null;
    return new DetailData(
        metric, span, from, to, start, end, amounts || span != Span.DAY, points, average);
  }

  /** The day's merged amount per hour, from the slices the rules chose. */
  static List<DetailPoint> hourly(
      RulesService rules, MetricType metric, LocalDate day, Instant start, Instant end) {
    int hours = (int) Duration.between(start, end).toHours();
    double[] amount = new double[hours];
    List<Map<SourceRef, Double>> bySource = new ArrayList<>(hours);
    for (int h = 0; h < hours; h++) {
      bySource.add(new HashMap<>());
    }
    if (rules.explain(metric, day).detail() instanceof Detail.Slices slices) {
      for (Detail.SliceRun run : slices.runs()) {
        long runFrom = run.start().toInstant().toEpochMilli();
        long runTo = run.end().toInstant().toEpochMilli();
        double length = Math.max(1, runTo - runFrom);
        for (int h = 0; h < hours; h++) {
          long hourFrom = start.toEpochMilli() + h * 3_600_000L;
          long overlap = Math.min(runTo, hourFrom + 3_600_000L) - Math.max(runFrom, hourFrom);
          if (overlap > 0
              || (runTo == runFrom && runFrom >= hourFrom && runFrom < hourFrom + 3_600_000L)) {
            double share = runTo == runFrom ? run.amount() : run.amount() * overlap / length;
            amount[h] += share;
            bySource.get(h).merge(run.source(), share, Double::sum);
          }
        }
      }
    }
    List<DetailPoint> out = new ArrayList<>(hours);
    for (int h = 0; h < hours; h++) {
      Instant hourStart = start.plusSeconds(h * 3600L);
      SourceRef most =
          bySource.get(h).entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(null);
      out.add(new DetailPoint(hourStart, hourStart.plusSeconds(3600), amount[h], Double.NaN, most));
    }
    return out;
  }

  /** Every reading of every source; blood pressure as systolic/diastolic pairs. */
  static List<DetailPoint> readings(
      SampleStore store, MetricType metric, Instant start, Instant end) {
    List<Sample> samples = store.samples(metric, start, end);
    List<DetailPoint> out = new ArrayList<>(samples.size());
    if (metric == MetricType.BLOOD_PRESSURE_SYSTOLIC) {
      Map<String, Double> diastolic = new HashMap<>();
      for (Sample d : store.samples(MetricType.BLOOD_PRESSURE_DIASTOLIC, start, end)) {
        diastolic.putIfAbsent(pairKey(d), d.value());
      }
      for (Sample s : samples) {
        out.add(
            new DetailPoint(
                s.start().toInstant(),
                s.end().toInstant(),
                s.value(),
                diastolic.getOrDefault(pairKey(s), Double.NaN),
                s.source()));
      }
      return out;
    }
    for (Sample s : samples) {
      out.add(
          new DetailPoint(
              s.start().toInstant(), s.end().toInstant(), s.value(), Double.NaN, s.source()));
    }
    return out;
  }

  /** A systolic reading and its diastolic half share source and start (one cuff measurement). */
  private static String pairKey(Sample s) {
    return s.source() + "@" + s.start().toInstant();
  }

  /** The merged value of each day with data. */
  static List<DetailPoint> daily(
      RulesService rules,
      DayBoundaries days,
      MetricType metric,
      LocalDate from,
      LocalDate to,
      BooleanSupplier cancelled) {
    List<ResolvedDay> resolved = rules.daily(metric, from, to);
    Map<LocalDate, Double> diastolic = new LinkedHashMap<>();
    if (metric == MetricType.BLOOD_PRESSURE_SYSTOLIC && !cancelled.getAsBoolean()) {
      for (ResolvedDay d : rules.daily(MetricType.BLOOD_PRESSURE_DIASTOLIC, from, to)) {
        diastolic.put(d.day(), d.value());
      }
    }
    List<DetailPoint> out = new ArrayList<>(resolved.size());
    for (ResolvedDay d : resolved) {
      out.add(
          new DetailPoint(
              days.startOf(d.day()),
              days.startOf(d.day().plusDays(1)),
              d.value(),
              diastolic.getOrDefault(d.day(), Double.NaN),
              d.primary()));
    }
    return out;
  }

  /** Days grouped by the week (Monday first) they fall in: the mean of its days with data. */
  static List<DetailPoint> weekly(List<DetailPoint> days, boolean amounts) {
    List<DetailPoint> out = new ArrayList<>();
    int i = 0;
    while (i < days.size()) {
      Instant weekStart = days.get(i).from();
      Instant weekEnd = weekStart.plus(Duration.ofDays(7));
      double sum = 0;
      double lowSum = 0;
      int n = 0;
      Map<SourceRef, Integer> sources = new HashMap<>();
      Instant last = days.get(i).to();
      while (i < days.size() && days.get(i).from().isBefore(weekEnd)) {
        DetailPoint d = days.get(i++);
        sum += d.value();
        lowSum += d.low();
        n++;
        last = d.to();
        if (d.source() != null) {
          sources.merge(d.source(), 1, Integer::sum);
        }
      }
      SourceRef most =
          sources.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(null);
      out.add(new DetailPoint(weekStart, last, sum / n, lowSum / n, most));
    }
    return out;
  }

  /** The mean of each point and the ones before it within {@link #AVERAGE_OVER} days. */
  static double[] movingAverage(List<DetailPoint> points) {
    double[] out = new double[points.size()];
    int first = 0;
    double sum = 0;
    for (int i = 0; i < points.size(); i++) {
      sum += points.get(i).value();
      Instant windowStart = points.get(i).from().minus(Duration.ofDays(AVERAGE_OVER - 1));
      while (points.get(first).from().isBefore(windowStart)) {
        sum -= points.get(first++).value();
      }
      out[i] = sum / (i - first + 1);
    }
    return out;
  }

  /** The stored samples of the shown span, for "Show all data", at most {@code limit}. */
  public static List<Sample> samples(
      SampleStore store, MetricType metric, Instant start, Instant end, int limit) {
    List<Sample> out = new ArrayList<>();
    store.forEachSample(
        metric,
        start,
        end,
        s -> {
          if (out.size() < limit) {
            out.add(s);
          }
        });
    return out;
  }
}
