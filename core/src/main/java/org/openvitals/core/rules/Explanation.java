package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.List;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * Why a metric has the value it has on a day: the tree both the command line and the app render.
 *
 * @param orderFrom where the source order came from (a metric override, the category's list, or
 *     device-class defaults)
 * @param priority the sources with data that day, preferred first
 * @param resolved the merged value, or null when no source has usable data
 * @param sources each source's own figure, contribution, role and quality
 * @param overrides what was set aside, and why
 * @param qualityFlags implausible samples (kept, never primary), duplicates, thin or stale days
 * @param disagreements sources that differ beyond the metric's tolerance
 * @param detail slices, readings, nights or workouts that make the value
 */
public record Explanation(
    MetricType metric,
    LocalDate day,
    String unit,
    String dayBoundaries,
    Rules.Rule rule,
    String ruleText,
    int preferencesVersion,
    String orderFrom,
    List<SourceRef> priority,
    ResolvedDay resolved,
    List<SourceDay> sources,
    List<SourceOverride> overrides,
    List<QualityFlag> qualityFlags,
    List<Disagreement> disagreements,
    Detail detail) {

  public Explanation {
    priority = List.copyOf(priority);
    sources = List.copyOf(sources);
    overrides = List.copyOf(overrides);
    qualityFlags = List.copyOf(qualityFlags);
    disagreements = List.copyOf(disagreements);
  }

  static Explanation of(
      MetricType metric,
      LocalDate day,
      RuleContext ctx,
      DayOutcome outcome,
      List<Disagreement> disagreements) {
    SourcePreferences prefs = ctx.preferences();
    String orderFrom =
        prefs.metricOverrides().containsKey(metric)
            ? "your order for " + metric.id()
            : prefs.categories().containsKey(metric.category())
                ? "your order for " + metric.category().id()
                : "defaults by device class (manual, then watch/ring/scale/strap, then phone, then apps)";
    List<SourceDay> sources = outcome == null ? List.of() : outcome.sources();
    return new Explanation(
        metric,
        day,
        metric.unit(),
        ctx.days().id(),
        Rules.ruleOf(metric),
        Rules.describe(metric),
        prefs.version(),
        orderFrom,
        sources.stream().map(SourceDay::source).toList(),
        outcome == null ? null : outcome.resolved(),
        sources,
        outcome == null ? List.of() : outcome.overrides(),
        outcome == null ? List.of() : outcome.flags(),
        disagreements,
        outcome == null ? null : outcome.detail());
  }
}
