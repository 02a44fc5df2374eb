package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * Nutrition: food apps log meals, and two apps usually hold the same meals typed twice. So the day
 * takes, for each nutrient, the totals of the highest-ranked source that logged it that day, and
 * never adds apps together. A lower-ranked app fills only the days the preferred one has nothing.
 */
final class NutritionResolver {
  private NutritionResolver() {}

  static Map<LocalDate, DayOutcome> resolve(
      MetricType metric,
      Collection<Sample> samples,
      RuleContext ctx,
      LocalDate from,
      LocalDate to,
      boolean detail) {
    DayIndex days = DayIndex.of(ctx.days(), from, to);
    Map<Integer, Map<SourceRef, List<Sample>>> byDay = new TreeMap<>();
    for (Sample s : samples) {
      if (s.type() != metric) {
        throw new IllegalArgumentException("Expected " + metric.id() + " samples, got " + s);
      }
      int d = days.of(s.start());
      if (d >= 0) {
        byDay
            .computeIfAbsent(d, k -> new HashMap<>())
            .computeIfAbsent(s.source(), k -> new ArrayList<>())
            .add(s);
      }
    }
    Map<LocalDate, DayOutcome> out = new TreeMap<>();
    for (var e : byDay.entrySet()) {
      int d = e.getKey();
      Map<SourceRef, List<Sample>> bySource = e.getValue();
      Priority priority =
          ctx.preferences().priorityFor(metric, bySource.keySet(), ctx.classLookup());
      int n = priority.size();
      double[] total = new double[n];
      int[] plausible = new int[n];
      int[] implausible = new int[n];
      int[] duplicates = new int[n];
      List<QualityFlag> flags = new ArrayList<>();
      List<Detail.SampleLine> lines = new ArrayList<>();
      int chosen = -1;
      for (int r = 0; r < n; r++) {
        SourceRef source = priority.order().get(r);
        List<Sample> list = bySource.get(source);
        SampleOrder.sort(list);
        Sample prev = null;
        for (Sample s : list) {
          if (prev != null && prev.start().isEqual(s.start()) && prev.end().isEqual(s.end())) {
            duplicates[r]++;
            flags.add(
                new QualityFlag(
                    QualityFlag.Kind.DUPLICATE,
                    source,
                    s.start(),
                    "repeats the time of another " + source + " entry"));
          }
          prev = s;
          Plausibility.Problem problem = Plausibility.problem(s);
          if (problem != null) {
            implausible[r]++;
            flags.add(QualityFlag.implausible(source, s.start(), problem));
          } else {
            plausible[r]++;
            total[r] += s.value();
          }
        }
        if (chosen < 0 && plausible[r] > 0) {
          chosen = r;
        }
      }
      List<SourceDay> sourceDays = new ArrayList<>();
      List<SourceOverride> overrides = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        SourceRef source = priority.order().get(r);
        SourceRole role =
            plausible[r] == 0
                ? SourceRole.IMPLAUSIBLE_ONLY
                : r == chosen ? SourceRole.PRIMARY : SourceRole.OVERRIDDEN;
        int count = plausible[r] + implausible[r];
        SourceDayQuality q =
            Quality.sourceDay(
                metric,
                ctx.classOf(source),
                count,
                implausible[r],
                duplicates[r],
                0,
                days.dayStart(d),
                days.dayEnd(d),
                ctx.lastSeen().get(source),
                ctx.asOf());
        sourceDays.add(
            new SourceDay(
                source,
                r,
                ctx.classOf(source),
                plausible[r] == 0 ? Double.NaN : total[r],
                r == chosen ? total[r] : 0,
                count,
                implausible[r],
                duplicates[r],
                0,
                role,
                q));
        if (role == SourceRole.OVERRIDDEN) {
          SourceRef by = priority.order().get(chosen);
          overrides.add(new SourceOverride(source, by, total[r], new SourceOverride.AppLog()));
        }
        if (detail) {
          Sample previous = null;
          for (Sample s : bySource.get(source)) {
            boolean repeated =
                previous != null
                    && previous.start().isEqual(s.start())
                    && previous.end().isEqual(s.end());
            previous = s;
            Plausibility.Problem problem = Plausibility.problem(s);
            boolean used = r == chosen && problem == null;
            String note =
                problem != null
                    ? "implausible"
                    : used
                        ? "counted"
                        : "not counted: " + priority.order().get(chosen) + " ranks higher";
            double quality = Quality.sampleScore(s, ctx.classOf(source), repeated);
            lines.add(
                new Detail.SampleLine(
                    s.start(), s.end(), s.value(), source, used, quality, note, problem));
          }
        }
      }
      ResolvedDay resolved = null;
      if (chosen >= 0) {
        SourceRef primary = priority.order().get(chosen);
        resolved =
            new ResolvedDay(
                metric,
                days.day(d),
                total[chosen],
                null,
                null,
                null,
                null,
                plausible[chosen],
                primary,
                Map.of(primary, total[chosen]));
      }
      lines.sort(
          Comparator.comparing((Detail.SampleLine l) -> l.start().toInstant())
              .thenComparing(l -> priority.rank(l.source())));
      out.put(
          days.day(d),
          new DayOutcome(
              resolved, sourceDays, overrides, flags, detail ? new Detail.Samples(lines) : null));
    }
    return out;
  }
}
