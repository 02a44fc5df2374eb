package org.openvitals.core.rules;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/**
 * Sleep: each source's stage samples are joined into sessions (stages less than an hour apart
 * belong together). A night belongs to the day you wake up. Per day, the primary night is the one
 * from the highest-ranked source that has a night ending that day, and every stage figure comes
 * from that source alone (stages from different trackers do not mix). Other sources fill only the
 * nights it lacks. Naps (sessions under three hours that start between 09:00 and 21:00) are kept
 * apart and never replace a night.
 *
 * <p>{@code sleep_asleep} resolves to the night's total time asleep (every asleep stage, as Apple
 * Health shows it); the other sleep metrics to the minutes of their own stage. {@code sleep_in_bed}
 * is not a stage and many trackers leave it to the phone, so it comes from the best-ranked source
 * whose night has an in-bed record.
 */
final class SleepResolver {
  static final long JOIN_GAP_MS = 60 * 60_000L;
  static final double NAP_MAX_MINUTES = 180;
  static final Set<MetricType> NOT_ASLEEP = Set.of(MetricType.SLEEP_IN_BED, MetricType.SLEEP_AWAKE);

  private SleepResolver() {}

  static Map<LocalDate, DayOutcome> resolve(
      MetricType metric,
      Collection<Sample> samples,
      RuleContext ctx,
      LocalDate from,
      LocalDate to,
      boolean detail) {
    DayIndex days = DayIndex.of(ctx.days(), from, to);
    Map<SourceRef, List<Sample>> bySource = new HashMap<>();
    for (Sample s : samples) {
      if (s.type().category() != Category.SLEEP) {
        throw new IllegalArgumentException("Expected sleep samples, got " + s);
      }
      bySource.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s);
    }
    Priority priority = ctx.preferences().priorityFor(metric, bySource.keySet(), ctx.classLookup());

    Map<Integer, List<Built>> nightsByDay = new TreeMap<>();
    Map<Integer, List<Built>> napsByDay = new TreeMap<>();
    Map<Integer, List<QualityFlag>> flags = new TreeMap<>();
    for (int r = 0; r < priority.size(); r++) {
      SourceRef source = priority.order().get(r);
      List<Sample> list = bySource.get(source);
      SampleOrder.sort(list);
      Built current = null;
      List<Built> sessions = new ArrayList<>();
      for (Sample s : list) {
        Plausibility.Problem problem = Plausibility.problem(s);
        if (problem != null) {
          int d = days.of(s.end());
          if (d >= 0) {
            flags
                .computeIfAbsent(d, k -> new ArrayList<>())
                .add(QualityFlag.implausible(source, s.start(), problem));
          }
          continue;
        }
        long st = SampleOrder.ms(s.start());
        if (current == null || st > current.endMs + JOIN_GAP_MS) {
          current = new Built(source, r);
          sessions.add(current);
        }
        current.add(s);
      }
      for (Built b : sessions) {
        int d = days.of(b.end);
        if (d < 0) {
          continue;
        }
        (isNap(b, ctx.days()) ? napsByDay : nightsByDay)
            .computeIfAbsent(d, k -> new ArrayList<>())
            .add(b);
      }
    }

    Map<LocalDate, DayOutcome> out = new TreeMap<>();
    java.util.SortedSet<Integer> allDays = new java.util.TreeSet<>(nightsByDay.keySet());
    allDays.addAll(napsByDay.keySet());
    allDays.addAll(flags.keySet());
    for (int d : allDays) {
      List<Built> nights = nightsByDay.getOrDefault(d, List.of());
      List<Built> ordered = new ArrayList<>(nights);
      // Best rank first; within a source the longest night first. A record without any sleep
      // stage (a phone's in-bed time) never stands in for a tracked night.
      ordered.sort(
          Comparator.comparing((Built b) -> b.asleep() == 0)
              .thenComparingInt((Built b) -> b.rank)
              .thenComparing(Comparator.comparingDouble((Built b) -> b.asleep()).reversed())
              .thenComparing(b -> b.startMs));
      // Time in bed is not a sleep stage: many trackers never record it (a watch leaves it to the
      // phone), so it comes from the best-ranked night that has it.
      if (metric == MetricType.SLEEP_IN_BED) {
        ordered.sort(
            Comparator.comparing((Built b) -> b.countFor(MetricType.SLEEP_IN_BED) == 0)
                .thenComparing(Comparator.comparingInt((Built b) -> b.rank))
                .thenComparing(
                    Comparator.comparingDouble((Built b) -> b.lengthMinutes()).reversed())
                .thenComparing(b -> b.startMs));
      }
      Built night = ordered.isEmpty() ? null : ordered.getFirst();
      List<SourceDay> lines = new ArrayList<>();
      List<SourceOverride> overrides = new ArrayList<>();
      List<QualityFlag> dayFlags = new ArrayList<>(flags.getOrDefault(d, List.of()));
      Set<SourceRef> listed = new java.util.HashSet<>();
      for (Built b : ordered) {
        if (!listed.add(b.source)) {
          continue;
        }
        boolean primary = b == night;
        int count = b.countFor(metric);
        // A night without this stage (a phone that only logs time in bed) has no figure for it,
        // which is not the same as zero minutes: it must not read as a disagreement.
        double own = count > 0 ? b.valueFor(metric) : Double.NaN;
        SourceDayQuality q =
            Quality.sourceDay(
                metric,
                ctx.classOf(b.source),
                Math.max(count, 1),
                0,
                0,
                b.lengthMinutes(),
                days.dayStart(d),
                days.dayEnd(d),
                ctx.lastSeen().get(b.source),
                ctx.asOf());
        lines.add(
            new SourceDay(
                b.source,
                b.rank,
                ctx.classOf(b.source),
                own,
                primary && count > 0 ? own : 0,
                count,
                0,
                0,
                b.lengthMinutes(),
                primary ? SourceRole.PRIMARY : SourceRole.OVERRIDDEN,
                q));
        if (!primary) {
          overrides.add(
              new SourceOverride(
                  b.source, night.source, own, new SourceOverride.OtherNight(b.asleep())));
        }
      }
      ResolvedDay resolved = null;
      if (night != null && night.countFor(metric) > 0) {
        double v = night.valueFor(metric);
        Map<SourceRef, Double> contributions = new LinkedHashMap<>();
        contributions.put(night.source, v);
        resolved =
            new ResolvedDay(
                metric, days.day(d), v, null, null, null, null, 1, night.source, contributions);
      }
      Detail evidence = null;
      if (detail) {
        List<SleepSession> alternatives = new ArrayList<>();
        for (Built b : ordered) {
          if (b != night) {
            alternatives.add(b.toSession(false));
          }
        }
        evidence =
            new Detail.Sleep(
                night == null ? null : night.toSession(false),
                alternatives,
                naps(napsByDay.getOrDefault(d, List.of())));
      }
      out.put(days.day(d), new DayOutcome(resolved, lines, overrides, dayFlags, evidence));
    }
    return out;
  }

  /** Overlapping naps from several sources are one nap, from the best-ranked of them. */
  private static List<SleepSession> naps(List<Built> naps) {
    List<Built> sorted = new ArrayList<>(naps);
    sorted.sort(Comparator.comparingInt((Built b) -> b.rank).thenComparingLong(b -> b.startMs));
    List<Built> kept = new ArrayList<>();
    for (Built b : sorted) {
      if (kept.stream().noneMatch(k -> k.startMs < b.endMs && b.startMs < k.endMs)) {
        kept.add(b);
      }
    }
    kept.sort(Comparator.comparingLong(b -> b.startMs));
    return kept.stream().map(b -> b.toSession(true)).toList();
  }

  static boolean isNap(Built b, DayBoundaries boundaries) {
    if (b.lengthMinutes() >= NAP_MAX_MINUTES) {
      return false;
    }
    OffsetDateTime start = b.start;
    int hour =
        boundaries instanceof DayBoundaries.FixedZone(ZoneId zone)
            ? start.atZoneSameInstant(zone).getHour()
            : start.getHour();
    return hour >= 9 && hour < 21;
  }

  /** A session being assembled from one source's stage samples. */
  static final class Built {
    final SourceRef source;
    final int rank;
    OffsetDateTime start;
    OffsetDateTime end;
    long startMs;
    long endMs = Long.MIN_VALUE;
    final Map<MetricType, Double> minutes = new EnumMap<>(MetricType.class);
    final Map<MetricType, Integer> counts = new EnumMap<>(MetricType.class);

    Built(SourceRef source, int rank) {
      this.source = source;
      this.rank = rank;
    }

    void add(Sample s) {
      long st = SampleOrder.ms(s.start());
      long en = SampleOrder.ms(s.end());
      if (start == null) {
        start = s.start();
        startMs = st;
      }
      if (en > endMs) {
        endMs = en;
        end = s.end();
      }
      minutes.merge(s.type(), (en - st) / 60_000.0, Double::sum);
      counts.merge(s.type(), 1, Integer::sum);
    }

    double asleep() {
      double sum = 0;
      for (var e : minutes.entrySet()) {
        if (!NOT_ASLEEP.contains(e.getKey())) {
          sum += e.getValue();
        }
      }
      return sum;
    }

    double valueFor(MetricType metric) {
      if (metric == MetricType.SLEEP_ASLEEP) {
        return asleep();
      }
      return minutes.getOrDefault(metric, 0.0);
    }

    int countFor(MetricType metric) {
      if (metric == MetricType.SLEEP_ASLEEP) {
        int n = 0;
        for (var e : counts.entrySet()) {
          if (!NOT_ASLEEP.contains(e.getKey())) {
            n += e.getValue();
          }
        }
        return n;
      }
      return counts.getOrDefault(metric, 0);
    }

    double lengthMinutes() {
      return (endMs - startMs) / 60_000.0;
    }

    SleepSession toSession(boolean nap) {
      return new SleepSession(source, start, end, minutes, asleep(), nap);
    }
  }
}
