package org.openvitals.core.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/**
 * Cumulative activity metrics (steps, distance, energy ...): time is cut into slices; in each slice
 * the highest-ranked source with data there wins, lower-ranked sources fill only the slices nobody
 * above them covers. A sample that spans several slices is spread over them in proportion to time;
 * when sources above it covered part of its time, it adds only what they had not already counted
 * (see {@link #fillByRank}), so a phone chunk around a watch's still minutes adds nothing twice.
 *
 * <p>One more rule keeps the merge honest: a day never shows less than one source alone counted
 * (step counters miss steps, they rarely invent them). When the slice merge comes out below a
 * single source's own total, that source's total is the day's value and the explanation says so.
 * The value therefore always lies between the largest single source's total and the sum of all.
 *
 * <p>Within a slice, a source's samples are added in a fixed order, so the result is the same
 * whatever order the samples arrived in.
 */
final class CumulativeResolver {
  /** How far beyond the days a sample reaching into them is followed. */
  private static final long MAX_EXTENSION_MS = 2 * 86_400_000L;

  private CumulativeResolver() {}

  /**
   * Decides what each slice counts. The preferred source keeps all its data. A lower-ranked sample
   * adds only to slices nobody above it covered, and only what the sources above it did not already
   * count during the sample's time: a phone sample of 500 steps over ten minutes, during which the
   * watch counted 300, adds the other 200 to the minutes the watch has no data for. When nobody
   * above covers any of its time, the sample is simply spread over its slices by time.
   */
  static void fillByRank(
      double[][] amount,
      List<List<Sample>> usable,
      double[] fill,
      int[] winnerOf,
      SliceDay dayKey,
      long win0,
      long slice,
      int n) {
    Arrays.fill(winnerOf, -1);
    if (amount.length == 0) {
      Arrays.fill(fill, Double.NaN);
      return;
    }
    System.arraycopy(amount[0], 0, fill, 0, n);
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(fill[i])) {
        winnerOf[i] = 0;
      }
    }
    long win1 = win0 + n * slice;
    for (int r = 1; r < amount.length; r++) {
      for (Sample s : usable.get(r)) {
        long start = SampleOrder.ms(s.start());
        long end = SampleOrder.ms(s.end());
        int first;
        int last;
        if (end == start) {
          if (start < win0 || start >= win1) {
            continue;
          }
          first = (int) ((start - win0) / slice);
          last = first;
        } else {
          long from = Math.max(start, win0);
          long to = Math.min(end, win1);
          if (to <= from) {
            continue;
          }
          first = (int) ((from - win0) / slice);
          last = (int) ((to - 1 - win0) / slice);
        }
        // Each day's part of the sample is weighed on its own, so no day gets more than the
        // sources' own figures for that day add up to.
        int partStart = first;
        for (int i = first; i <= last + 1; i++) {
          if (i <= last
              && dayKey.of(i, win0 + i * slice, r)
                  == dayKey.of(partStart, win0 + partStart * slice, r)) {
            continue;
          }
          fillPart(s.value(), start, end, partStart, i - 1, r, fill, winnerOf, win0, slice);
          partStart = i;
        }
      }
    }
  }

  /** Which day a slice belongs to for a source (the same day its own total counts it in). */
  interface SliceDay {
    int of(int index, long sliceStart, int rank);
  }

  private static void fillPart(
      double value,
      long start,
      long end,
      int first,
      int last,
      int rank,
      double[] fill,
      int[] winnerOf,
      long win0,
      long slice) {
    double higher = 0;
    double part = 0;
    double uncovered = 0;
    boolean anyCovered = false;
    for (int i = first; i <= last; i++) {
      double share = share(start, end, win0 + i * slice, slice);
      part += share;
      if (winnerOf[i] >= 0 && winnerOf[i] < rank) {
        anyCovered = true;
        higher += fill[i] * sliceShare(start, end, win0 + i * slice, slice);
      } else {
        uncovered += share;
      }
    }
    if (anyCovered && uncovered == 0) {
      return;
    }
    double rest = anyCovered ? Math.max(0, value * part - higher) : 0;
    for (int i = first; i <= last; i++) {
      if (winnerOf[i] < 0 || winnerOf[i] >= rank) {
        double share = share(start, end, win0 + i * slice, slice);
        double add = anyCovered ? rest * share / uncovered : value * share;
        double old = fill[i];
        fill[i] = Double.isNaN(old) ? add : old + add;
        winnerOf[i] = rank;
      }
    }
  }

  /** The part of a sample that falls in a slice (1 for an instant inside it). */
  private static double share(long start, long end, long sliceStart, long slice) {
    if (end == start) {
      return 1;
    }
    long overlap = Math.min(end, sliceStart + slice) - Math.max(start, sliceStart);
    return Math.max(0, overlap) / (double) (end - start);
  }

  /** The part of a slice a sample covers (all of it for an instant inside it). */
  private static double sliceShare(long start, long end, long sliceStart, long slice) {
    if (end == start) {
      return 1;
    }
    long overlap = Math.min(end, sliceStart + slice) - Math.max(start, sliceStart);
    return Math.max(0, overlap) / (double) slice;
  }

  static Map<LocalDate, DayOutcome> resolve(
      MetricType metric,
      Collection<Sample> samples,
      RuleContext ctx,
      LocalDate from,
      LocalDate to,
      boolean detail) {
    DayIndex days = DayIndex.of(ctx.days(), from, to);
    long slice = ctx.sliceSeconds() * 1000L;
    // The slices cover the days plus the full span of every sample that reaches into them (up to
    // two days more each side), so a sample is always weighed whole, however the range was cut.
    long first = days.windowStart();
    long last = days.windowEnd();
    Map<SourceRef, List<Sample>> bySource = new HashMap<>();
    for (Sample s : samples) {
      if (s.type() != metric) {
        throw new IllegalArgumentException("Expected " + metric.id() + " samples, got " + s);
      }
      long st = SampleOrder.ms(s.start());
      long en = SampleOrder.ms(s.end());
      if (en >= days.windowStart() && st < days.windowEnd()) {
        first = Math.min(first, st);
        last = Math.max(last, en);
      }
      bySource.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s);
    }
    first = Math.max(first, days.windowStart() - MAX_EXTENSION_MS);
    last = Math.min(last, days.windowEnd() + MAX_EXTENSION_MS);
    long win0 = Math.floorDiv(first, slice) * slice;
    long win1 = -Math.floorDiv(-last, slice) * slice;
    int n = Math.toIntExact((win1 - win0) / slice);
    Priority priority = ctx.preferences().priorityFor(metric, bySource.keySet(), ctx.classLookup());
    int sources = priority.size();
    int dayCount = days.days();
    boolean local = days.sampleLocal();

    double[][] amount = new double[sources][n];
    int[][] offset = local ? new int[sources][n] : null;
    int[][] sampleCount = new int[sources][dayCount];
    int[][] implausible = new int[sources][dayCount];
    int[][] duplicates = new int[sources][dayCount];
    Map<Integer, List<QualityFlag>> flags = new TreeMap<>();
    long win1Ms = win0 + n * slice;
    int[] sliceDay = null;
    if (!local) {
      sliceDay = new int[n];
      for (int i = 0; i < n; i++) {
        sliceDay[i] = days.of(win0 + i * slice, 0);
      }
    }

    List<List<Sample>> usable = new ArrayList<>(sources);
    for (int r = 0; r < sources; r++) {
      SourceRef source = priority.order().get(r);
      List<Sample> list = bySource.get(source);
      SampleOrder.sort(list);
      List<Sample> plausible = new ArrayList<>(r == 0 ? 0 : list.size());
      usable.add(plausible);
      double[] a = amount[r];
      Arrays.fill(a, Double.NaN);
      long prevStart = Long.MIN_VALUE;
      long prevEnd = Long.MIN_VALUE;
      for (Sample s : list) {
        long st = SampleOrder.ms(s.start());
        long en = SampleOrder.ms(s.end());
        boolean duplicate = st == prevStart && en == prevEnd;
        prevStart = st;
        prevEnd = en;
        if (en < win0 || st >= win1Ms) {
          continue; // touches none of the days
        }
        int off = s.start().getOffset().getTotalSeconds();
        int d = local ? days.of(st, off) : st >= win0 ? sliceDay[(int) ((st - win0) / slice)] : -1;
        Plausibility.Problem problem = Plausibility.problem(s);
        if (d >= 0) {
          sampleCount[r][d]++;
          if (duplicate) {
            duplicates[r][d]++;
            if (detail) {
              flag(
                  flags,
                  d,
                  QualityFlag.Kind.DUPLICATE,
                  source,
                  s,
                  "repeats the time span of another " + source + " sample");
            }
          }
          if (problem != null) {
            implausible[r][d]++;
            flags
                .computeIfAbsent(d, k -> new ArrayList<>())
                .add(QualityFlag.implausible(source, s.start(), problem));
          }
        }
        if (problem == null) {
          spread(s.value(), st, en, a, local ? offset[r] : null, off, win0, slice, n);
          if (r > 0) {
            plausible.add(s);
          }
        }
      }
    }

    double[] fill = new double[n];
    int[] winnerOf = new int[n];
    int[] fixedDays = sliceDay;
    SliceDay dayKey =
        local ? (i, t, rank) -> days.of(t, offset[rank][i]) : (i, t, rank) -> fixedDays[i];
    fillByRank(amount, usable, fill, winnerOf, dayKey, win0, slice, n);

    double[] merged = new double[dayCount];
    int[] mergedSlices = new int[dayCount];
    double[][] own = new double[sources][dayCount];
    double[][] contributed = new double[sources][dayCount];
    int[][] covered = new int[sources][dayCount];
    int[][] wonSlices = new int[sources][dayCount];
    int[][][] setAsideSlices = new int[sources][sources][dayCount];
    Map<Integer, List<Detail.SliceRun>> runs = detail ? new HashMap<>() : null;
    RunBuilder run = detail ? new RunBuilder(ctx.days(), slice, runs) : null;

    for (int i = 0; i < n; i++) {
      long t = win0 + i * slice;
      int fixedDay = local ? -1 : sliceDay[i];
      if (!local && fixedDay < 0) {
        continue;
      }
      int winner = winnerOf[i];
      int winnerDay = winner < 0 ? -1 : local ? days.of(t, offset[winner][i]) : fixedDay;
      if (winnerDay >= 0) {
        merged[winnerDay] += fill[i];
        mergedSlices[winnerDay]++;
        contributed[winner][winnerDay] += fill[i];
        wonSlices[winner][winnerDay]++;
      }
      double aside = 0;
      for (int s = 0; s < sources; s++) {
        double v = amount[s][i];
        if (Double.isNaN(v)) {
          continue;
        }
        int d = local ? days.of(t, offset[s][i]) : fixedDay;
        if (d < 0) {
          continue;
        }
        own[s][d] += v;
        covered[s][d]++;
        if (s != winner) {
          setAsideSlices[s][winner][d]++;
          aside += v;
        }
      }
      if (run != null) {
        if (winnerDay < 0) {
          run.close();
        } else {
          int off = local ? offset[winner][i] : 0;
          run.add(i, t, winner, priority.order().get(winner), winnerDay, off, fill[i], aside);
        }
      }
    }
    if (run != null) {
      run.close();
    }

    Map<LocalDate, DayOutcome> out = new TreeMap<>();
    for (int d = 0; d < dayCount; d++) {
      boolean any = false;
      for (int s = 0; s < sources && !any; s++) {
        any = sampleCount[s][d] > 0 || covered[s][d] > 0;
      }
      if (!any) {
        continue;
      }
      out.put(
          days.day(d),
          dayOutcome(
              metric,
              ctx,
              days,
              d,
              priority,
              merged[d],
              mergedSlices[d],
              own,
              contributed,
              covered,
              wonSlices,
              setAsideSlices,
              sampleCount,
              implausible,
              duplicates,
              flags.getOrDefault(d, List.of()),
              detail
                  ? new Detail.Slices(ctx.sliceSeconds(), runs.getOrDefault(d, List.of()))
                  : null));
    }
    return out;
  }

  private static DayOutcome dayOutcome(
      MetricType metric,
      RuleContext ctx,
      DayIndex days,
      int d,
      Priority priority,
      double mergedValue,
      int mergedSlices,
      double[][] own,
      double[][] contributed,
      int[][] covered,
      int[][] wonSlices,
      int[][][] setAsideSlices,
      int[][] sampleCount,
      int[][] implausible,
      int[][] duplicates,
      List<QualityFlag> sampleFlags,
      Detail detail) {
    int sources = priority.size();
    double sliceMinutes = ctx.sliceSeconds() / 60.0;
    int largest = -1;
    for (int s = 0; s < sources; s++) {
      if (covered[s][d] > 0 && (largest < 0 || own[s][d] > own[largest][d])) {
        largest = s;
      }
    }
    boolean floor =
        largest >= 0
            && own[largest][d] - mergedValue > 1e-9 * Math.max(1.0, Math.abs(own[largest][d]));
    int top = -1;
    for (int s = 0; s < sources && top < 0; s++) {
      if (wonSlices[s][d] > 0) {
        top = s;
      }
    }

    List<SourceOverride> overrides = new ArrayList<>();
    List<QualityFlag> flags = new ArrayList<>(sampleFlags);
    List<SourceDay> lines = new ArrayList<>();
    Map<SourceRef, Double> contributions = new LinkedHashMap<>();
    for (int s = 0; s < sources; s++) {
      SourceRef source = priority.order().get(s);
      if (sampleCount[s][d] == 0 && covered[s][d] == 0) {
        continue;
      }
      SourceRole role;
      double gave;
      if (covered[s][d] == 0) {
        role = SourceRole.IMPLAUSIBLE_ONLY;
        gave = 0;
      } else if (floor) {
        role = s == largest ? SourceRole.FLOOR : SourceRole.OVERRIDDEN;
        gave = s == largest ? own[s][d] : 0;
      } else if (s == top) {
        role = SourceRole.PRIMARY;
        gave = contributed[s][d];
      } else if (wonSlices[s][d] > 0) {
        role = SourceRole.FILLED_GAPS;
        gave = contributed[s][d];
      } else {
        role = SourceRole.OVERRIDDEN;
        gave = 0;
      }
      if (gave > 0 || role == SourceRole.PRIMARY || role == SourceRole.FLOOR) {
        contributions.put(source, gave);
      }
      double coveredMinutes = covered[s][d] * sliceMinutes;
      SourceDayQuality q =
          Quality.sourceDay(
              metric,
              ctx.classOf(source),
              sampleCount[s][d],
              implausible[s][d],
              duplicates[s][d],
              coveredMinutes,
              days.dayStart(d),
              days.dayEnd(d),
              ctx.lastSeen().get(source),
              ctx.asOf());
      addDayFlags(flags, metric, source, q, coveredMinutes, ctx.lastSeen().get(source));
      lines.add(
          new SourceDay(
              source,
              s,
              ctx.classOf(source),
              covered[s][d] == 0 ? Double.NaN : own[s][d],
              gave,
              sampleCount[s][d],
              implausible[s][d],
              duplicates[s][d],
              coveredMinutes,
              role,
              q));
      double unused = covered[s][d] == 0 ? 0 : own[s][d] - gave;
      if (!floor && unused > 1e-9 * Math.max(1.0, Math.abs(own[s][d]))) {
        int lostSlices = 0;
        int by = top;
        for (int w = s - 1; w >= 0; w--) {
          if (setAsideSlices[s][w][d] > 0) {
            lostSlices += setAsideSlices[s][w][d];
            by = w;
          }
        }
        SourceRef higher = priority.order().get(by < 0 ? s : by);
        overrides.add(
            new SourceOverride(
                source,
                higher,
                unused,
                new SourceOverride.RanksHigher(
                    lostSlices * sliceMinutes, lostSlices == 0 || gave > 0)));
      }
    }
    double value = floor ? own[largest][d] : mergedValue;
    SourceRef primary =
        floor ? priority.order().get(largest) : top >= 0 ? priority.order().get(top) : null;
    if (floor) {
      SourceRef by = priority.order().get(largest);
      overrides.add(
          new SourceOverride(
              top >= 0 ? priority.order().get(top) : by,
              by,
              mergedValue,
              new SourceOverride.Floor(own[largest][d])));
    }
    ResolvedDay resolved =
        primary == null
            ? null
            : new ResolvedDay(
                metric,
                days.day(d),
                value,
                null,
                null,
                null,
                null,
                mergedSlices,
                primary,
                contributions);
    return new DayOutcome(resolved, lines, overrides, flags, detail);
  }

  static void addDayFlags(
      List<QualityFlag> flags,
      MetricType metric,
      SourceRef source,
      SourceDayQuality q,
      double coveredMinutes,
      Instant lastSeen) {
    if (Quality.continuous(metric) && q.plausibleShare() > 0 && q.completeness() < 0.5) {
      flags.add(
          new QualityFlag(
              QualityFlag.Kind.INCOMPLETE,
              source,
              null,
              source
                  + " covered "
                  + SampleOrder.fmt(coveredMinutes / 60.0)
                  + " h of the day (expected about "
                  + SampleOrder.fmt(Quality.EXPECTED_WEAR_MINUTES / 60)
                  + " h of wear)"));
    }
    if (q.freshness() < 1.0) {
      flags.add(
          new QualityFlag(
              QualityFlag.Kind.STALE,
              source,
              // The time goes in the flag, not the sentence: each screen shows it in its reader's
              // zone.
              lastSeen.atOffset(java.time.ZoneOffset.UTC),
              source + "'s data stops then; nothing newer has arrived"));
    }
  }

  private static void flag(
      Map<Integer, List<QualityFlag>> flags,
      int day,
      QualityFlag.Kind kind,
      SourceRef source,
      Sample s,
      String message) {
    flags
        .computeIfAbsent(day, k -> new ArrayList<>())
        .add(new QualityFlag(kind, source, s.start(), message));
  }

  /** Adds a sample's value to the slices it covers, in proportion to the time in each. */
  static void spread(
      double value,
      long start,
      long end,
      double[] slices,
      int[] offsets,
      int offsetSeconds,
      long win0,
      long slice,
      int n) {
    long win1 = win0 + n * slice;
    if (end == start) {
      if (start >= win0 && start < win1) {
        add(slices, offsets, offsetSeconds, (int) ((start - win0) / slice), value);
      }
      return;
    }
    long from = Math.max(start, win0);
    long to = Math.min(end, win1);
    if (to <= from) {
      return;
    }
    int first = (int) ((from - win0) / slice);
    int last = (int) ((to - 1 - win0) / slice);
    if (first == last && from == start && to == end) {
      add(slices, offsets, offsetSeconds, first, value);
      return;
    }
    double length = end - start;
    for (int i = first; i <= last; i++) {
      long s0 = win0 + i * slice;
      long overlap = Math.min(to, s0 + slice) - Math.max(from, s0);
      add(slices, offsets, offsetSeconds, i, value * (overlap / length));
    }
  }

  private static void add(double[] slices, int[] offsets, int offsetSeconds, int i, double v) {
    double old = slices[i];
    slices[i] = Double.isNaN(old) ? v : old + v;
    if (offsets != null) {
      offsets[i] = offsetSeconds;
    }
  }

  /** Joins consecutive slices won by the same source on the same day into runs. */
  private static final class RunBuilder {
    private final DayBoundaries boundaries;
    private final long slice;
    private final Map<Integer, List<Detail.SliceRun>> runs;
    private int winner = -1;
    private SourceRef source;
    private int day;
    private int lastIndex;
    private long start;
    private long lastStart;
    private int offset;
    private double amount;
    private double aside;

    RunBuilder(DayBoundaries boundaries, long slice, Map<Integer, List<Detail.SliceRun>> runs) {
      this.boundaries = boundaries;
      this.slice = slice;
      this.runs = runs;
    }

    void add(int i, long t, int w, SourceRef src, int d, int off, double v, double setAside) {
      if (winner != w || day != d || lastIndex != i - 1) {
        close();
        winner = w;
        source = src;
        day = d;
        start = t;
        offset = off;
        amount = 0;
        aside = 0;
      }
      lastIndex = i;
      lastStart = t;
      amount += v;
      aside += setAside;
    }

    void close() {
      if (winner < 0) {
        return;
      }
      runs.computeIfAbsent(day, k -> new ArrayList<>())
          .add(new Detail.SliceRun(time(start), time(lastStart + slice), source, amount, aside));
      winner = -1;
    }

    private OffsetDateTime time(long ms) {
      Instant at = Instant.ofEpochMilli(ms);
      if (boundaries instanceof DayBoundaries.FixedZone(var zone)) {
        return at.atZone(zone).toOffsetDateTime();
      }
      return at.atOffset(ZoneOffset.ofTotalSeconds(offset));
    }
  }
}
