package org.openvitals.core.rules;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * Discrete readings (heart rate, weight, blood pressure ...): every reading is kept; time is cut
 * into windows and in each window one reading is primary, the earliest one from the highest-ranked
 * source that has a plausible reading there. The day's minimum, maximum, mean and last come from
 * the primary readings only, so two scales weighed on the same morning show one weight.
 *
 * <p>Window sizes fit how each metric is measured: five minutes for continuous sensors, a quarter
 * of an hour for spot checks (blood pressure, glucose), an hour for HRV and temperature, a whole
 * day for once-a-day figures (weight and the rest of body composition, resting heart rate, VO2
 * max).
 */
final class DiscreteResolver {
  private DiscreteResolver() {}

  /** The window one primary reading stands for; null means the whole day. */
  static Duration window(MetricType m) {
    return switch (m) {
      case HEART_RATE, OXYGEN_SATURATION, RESPIRATORY_RATE -> Duration.ofMinutes(5);
      case BLOOD_PRESSURE_SYSTOLIC, BLOOD_PRESSURE_DIASTOLIC, BLOOD_GLUCOSE ->
          Duration.ofMinutes(15);
      case HRV_SDNN, HRV_RMSSD, BODY_TEMPERATURE -> Duration.ofHours(1);
      default -> null;
    };
  }

  static Map<LocalDate, DayOutcome> resolve(
      MetricType metric,
      Collection<Sample> samples,
      RuleContext ctx,
      LocalDate from,
      LocalDate to,
      boolean detail) {
    DayIndex days = DayIndex.of(ctx.days(), from, to);
    Duration window = window(metric);
    long windowMs = window == null ? 0 : window.toMillis();

    Map<SourceRef, List<Sample>> bySource = new HashMap<>();
    for (Sample s : samples) {
      if (s.type() != metric) {
        throw new IllegalArgumentException("Expected " + metric.id() + " samples, got " + s);
      }
      if (days.of(s.start()) >= 0) {
        bySource.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s);
      }
    }
    Priority priority = ctx.preferences().priorityFor(metric, bySource.keySet(), ctx.classLookup());

    // Per day: window key -> chosen reading and its rank; every reading with its verdict.
    Map<Integer, DayWork> work = new TreeMap<>();
    for (int r = 0; r < priority.size(); r++) {
      SourceRef source = priority.order().get(r);
      List<Sample> list = bySource.get(source);
      SampleOrder.sort(list);
      long prevStart = Long.MIN_VALUE;
      long prevEnd = Long.MIN_VALUE;
      for (Sample s : list) {
        int d = days.of(s.start());
        DayWork w = work.computeIfAbsent(d, k -> new DayWork(priority.size()));
        long st = SampleOrder.ms(s.start());
        long en = SampleOrder.ms(s.end());
        boolean duplicate = st == prevStart && en == prevEnd;
        prevStart = st;
        prevEnd = en;
        w.samples[r]++;
        if (duplicate) {
          w.duplicates[r]++;
          if (detail) {
            w.repeated.add(s);
          }
          w.flags.add(
              new QualityFlag(
                  QualityFlag.Kind.DUPLICATE,
                  source,
                  s.start(),
                  "repeats the time of another " + source + " reading"));
        }
        Plausibility.Problem problem = Plausibility.problem(s);
        if (problem != null) {
          w.implausible[r]++;
          w.flags.add(QualityFlag.implausible(source, s.start(), problem));
          w.lines.add(
              new Detail.SampleLine(
                  s.start(), s.end(), s.value(), source, false, 0, "implausible", problem));
          continue;
        }
        if (detail) {
          w.plausibleSamples.add(s);
        }
        w.sum[r] += s.value();
        w.plausible[r]++;
        if (Double.isNaN(w.first[r])) {
          w.first[r] = s.value();
        }
        long key = window == null ? 0 : Math.floorDiv(st, windowMs);
        w.windowsOf[r].merge(key, 1, Integer::sum);
        Chosen c = w.chosen.get(key);
        // Sources are visited best rank first and readings in time order: the first plausible
        // reading to claim a window is the primary.
        if (c == null) {
          w.chosen.put(key, new Chosen(s, r));
        }
      }
    }

    Map<LocalDate, DayOutcome> out = new TreeMap<>();
    for (var e : work.entrySet()) {
      out.put(
          days.day(e.getKey()),
          outcome(metric, ctx, days, e.getKey(), priority, e.getValue(), window, detail));
    }
    return out;
  }

  private static DayOutcome outcome(
      MetricType metric,
      RuleContext ctx,
      DayIndex days,
      int d,
      Priority priority,
      DayWork w,
      Duration window,
      boolean detail) {
    int sources = priority.size();
    List<Chosen> primaries = new ArrayList<>(w.chosen.values());
    primaries.sort((a, b) -> SampleOrder.CANONICAL.compare(a.sample, b.sample));
    int[] primaryCount = new int[sources];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (Chosen c : primaries) {
      primaryCount[c.rank]++;
      min = Math.min(min, c.sample.value());
      max = Math.max(max, c.sample.value());
      sum += c.sample.value();
    }
    int top = -1;
    for (int s = 0; s < sources && top < 0; s++) {
      if (primaryCount[s] > 0) {
        top = s;
      }
    }
    // Windows where a source had readings but another source's reading was chosen.
    int[][] windowsLost = new int[sources][sources];
    int[][] readingsLost = new int[sources][sources];
    for (int s = 0; s < sources; s++) {
      for (var we : w.windowsOf[s].entrySet()) {
        Chosen c = w.chosen.get(we.getKey());
        if (c.rank != s) {
          windowsLost[s][c.rank]++;
          readingsLost[s][c.rank] += we.getValue();
        }
      }
    }
    double windowMinutes = window == null ? 0 : window.toMinutes();
    List<SourceDay> lines = new ArrayList<>();
    List<SourceOverride> overrides = new ArrayList<>();
    List<QualityFlag> flags = new ArrayList<>(w.flags);
    Map<SourceRef, Double> contributions = new LinkedHashMap<>();
    for (int s = 0; s < sources; s++) {
      if (w.samples[s] == 0) {
        continue;
      }
      SourceRef source = priority.order().get(s);
      SourceRole role =
          w.plausible[s] == 0
              ? SourceRole.IMPLAUSIBLE_ONLY
              : s == top
                  ? SourceRole.PRIMARY
                  : primaryCount[s] > 0 ? SourceRole.FILLED_GAPS : SourceRole.OVERRIDDEN;
      if (primaryCount[s] > 0) {
        contributions.put(source, (double) primaryCount[s]);
      }
      double coveredMinutes = w.windowsOf[s].size() * windowMinutes;
      SourceDayQuality q =
          Quality.sourceDay(
              metric,
              ctx.classOf(source),
              w.samples[s],
              w.implausible[s],
              w.duplicates[s],
              coveredMinutes,
              days.dayStart(d),
              days.dayEnd(d),
              ctx.lastSeen().get(source),
              ctx.asOf());
      CumulativeResolver.addDayFlags(
          flags, metric, source, q, coveredMinutes, ctx.lastSeen().get(source));
      double ownValue =
          w.plausible[s] == 0
              ? Double.NaN
              : window == null ? w.first[s] : w.sum[s] / w.plausible[s];
      lines.add(
          new SourceDay(
              source,
              s,
              ctx.classOf(source),
              ownValue,
              primaryCount[s],
              w.samples[s],
              w.implausible[s],
              w.duplicates[s],
              coveredMinutes,
              role,
              q));
      for (int by = 0; by < sources; by++) {
        if (windowsLost[s][by] > 0 && by < s) {
          SourceRef winner = priority.order().get(by);
          overrides.add(
              new SourceOverride(
                  source,
                  winner,
                  readingsLost[s][by],
                  new SourceOverride.Readings(windowsLost[s][by], window)));
        }
      }
    }
    ResolvedDay resolved = null;
    if (!primaries.isEmpty()) {
      double last = primaries.getLast().sample.value();
      double mean = sum / primaries.size();
      resolved =
          new ResolvedDay(
              metric,
              days.day(d),
              mean,
              min,
              max,
              mean,
              last,
              primaries.size(),
              priority.order().get(top),
              contributions);
    }
    Detail evidence = null;
    if (detail) {
      List<Detail.SampleLine> all = new ArrayList<>(w.lines);
      for (Sample s : w.plausibleSamples) {
        Chosen c =
            w.chosen.get(
                window == null ? 0 : Math.floorDiv(SampleOrder.ms(s.start()), window.toMillis()));
        boolean used = c.sample == s;
        String note =
            used
                ? "primary"
                : c.sample.source().equals(s.source())
                    ? "not primary: an earlier " + s.source() + " reading holds this window"
                    : "not primary: " + c.sample.source() + " ranks higher in this window";
        double quality = Quality.sampleScore(s, ctx.classOf(s.source()), w.repeated.contains(s));
        all.add(
            new Detail.SampleLine(
                s.start(), s.end(), s.value(), s.source(), used, quality, note, null));
      }
      all.sort(
          java.util.Comparator.comparing((Detail.SampleLine l) -> l.start().toInstant())
              .thenComparing(l -> priority.rank(l.source())));
      evidence = new Detail.Samples(all);
    }
    return new DayOutcome(resolved, lines, overrides, flags, evidence);
  }

  private record Chosen(Sample sample, int rank) {}

  private static final class DayWork {
    final int[] samples;
    final int[] implausible;
    final int[] duplicates;
    final int[] plausible;
    final double[] sum;
    final double[] first;
    final Map<Long, Integer>[] windowsOf;
    final Map<Long, Chosen> chosen = new HashMap<>();
    final List<QualityFlag> flags = new ArrayList<>();
    final List<Detail.SampleLine> lines = new ArrayList<>();
    final List<Sample> plausibleSamples = new ArrayList<>();
    final java.util.Set<Sample> repeated =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    @SuppressWarnings("unchecked")
    DayWork(int sources) {
      samples = new int[sources];
      implausible = new int[sources];
      duplicates = new int[sources];
      plausible = new int[sources];
      sum = new double[sources];
      first = new double[sources];
      java.util.Arrays.fill(first, Double.NaN);
      windowsOf = new Map[sources];
      for (int i = 0; i < sources; i++) {
        windowsOf[i] = new HashMap<>();
      }
    }
  }
}
