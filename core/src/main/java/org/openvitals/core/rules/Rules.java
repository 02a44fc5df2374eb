package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

/**
 * The entry point to the rules: pure functions from samples and preferences to per-day outcomes.
 * Which rule applies follows from the metric: nutrition by day totals, other cumulative metrics by
 * time slices, discrete metrics by windows, sleep by nights, workouts by merging duplicates.
 */
public final class Rules {
  private Rules() {}

  /** Which of the rules resolves a metric. */
  public enum Rule {
    SLICES,
    READINGS,
    NIGHTS,
    DAY_TOTALS,
    WORKOUTS
  }

  public static Rule ruleOf(MetricType metric) {
    if (metric.category() == Category.NUTRITION) {
      return Rule.DAY_TOTALS;
    }
    return switch (metric.aggregation()) {
      case CUMULATIVE -> Rule.SLICES;
      case DISCRETE -> Rule.READINGS;
      case INTERVAL_STATE -> Rule.NIGHTS;
      case EVENT -> Rule.WORKOUTS;
    };
  }

  /** The rule in one sentence, for explanations. */
  public static String describe(MetricType metric) {
    return switch (ruleOf(metric)) {
      case SLICES ->
          "Time is cut into one-minute slices; in each slice the highest-ranked source with data"
              + " wins. Lower-ranked sources fill only slices nobody above them covered, with what"
              + " the sources above had not already counted in the same samples' time. A day never"
              + " shows less than one source alone counted.";
      case READINGS ->
          "Every reading is kept; in each "
              + (DiscreteResolver.window(metric) == null
                  ? "day"
                  : DiscreteResolver.window(metric).toMinutes() + "-minute window")
              + " the earliest reading of the highest-ranked source is primary, and the day's"
              + " figures come from primary readings only.";
      case NIGHTS ->
          "One night per day (the day you wake up), from the highest-ranked source with a night;"
              + " all stages come from that source; naps are kept apart.";
      case DAY_TOTALS ->
          "The day's total of the highest-ranked source that logged this nutrient that day;"
              + " apps are never added together.";
      case WORKOUTS ->
          "The same workout from several sources (overlapping, same activity type) counts once,"
              + " from the highest-ranked source; the others are linked to it.";
    };
  }

  /**
   * The metrics whose samples a metric's resolution reads (all sleep stages for a sleep metric).
   */
  public static List<MetricType> inputsOf(MetricType metric) {
    if (metric.aggregation() == AggregationKind.INTERVAL_STATE) {
      List<MetricType> sleep = new ArrayList<>();
      for (MetricType m : MetricType.values()) {
        if (m.category() == Category.SLEEP) {
          sleep.add(m);
        }
      }
      return sleep;
    }
    return List.of(metric);
  }

  /**
   * Resolves {@code metric} for each day in {@code [from, to]} that has data.
   *
   * @param samples the samples of {@link #inputsOf(MetricType)} that can touch those days (for
   *     cumulative and sleep metrics include the day before, which may hold the start of a sample
   *     or night that ends in the range); extra samples are harmless
   * @param detail whether to build the evidence for explanations (slower, more memory)
   * @return outcomes by day, days without any data left out
   */
  public static Map<LocalDate, DayOutcome> resolve(
      MetricType metric,
      Collection<Sample> samples,
      RuleContext ctx,
      LocalDate from,
      LocalDate to,
      boolean detail) {
    List<Sample> own = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      if (ruleOf(metric) == Rule.NIGHTS
          ? s.type().category() == Category.SLEEP
          : s.type() == metric) {
        own.add(s);
      }
    }
    return switch (ruleOf(metric)) {
      case SLICES -> CumulativeResolver.resolve(metric, own, ctx, from, to, detail);
      case READINGS -> DiscreteResolver.resolve(metric, own, ctx, from, to, detail);
      case NIGHTS -> SleepResolver.resolve(metric, own, ctx, from, to, detail);
      case DAY_TOTALS -> NutritionResolver.resolve(metric, own, ctx, from, to, detail);
      case WORKOUTS -> WorkoutResolver.resolve(metric, own, ctx, from, to, detail);
    };
  }

  /** One day with its evidence, quality flags and cross-source disagreements. */
  public static Explanation explain(
      MetricType metric, LocalDate day, Collection<Sample> samples, RuleContext ctx) {
    DayOutcome outcome = resolve(metric, samples, ctx, day, day, true).get(day);
    List<Disagreement> disagreements =
        outcome == null ? List.of() : CrossSourceValidation.check(metric, day, outcome.sources());
    return Explanation.of(metric, day, ctx, outcome, disagreements);
  }
}
