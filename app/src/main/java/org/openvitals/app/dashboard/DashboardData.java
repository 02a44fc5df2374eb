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
 * The resolved daily values of the dashboard's metrics over the longest period and the one before
 * it, so switching period only slices what is already loaded. Metrics without data are left out.
 *
 * @param today the last day (in the store's day boundaries)
 * @param from the first day loaded
 * @param days resolved days per metric, oldest first, in {@link #METRICS} order
 */
public record DashboardData(
    LocalDate today, LocalDate from, Map<MetricType, List<ResolvedDay>> days) {

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
    return new DashboardData(today, today, Map.of());
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

  public MetricSummary summary(MetricType metric, Period period) {
    return MetricSummary.of(metric, days(metric), period, today);
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

  /** True when the loaded days cover {@code period} and the period before it. */
  public boolean covers(Period period) {
    return !from.isAfter(period.firstDay(today).minusDays(period.days()))
        && !from.isAfter(today.minusDays(period.chartDays() - 1L));
  }

  /**
   * Reads every dashboard metric's resolved values for {@code days} days ending {@code today} from
   * the rules (which resolve only days whose inputs changed since they were stored), in one rule
   * context.
   */
  public static DashboardData load(
      RulesService rules, LocalDate today, int days, BooleanSupplier cancelled) {
    LocalDate from = today.minusDays(days - 1L);
    RuleContext ctx = rules.context();
    Map<MetricType, List<ResolvedDay>> out = new LinkedHashMap<>();
    for (MetricType metric : METRICS) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("Reading the dashboard was cancelled");
      }
      List<ResolvedDay> resolved = rules.daily(metric, from, today, ctx);
      if (!resolved.isEmpty()) {
        out.put(metric, resolved);
      }
    }
    return new DashboardData(today, from, out);
  }
}
