package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.time.DayBoundaries;

/**
 * The daily series the insights read: each metric's resolved values (through {@link RulesService},
 * which resolves only days whose inputs changed) and, for readings, each source's own daily mean
 * from the store's rollups. Amounts that are simply absent on days without them (workouts,
 * exercise, what was eaten or drunk) count as 0 on days the person was tracked.
 */
public record InsightData(Map<MetricType, DailySeries> series, DailySeries lateEating) {

  /** Every metric the insights use, in the order trends are shown. */
  public static final List<MetricType> METRICS = metrics();

  public InsightData {
    series = Collections.unmodifiableMap(new EnumMap<>(series));
  }

  /** Data without a late-eating series. */
  public InsightData(Map<MetricType, DailySeries> series) {
    this(series, null);
  }

  public DailySeries get(MetricType metric) {
    return series.get(metric);
  }

  /**
   * The first day the insights of {@code [from, to]} look at: a year before {@code to} (where
   * "trending since" looks), or the baseline and usual-level days before {@code from}.
   */
  public static LocalDate firstDayNeeded(LocalDate from, LocalDate to) {
    LocalDate year = to.minusDays(Trends.SINCE_LOOKBACK_DAYS - 1L);
    LocalDate before =
        from.minusDays(Baselines.LOOKBACK_DAYS + (long) Correlations.LEVEL_HALF_WIDTH);
    LocalDate trends = to.minusDays(2L * Trends.WINDOWS.getLast() - 1);
    LocalDate first = year.isBefore(before) ? year : before;
    return trends.isBefore(first) ? trends : first;
  }

  /** Reads what the insights of {@code [from, to]} need from a store, in one rule context. */
  public static InsightData load(
      RulesService rules,
      SampleStore store,
      LocalDate from,
      LocalDate to,
      BooleanSupplier cancelled) {
    LocalDate first = firstDayNeeded(from, to);
    RuleContext ctx = rules.context();
    Map<MetricType, DailySeries> out = new EnumMap<>(MetricType.class);
    for (MetricType metric : METRICS) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("Reading the insights' data was cancelled");
      }
      var days = rules.daily(metric, first, to, ctx);
      if (!days.isEmpty()) {
        var rollups =
            metric.aggregation() == org.openvitals.core.model.AggregationKind.DISCRETE
                ? store.daily(metric, first, to)
                : List.<org.openvitals.core.store.DailyRollup>of();
        out.put(metric, DailySeries.of(metric, first, to, days, rollups));
      }
    }
    DailySeries late = null;
    DailySeries eaten = out.get(MetricType.DIETARY_ENERGY);
    if (eaten != null) {
      DayBoundaries boundaries = store.dayBoundaries();
      List<Sample> energy =
          store.samples(
              MetricType.DIETARY_ENERGY,
              boundaries.startOf(first),
              boundaries.startOf(to.plusDays(1)));
      late = LateEating.share(energy, eaten, boundaries, first, to);
    }
    return of(out, late);
  }

  /** The data with absent amounts filled in as 0 on tracked days (see the class comment). */
  public static InsightData of(Map<MetricType, DailySeries> series) {
    return of(series, null);
  }

  /** The same, with the daily share eaten late ({@link LateEating}), or null. */
  public static InsightData of(Map<MetricType, DailySeries> series, DailySeries lateEating) {
    Map<MetricType, DailySeries> out = new EnumMap<>(MetricType.class);
    out.putAll(series);
    DailySeries steps = series.get(MetricType.STEPS);
    DailySeries food = series.get(MetricType.DIETARY_ENERGY);
    for (var e : series.entrySet()) {
      MetricType m = e.getKey();
      boolean activity = m == MetricType.WORKOUT || m == MetricType.EXERCISE_TIME;
      boolean nutrient = m.category() == Category.NUTRITION && m != MetricType.DIETARY_ENERGY;
      if (activity && steps != null) {
        out.put(m, e.getValue().zeroWhereTracked(steps));
      } else if (nutrient && food != null) {
        out.put(m, e.getValue().zeroWhereTracked(food));
      }
    }
    return new InsightData(out, lateEating);
  }

  private static List<MetricType> metrics() {
    Set<MetricType> all = new LinkedHashSet<>(Insights.TREND_METRICS);
    all.addAll(Baselines.METRICS);
    for (Correlations.Pair p : Correlations.PAIRS) {
      all.add(p.x());
      all.add(p.y());
    }
    return List.copyOf(all);
  }
}
