package org.openvitals.app.dashboard;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ResolvedDay;

/**
 * One tile of the dashboard: a metric's resolved value over a period, where it came from, how it
 * moved against the period before, and its daily shape.
 *
 * @param value the latest day's value (today) or the mean of the period's daily values; null when
 *     the period has no data
 * @param valueDay the day shown (today: the latest day with data, which may be before today); the
 *     latest day with data for longer periods, the day an explanation opens on
 * @param primary the source that was primary on most days of the period
 * @param primaryDays days on which it was primary
 * @param daysWithData days of the period with a resolved value
 * @param trend relative change against the period before (0.05 is 5% up); null when either has no
 *     data, the one before has data on fewer than half as many days, or its mean is zero
 * @param sparkline the values over the range (at least a week), a day per point up to {@link
 *     #SPARK_POINTS} points and the mean of equal runs of days beyond; NaN where no data
 * @param total the sum of the daily values over the days summarised (workouts: their minutes)
 * @param events the things counted over those days (workouts: how many, duplicates joined)
 */
public record MetricSummary(
    MetricType metric,
    Period period,
    DayRange range,
    Double value,
    LocalDate valueDay,
    SourceRef primary,
    int primaryDays,
    int daysWithData,
    Double trend,
    double[] sparkline,
    double total,
    int events) {

  /** How far back "today" looks for the latest day when today itself has no data yet. */
  static final int LATEST_WITHIN_DAYS = 7;

  /** The most points a sparkline draws (a tile is a few hundred pixels wide). */
  static final int SPARK_POINTS = 120;

  public boolean hasValue() {
    return value != null;
  }

  /**
   * Summarises {@code days} (one metric's resolved days, oldest first) over {@code range}, the days
   * {@code period} shows.
   */
  public static MetricSummary of(
      MetricType metric, List<ResolvedDay> days, Period period, DayRange range) {
    double[] sparkline = sparkline(days, range.atLeast(7));
    if (period == Period.TODAY) {
      return latest(metric, days, range, sparkline);
    }
    List<ResolvedDay> now = between(days, range.from(), range.to());
    DayRange earlier = range.before();
    List<ResolvedDay> before = between(days, earlier.from(), earlier.to());
    if (now.isEmpty()) {
      return new MetricSummary(
          metric, period, range, null, null, null, 0, 0, null, sparkline, 0, 0);
    }
    Map<SourceRef, Integer> primaryDays = new LinkedHashMap<>();
    now.forEach(d -> primaryDays.merge(d.primary(), 1, Integer::sum));
    Map.Entry<SourceRef, Integer> top =
        primaryDays.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).get();
    double mean = mean(now);
    return new MetricSummary(
        metric,
        period,
        range,
        mean,
        now.getLast().day(),
        top.getKey(),
        top.getValue(),
        now.size(),
        comparable(before, now) ? change(mean, mean(before)) : null,
        sparkline,
        now.stream().mapToDouble(ResolvedDay::value).sum(),
        now.stream().mapToInt(ResolvedDay::count).sum());
  }

  /** The days of {@code span} as at most {@link #SPARK_POINTS} points. */
  private static double[] sparkline(List<ResolvedDay> days, DayRange span) {
    Map<LocalDate, ResolvedDay> byDay = new HashMap<>();
    days.forEach(d -> byDay.put(d.day(), d));
    int n = span.days();
    int per = (n + SPARK_POINTS - 1) / SPARK_POINTS;
    double[] out = new double[(n + per - 1) / per];
    for (int i = 0; i < out.length; i++) {
      double sum = 0;
      int count = 0;
      for (int k = i * per; k < Math.min(n, (i + 1) * per); k++) {
        ResolvedDay d = byDay.get(span.from().plusDays(k));
        if (d != null) {
          sum += d.value();
          count++;
        }
      }
      out[i] = count == 0 ? Double.NaN : sum / count;
    }
    return out;
  }

  /** Today's value, or the latest day's within a week; trend against the week before it. */
  private static MetricSummary latest(
      MetricType metric, List<ResolvedDay> days, DayRange range, double[] sparkline) {
    LocalDate today = range.to();
    List<ResolvedDay> recent = between(days, today.minusDays(LATEST_WITHIN_DAYS - 1L), today);
    if (recent.isEmpty()) {
      return new MetricSummary(
          metric, Period.TODAY, range, null, null, null, 0, 0, null, sparkline, 0, 0);
    }
    ResolvedDay last = recent.getLast();
    List<ResolvedDay> week = between(days, last.day().minusDays(7), last.day().minusDays(1));
    return new MetricSummary(
        metric,
        Period.TODAY,
        range,
        last.value(),
        last.day(),
        last.primary(),
        1,
        1,
        week.isEmpty() ? null : change(last.value(), mean(week)),
        sparkline,
        last.value(),
        last.count());
  }

  private static List<ResolvedDay> between(List<ResolvedDay> days, LocalDate from, LocalDate to) {
    return days.stream().filter(d -> !d.day().isBefore(from) && !d.day().isAfter(to)).toList();
  }

  private static double mean(List<ResolvedDay> days) {
    return days.stream().mapToDouble(ResolvedDay::value).average().orElse(Double.NaN);
  }

  /**
   * A trend needs data on at least half as many days before as now: a single day before the first
   * month of data says nothing about the month.
   */
  private static boolean comparable(List<ResolvedDay> before, List<ResolvedDay> now) {
    return !before.isEmpty() && before.size() * 2 >= now.size();
  }

  private static Double change(double now, double before) {
    return before == 0 || Double.isNaN(before) ? null : (now - before) / Math.abs(before);
  }
}
