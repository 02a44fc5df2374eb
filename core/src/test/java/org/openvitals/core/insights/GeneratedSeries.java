package org.openvitals.core.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.DayOutcome;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.time.DayBoundaries;

/**
 * The synthetic generator's days run through the merge rules in memory, as the store would give
 * them to the insights (resolved values, and each source's own daily mean of readings), without a
 * database: fast enough for many seeds. Also keeps the generator's truth per day.
 */
final class GeneratedSeries {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate END = LocalDate.of(2026, 11, 29);

  final InsightData data;
  final Map<LocalDate, SyntheticData.Truth> truth = new HashMap<>();
  final LocalDate from;
  final LocalDate to;

  private GeneratedSeries(SyntheticData.Options options, List<MetricType> metrics) {
    Map<MetricType, List<Sample>> samples = new EnumMap<>(MetricType.class);
    List<MetricType> inputs = new ArrayList<>();
    metrics.forEach(m -> inputs.addAll(Rules.inputsOf(m)));
    SyntheticData.of(options)
        .days()
        .forEach(day -> {
          truth.put(day.date(), day.truth());
          for (Sample s : day.samples()) {
            if (inputs.contains(s.type())) {
              samples.computeIfAbsent(s.type(), k -> new ArrayList<>()).add(s);
            }
          }
        });
    // The first day's night and samples began the day before, which was not generated.
    from = options.startDate().plusDays(1);
    to = options.endDate();
    DayBoundaries days = new DayBoundaries.FixedZone(options.zone());
    RuleContext ctx =
        new RuleContext(
            SourcePreferences.defaults(), SyntheticData.SOURCES, days, Map.of(), Instant.EPOCH, 60);
    Map<MetricType, DailySeries> series = new EnumMap<>(MetricType.class);
    for (MetricType m : metrics) {
      List<Sample> input = new ArrayList<>();
      Rules.inputsOf(m).forEach(t -> input.addAll(samples.getOrDefault(t, List.of())));
      Map<LocalDate, DayOutcome> resolved = Rules.resolve(m, input, ctx, from, to, false);
      var values =
          resolved.values().stream()
              .map(DayOutcome::resolved)
              .filter(java.util.Objects::nonNull)
              .toList();
      if (!values.isEmpty()) {
        series.put(m, DailySeries.of(m, from, to, values, rollups(m, input, days)));
      }
    }
    DailySeries late =
        metrics.contains(MetricType.DIETARY_ENERGY)
            ? LateEating.share(
                samples.getOrDefault(MetricType.DIETARY_ENERGY, List.of()),
                series.get(MetricType.DIETARY_ENERGY),
                days,
                from,
                to)
            : null;
    data = InsightData.of(series, late);
  }

  static GeneratedSeries of(SyntheticData.Options options, MetricType... metrics) {
    return new GeneratedSeries(options, List.of(metrics));
  }

  static SyntheticData.Options options(long seed, int days) {
    return new SyntheticData.Options(days, seed, END, ZONE, false, true);
  }

  /** Each source's count and sum per local day of start, as the store's rollups hold them. */
  private static List<DailyRollup> rollups(MetricType m, List<Sample> samples, DayBoundaries days) {
    if (m.aggregation() != AggregationKind.DISCRETE) {
      return List.of();
    }
    Map<SourceRef, Map<LocalDate, double[]>> sums = new HashMap<>();
    for (Sample s : samples) {
      LocalDate day = days.dayOf(s.start());
      double[] cs =
          sums.computeIfAbsent(s.source(), k -> new HashMap<>())
              .computeIfAbsent(day, k -> new double[2]);
      cs[0]++;
      cs[1] += s.value();
    }
    List<DailyRollup> out = new ArrayList<>();
    sums.forEach((source, byDay) ->
        byDay.forEach((day, cs) ->
            out.add(new DailyRollup(m, source, day, (long) cs[0], cs[1], cs[1], cs[1]))));
    return out;
  }
}
