package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * Workouts: a run recorded by the watch and uploaded to Strava is one run. Workouts from different
 * sources that overlap in time and have the same activity type (or where one source gives no type)
 * are joined; the joined workout is the highest-ranked source's record and the others are linked to
 * it. A workout belongs to the day it starts. The day's value is the minutes of its workouts.
 */
final class WorkoutResolver {
  /** Metadata keys connectors use for the activity type, in the order they are looked up. */
  static final List<String> ACTIVITY_KEYS =
      List.of(
          "activity",
          "activity_type",
          "activityType",
          "workout_activity_type",
          "workoutActivityType",
          "sport_type",
          "sport",
          "type");

  /**
   * Providers' names for an activity HealthKit names otherwise (Strava's "Run" is the watch's
   * "Running"), so the same run from both is one workout.
   */
  static final Map<String, String> SAME_ACTIVITY =
      Map.ofEntries(
          Map.entry("run", "running"),
          Map.entry("trailrun", "running"),
          Map.entry("virtualrun", "running"),
          Map.entry("ride", "cycling"),
          Map.entry("virtualride", "cycling"),
          Map.entry("mountainbikeride", "cycling"),
          Map.entry("gravelride", "cycling"),
          Map.entry("ebikeride", "cycling"),
          Map.entry("bike", "cycling"),
          Map.entry("outdoorbike", "cycling"),
          Map.entry("walk", "walking"),
          Map.entry("hike", "hiking"),
          Map.entry("swim", "swimming"),
          Map.entry("weighttraining", "strengthtraining"),
          Map.entry("traditionalstrengthtraining", "strengthtraining"),
          Map.entry("functionalstrengthtraining", "strengthtraining"));

  private WorkoutResolver() {}

  static Map<LocalDate, DayOutcome> resolve(
      MetricType metric,
      Collection<Sample> samples,
      RuleContext ctx,
      LocalDate from,
      LocalDate to,
      boolean detail) {
    DayIndex days = DayIndex.of(ctx.days(), from, to);
    Map<SourceRef, Boolean> present = new HashMap<>();
    samples.forEach(s -> present.put(s.source(), true));
    Priority priority = ctx.preferences().priorityFor(metric, present.keySet(), ctx.classLookup());

    List<Sample> usable = new ArrayList<>();
    Map<Integer, List<QualityFlag>> flags = new TreeMap<>();
    for (Sample s : samples) {
      Plausibility.Problem problem = Plausibility.problem(s);
      if (problem != null) {
        int d = days.of(s.start());
        if (d >= 0) {
          flags
              .computeIfAbsent(d, k -> new ArrayList<>())
              .add(QualityFlag.implausible(s.source(), s.start(), problem));
        }
      } else {
        usable.add(s);
      }
    }
    usable.sort(SampleOrder.CANONICAL.thenComparing(s -> priority.rank(s.source())));

    // Union-find over workouts that are the same activity: sweep in start order.
    int n = usable.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      Sample a = usable.get(i);
      long aEnd = SampleOrder.ms(a.end());
      for (int j = i + 1; j < n; j++) {
        Sample b = usable.get(j);
        if (SampleOrder.ms(b.start()) >= aEnd) {
          break;
        }
        if (!a.source().equals(b.source()) && sameActivity(activityType(a), activityType(b))) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, List<Sample>> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(usable.get(i));
    }

    Map<Integer, List<WorkoutGroup>> byDay = new TreeMap<>();
    for (List<Sample> group : groups.values()) {
      group.sort(
          Comparator.comparingInt((Sample s) -> priority.rank(s.source()))
              .thenComparing(SampleOrder.CANONICAL));
      Sample primary = group.getFirst();
      int d = days.of(primary.start());
      if (d >= 0) {
        String type = activityType(primary);
        if (type == null) {
          type =
              group.stream()
                  .map(WorkoutResolver::activityType)
                  .filter(t -> t != null)
                  .findFirst()
                  .orElse(null);
        }
        byDay
            .computeIfAbsent(d, k -> new ArrayList<>())
            .add(new WorkoutGroup(primary, type, group.subList(1, group.size())));
      }
    }

    Map<LocalDate, DayOutcome> out = new TreeMap<>();
    java.util.SortedSet<Integer> allDays = new java.util.TreeSet<>(byDay.keySet());
    allDays.addAll(flags.keySet());
    for (int d : allDays) {
      List<WorkoutGroup> workouts = byDay.getOrDefault(d, List.of());
      Map<SourceRef, double[]> own = new HashMap<>(); // minutes, count
      Map<SourceRef, Double> contributions = new LinkedHashMap<>();
      List<SourceOverride> overrides = new ArrayList<>();
      double total = 0;
      for (WorkoutGroup g : workouts) {
        total += g.primary().value();
        contributions.merge(g.primary().source(), g.primary().value(), Double::sum);
        add(own, g.primary());
        for (Sample linked : g.linked()) {
          add(own, linked);
          overrides.add(
              new SourceOverride(
                  linked.source(),
                  g.primary().source(),
                  linked.value(),
                  new SourceOverride.SameWorkout(g.activityType(), linked.start())));
        }
      }
      List<SourceDay> lines = new ArrayList<>();
      for (SourceRef s : priority.order()) {
        double[] o = own.get(s);
        if (o == null) {
          continue;
        }
        double gave = contributions.getOrDefault(s, 0.0);
        SourceDayQuality q =
            Quality.sourceDay(
                metric,
                ctx.classOf(s),
                (int) o[1],
                0,
                0,
                o[0],
                days.dayStart(d),
                days.dayEnd(d),
                ctx.lastSeen().get(s),
                ctx.asOf());
        SourceRole role =
            gave > 0
                ? (s.equals(firstContributor(priority, contributions))
                    ? SourceRole.PRIMARY
                    : SourceRole.FILLED_GAPS)
                : SourceRole.OVERRIDDEN;
        lines.add(
            new SourceDay(
                s, priority.rank(s), ctx.classOf(s), o[0], gave, (int) o[1], 0, 0, o[0], role, q));
      }
      ResolvedDay resolved =
          workouts.isEmpty()
              ? null
              : new ResolvedDay(
                  metric,
                  days.day(d),
                  total,
                  null,
                  null,
                  null,
                  null,
                  workouts.size(),
                  firstContributor(priority, contributions),
                  contributions);
      out.put(
          days.day(d),
          new DayOutcome(
              resolved,
              lines,
              overrides,
              flags.getOrDefault(d, List.of()),
              detail ? new Detail.Workouts(workouts) : null));
    }
    return out;
  }

  private static SourceRef firstContributor(
      Priority priority, Map<SourceRef, Double> contributions) {
    for (SourceRef s : priority.order()) {
      if (contributions.containsKey(s)) {
        return s;
      }
    }
    return null;
  }

  private static void add(Map<SourceRef, double[]> own, Sample s) {
    double[] o = own.computeIfAbsent(s.source(), k -> new double[2]);
    o[0] += s.value();
    o[1]++;
  }

  /**
   * The activity type in a normalised form ("HKWorkoutActivityTypeRunning" and "running" match).
   */
  static String activityType(Sample s) {
    for (String key : ACTIVITY_KEYS) {
      String v = s.metadata().get(key);
      if (v != null && !v.isBlank()) {
        String t = v.strip();
        if (t.startsWith("HKWorkoutActivityType")) {
          t = t.substring("HKWorkoutActivityType".length());
        }
        t = t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SAME_ACTIVITY.getOrDefault(t, t);
      }
    }
    return null;
  }

  private static boolean sameActivity(String a, String b) {
    return a == null || b == null || a.equals(b);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
