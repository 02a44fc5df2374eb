package org.openvitals.core.workouts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.Detail;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.WorkoutGroup;

/** Workouts and their heart rate, from stored samples, as pure functions. */
public final class Workouts {
  private Workouts() {}

  /**
   * The workouts starting on days {@code [from, to]}, newest first; one entry per workout however
   * many sources recorded it (the workout rule's groups).
   */
  public static List<Workout> of(
      Collection<Sample> samples, RuleContext ctx, LocalDate from, LocalDate to) {
    List<Workout> out = new ArrayList<>();
    var outcomes = Rules.resolve(MetricType.WORKOUT, samples, ctx, from, to, true);
    for (var e : outcomes.entrySet()) {
      if (e.getValue().detail() instanceof Detail.Workouts(var groups)) {
        for (WorkoutGroup g : groups) {
          out.add(new Workout(e.getKey(), g.primary(), g.activityType(), g.linked()));
        }
      }
    }
    out.sort(Comparator.comparing((Workout w) -> w.primary().start().toInstant()).reversed());
    return out;
  }

  /**
   * The heart-rate readings during {@code workout}, in time order, from one source: the workout's
   * own source when it has readings then, else the one with the most (readings of two sources side
   * by side would zigzag).
   */
  public static List<Sample> heartRate(Workout workout, Collection<Sample> readings) {
    long from = ms(workout.primary().start());
    long to = ms(workout.primary().end());
    Map<SourceRef, List<Sample>> bySource = new HashMap<>();
    for (Sample s : readings) {
      long at = ms(s.start());
      if (s.type() == MetricType.HEART_RATE && at >= from && at <= to) {
        bySource.computeIfAbsent(s.source(), k -> new ArrayList<>()).add(s);
      }
    }
    List<Sample> chosen = null;
    for (SourceRef source : workout.sources()) {
      chosen = bySource.get(source);
      if (chosen != null) {
        break;
      }
    }
    if (chosen == null) {
      chosen =
          bySource.values().stream().max(Comparator.comparingInt(List::size)).orElse(List.of());
    }
    List<Sample> sorted = new ArrayList<>(chosen);
    sorted.sort(Comparator.comparing(s -> ms(s.start())));
    return sorted;
  }

  /** Average and maximum of the readings, or null when there are none. */
  public static HeartRateSummary summary(List<Sample> readings) {
    if (readings.isEmpty()) {
      return null;
    }
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (Sample s : readings) {
      sum += s.value();
      max = Math.max(max, s.value());
    }
    return new HeartRateSummary(sum / readings.size(), max, readings.size());
  }

  /** A workout's heart rate from its readings. */
  public record HeartRateSummary(double average, double max, int readings) {}

  private static long ms(OffsetDateTime t) {
    return t.toInstant().toEpochMilli();
  }
}
