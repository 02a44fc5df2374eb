package org.openvitals.app.dashboard;

import java.time.LocalDate;
import java.util.Comparator;
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
 * @param sparkline daily values over {@link Period#chartDays()} ending today, NaN where no data
 */
public record MetricSummary(
    MetricType metric,
    Period period,
    Double value,
    LocalDate valueDay,
    SourceRef primary,
    int primaryDays,
    int daysWithData,
    Double trend,
    double[] sparkline) {

  /** How far back "today" looks for the latest day when today itself has no data yet. */
  static final int LATEST_WITHIN_DAYS = 7;

  public boolean hasValue() {
    return value != null;
  }

  /** Summarises {@code days} (one metric's resolved days, oldest first) for {@code period}. */
  public static MetricSummary of(
      MetricType metric, List<ResolvedDay> days, Period period, LocalDate today) {
    Map<LocalDate, ResolvedDay> byDay = new LinkedHashMap<>();
    days.forEach(d -> byDay.put(d.day(), d));
    double[] sparkline = new double[period.chartDays()];
    LocalDate sparkFirst = today.minusDays(sparkline.length - 1L);
    for (int i = 0; i < sparkline.length; i++) {
      ResolvedDay d = byDay.get(sparkFirst.plusDays(i));
      sparkline[i] = d == null ? Double.NaN : d.value();
    }
    if (period == Period.TODAY) {
      return latest(metric, days, today, sparkline);
    }
    LocalDate first = period.firstDay(today);
    List<ResolvedDay> now = between(days, first, today);
    List<ResolvedDay> before = between(days, first.minusDays(period.days()), first.minusDays(1));
    if (now.isEmpty()) {
      return new MetricSummary(metric, period, null, null, null, 0, 0, null, sparkline);
    }
    Map<SourceRef, Integer> primaryDays = new LinkedHashMap<>();
    now.forEach(d -> primaryDays.merge(d.primary(), 1, Integer::sum));
    Map.Entry<SourceRef, Integer> top =
        primaryDays.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).get();
    double mean = mean(now);
    return new MetricSummary(
        metric,
        period,
        mean,
        now.getLast().day(),
        top.getKey(),
        top.getValue(),
        now.size(),
        comparable(before, now) ? change(mean, mean(before)) : null,
        sparkline);
  }

  /** Today's value, or the latest day's within a week; trend against the week before it. */
  private static MetricSummary latest(
      MetricType metric, List<ResolvedDay> days, LocalDate today, double[] sparkline) {
    List<ResolvedDay> recent = between(days, today.minusDays(LATEST_WITHIN_DAYS - 1L), today);
    if (recent.isEmpty()) {
      return new MetricSummary(metric, Period.TODAY, null, null, null, 0, 0, null, sparkline);
    }
    ResolvedDay last = recent.getLast();
    List<ResolvedDay> week = between(days, last.day().minusDays(7), last.day().minusDays(1));
    return new MetricSummary(
        metric,
        Period.TODAY,
        last.value(),
        last.day(),
        last.primary(),
        1,
        1,
        week.isEmpty() ? null : change(last.value(), mean(week)),
        sparkline);
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
