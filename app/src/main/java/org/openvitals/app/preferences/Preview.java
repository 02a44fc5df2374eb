package org.openvitals.app.preferences;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.DayOutcome;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.store.SampleStore;

/**
 * Resolves a category's main metrics for one day and the week up to it twice, under the saved order
 * and under the order being edited, from one read of the samples. Nothing is stored: the preview is
 * what the dashboard would show if the edited order were saved.
 */
public final class Preview {
  /** What a category's preview shows first, when there is data for it. */
  static final Map<Category, List<MetricType>> MAIN_METRICS = new EnumMap<>(Category.class);

  static {
    MAIN_METRICS.put(
        Category.ACTIVITY,
        List.of(MetricType.STEPS, MetricType.ACTIVE_ENERGY, MetricType.DISTANCE));
    MAIN_METRICS.put(Category.SLEEP, List.of(MetricType.SLEEP_ASLEEP));
    MAIN_METRICS.put(Category.NUTRITION, List.of(MetricType.DIETARY_ENERGY, MetricType.PROTEIN));
    MAIN_METRICS.put(
        Category.BODY_COMPOSITION, List.of(MetricType.BODY_MASS, MetricType.BODY_FAT_PERCENTAGE));
    MAIN_METRICS.put(Category.HEART, List.of(MetricType.RESTING_HEART_RATE, MetricType.HEART_RATE));
    MAIN_METRICS.put(
        Category.VITALS, List.of(MetricType.OXYGEN_SATURATION, MetricType.RESPIRATORY_RATE));
    MAIN_METRICS.put(Category.WORKOUTS, List.of(MetricType.WORKOUT));
  }

  static final int WEEK_DAYS = 7;

  private Preview() {}

  /**
   * A metric's figures under one order.
   *
   * @param dayValue the resolved value of the day, null when nothing usable
   * @param dayPrimary the source the day's value mostly comes from, null with no value
   * @param weekMean the mean of the resolved values of the days with data in the week
   * @param weekDays how many days of the week had a value
   */
  public record Figures(Double dayValue, SourceRef dayPrimary, Double weekMean, int weekDays) {}

  /** One metric's preview: under the saved order and under the edited one. */
  public record Row(MetricType metric, LocalDate day, Figures saved, Figures edited) {
    public boolean changed() {
      return !saved.equals(edited);
    }
  }

  /**
   * The metrics to preview for a category: its main metrics with data, else its first with data.
   */
  static List<MetricType> metricsFor(Category category, StoreSources data) {
    List<MetricType> out = new ArrayList<>();
    for (MetricType m : MAIN_METRICS.getOrDefault(category, List.of())) {
      if (data.hasData(m)) {
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      for (MetricType m : MetricType.values()) {
        if (m.category() == category && data.hasData(m)) {
          out.add(m);
          break;
        }
      }
    }
    return out;
  }

  /**
   * @param base the rules' context now (device classes, day boundaries, staleness); its preferences
   *     are replaced by {@code saved} and {@code edited}
   * @return one row per metric, or the rows so far when {@code cancelled} turns true
   */
  static List<Row> compute(
      SampleStore store,
      RuleContext base,
      SourcePreferences saved,
      SourcePreferences edited,
      List<MetricType> metrics,
      LocalDate day,
      BooleanSupplier cancelled) {
    RuleContext savedContext = withPreferences(base, saved);
    RuleContext editedContext = withPreferences(base, edited);
    LocalDate weekStart = day.minusDays(WEEK_DAYS - 1L);
    List<Row> rows = new ArrayList<>();
    for (MetricType metric : metrics) {
      if (cancelled.getAsBoolean()) {
        break;
      }
      List<Sample> samples = RulesService.inputSamples(store, metric, weekStart, day, base.days());
      rows.add(
          new Row(
              metric,
              day,
              figures(Rules.resolve(metric, samples, savedContext, weekStart, day, false), day),
              figures(Rules.resolve(metric, samples, editedContext, weekStart, day, false), day)));
    }
    return rows;
  }

  private static Figures figures(Map<LocalDate, DayOutcome> outcomes, LocalDate day) {
    DayOutcome today = outcomes.get(day);
    ResolvedDay resolved = today == null ? null : today.resolved();
    double sum = 0;
    int days = 0;
    for (DayOutcome o : outcomes.values()) {
      if (o.resolved() != null) {
        sum += o.resolved().value();
        days++;
      }
    }
    return new Figures(
        resolved == null ? null : resolved.value(),
        resolved == null ? null : resolved.primary(),
        days == 0 ? null : sum / days,
        days);
  }

  private static RuleContext withPreferences(RuleContext base, SourcePreferences preferences) {
    return new RuleContext(
        preferences,
        base.deviceClasses(),
        base.days(),
        base.lastSeen(),
        base.asOf(),
        base.sliceSeconds());
  }
}
