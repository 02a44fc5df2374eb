package org.openvitals.app.dashboard;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.RulesService;

/**
 * The resolved daily values of the dashboard's metrics over the days loaded (the shown period, the
 * one before it and, once read, two years around them, so switching period only slices what is
 * loaded), and where the store's data begins and ends. Metrics without data are left out.
 *
 * @param loaded the days read (in the store's day boundaries)
 * @param extent the first and the latest day with data in the store (the latest never after today);
 *     null when the store has none
 * @param days resolved days per metric, oldest first, in {@link #METRICS} order
 */
public record DashboardData(
    DayRange loaded, DayRange extent, Map<MetricType, List<ResolvedDay>> days) {

  /** The main metrics of each category, in the order the dashboard shows them. */
  public static final List<MetricType> METRICS =
      List.of(
          MetricType.STEPS,
          MetricType.DISTANCE,
          MetricType.ACTIVE_ENERGY,
          MetricType.EXERCISE_TIME,
          MetricType.FLIGHTS_CLIMBED,
          MetricType.RESTING_HEART_RATE,
          MetricType.HEART_RATE,
          MetricType.HRV_SDNN,
          MetricType.HRV_RMSSD,
          MetricType.SLEEP_ASLEEP,
          MetricType.BODY_MASS,
          MetricType.BODY_FAT_PERCENTAGE,
          MetricType.DIETARY_ENERGY,
          MetricType.PROTEIN,
          MetricType.WATER,
          MetricType.OXYGEN_SATURATION,
          MetricType.RESPIRATORY_RATE,
          MetricType.BLOOD_PRESSURE_SYSTOLIC,
          MetricType.BLOOD_PRESSURE_DIASTOLIC,
          MetricType.WORKOUT);

  /** Metrics with minute-level readings worth a detail chart of every reading. */
  public static final Set<MetricType> READINGS = Set.of(MetricType.HEART_RATE);

  /** Whether {@code metric} (may be null) has a chart of every reading. */
  public static boolean hasReadings(MetricType metric) {
    return metric != null && READINGS.contains(metric);
  }

  public DashboardData {
    days = Collections.unmodifiableMap(new LinkedHashMap<>(days));
  }

  public static DashboardData empty(LocalDate today) {
    return new DashboardData(new DayRange(today, today), null, Map.of());
  }

  /** The latest day with data (today when there is none). */
  public LocalDate latest() {
    return extent == null ? loaded.to() : extent.to();
  }

  public boolean isEmpty() {
    return days.isEmpty();
  }

  public List<MetricType> metrics() {
    return List.copyOf(days.keySet());
  }

  public List<ResolvedDay> days(MetricType metric) {
    return days.getOrDefault(metric, List.of());
  }

  public MetricSummary summary(MetricType metric, Period period, DayRange range) {
    return MetricSummary.of(metric, days(metric), period, range);
  }

  /** The categories present, in catalog order, each with its metrics. */
  public Map<Category, List<MetricType>> byCategory() {
    Map<Category, List<MetricType>> out = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      List<MetricType> ms = days.keySet().stream().filter(m -> m.category() == c).toList();
      if (!ms.isEmpty()) {
        out.put(c, ms);
      }
    }
    return out;
  }

  /**
   * The days a dashboard of {@code range} needs: the range (at least a week, for the chart) and the
   * span before it (the trend).
   */
  public static DayRange needed(DayRange range) {
    return range.atLeast(7).union(range.before());
  }

  /** True when the loaded days hold everything {@code range} needs. */
  public boolean covers(DayRange range) {
    return loaded.covers(needed(range));
  }

  /**
   * Reads every dashboard metric's resolved values over {@code loaded} from the rules (which
   * resolve only days whose inputs changed since they were stored), in one rule context.
   */
  public static DashboardData load(
      RulesService rules, DayRange loaded, DayRange extent, BooleanSupplier cancelled) {
    return load(rules, rules.context(), loaded, extent, cancelled);
  }

  /** Like {@link #load(RulesService, DayRange, DayRange, BooleanSupplier)} in the context given. */
  public static DashboardData load(
      RulesService rules,
      RuleContext ctx,
      DayRange loaded,
      DayRange extent,
      BooleanSupplier cancelled) {
    Map<MetricType, List<ResolvedDay>> out = new LinkedHashMap<>();
    for (MetricType metric : METRICS) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("Reading the dashboard was cancelled");
      }
      List<ResolvedDay> resolved = rules.daily(metric, loaded.from(), loaded.to(), ctx);
      if (!resolved.isEmpty()) {
        out.put(metric, resolved);
      }
    }
    return new DashboardData(loaded, extent, out);
  }

  /** The {@code days} days ending {@code to}, taken as the extent too (benchmarks). */
  public static DashboardData load(
      RulesService rules, LocalDate to, int days, BooleanSupplier cancelled) {
    DayRange range = DayRange.ending(to, days);
    return load(rules, range, range, cancelled);
  }
}
