package org.openvitals.core.workouts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * One workout as the person did it: the preferred source's record and the same workout from other
 * sources (the workout rule decides which records are one workout, see docs/architecture.md,
 * Rules). A figure the preferred record lacks is taken from the first other record that has it
 * (Strava's distance for the watch's run).
 *
 * @param day the day it starts on
 * @param activityType the rule's key for the activity: lower case, providers' names made one
 *     ("running" for Strava's "Run" and HealthKit's "Running"); null when no source named it
 */
public record Workout(LocalDate day, Sample primary, String activityType, List<Sample> others) {
  /** Activities measured by pace (time per distance) rather than speed. */
  private static final Set<String> PACED = Set.of("running", "walking", "hiking");

  public Workout {
    others = List.copyOf(others);
  }

  public SourceRef source() {
    return primary.source();
  }

  /** Every source that recorded this workout, preferred first. */
  public List<SourceRef> sources() {
    List<SourceRef> out = new ArrayList<>();
    out.add(primary.source());
    others.forEach(o -> out.add(o.source()));
    return out;
  }

  public double durationMinutes() {
    return primary.value();
  }

  public Double distanceMeters() {
    return figure("distance_m");
  }

  public Double energyKcal() {
    return figure("energy_kcal");
  }

  /** The average heart rate a source computed (Strava), or null. */
  public Double averageHeartRate() {
    return figure("average_heart_rate");
  }

  /** The maximum heart rate a source computed (Strava), or null. */
  public Double maxHeartRate() {
    return figure("max_heart_rate");
  }

  /** The route as an encoded polyline (Strava's summary polyline), or null when none is stored. */
  public String routePolyline() {
    for (Sample s : all()) {
      String p = s.metadata() == null ? null : s.metadata().get("route_polyline");
      if (p != null && !p.isBlank()) {
        return p;
      }
    }
    return null;
  }

  /** Whether the activity is read as pace (minutes per kilometre) rather than speed. */
  public boolean paced() {
    return activityType != null && PACED.contains(activityType);
  }

  /**
   * The activity as the preferred source named it, in words ("Traditional Strength Training"), or
   * "Workout" when no source named it.
   */
  public String activityName() {
    for (Sample s : all()) {
      for (String key : List.of("activity_type", "activity", "sport_type", "sport", "type")) {
        String v = s.metadata() == null ? null : s.metadata().get(key);
        if (v != null && !v.isBlank()) {
          String t = v.strip().replaceFirst("^HKWorkoutActivityType", "").replace('_', ' ');
          t = t.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
          return t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
        }
      }
    }
    return "Workout";
  }

  /** Metres per second over the whole duration, or null without a distance. */
  public Double speedMetersPerSecond() {
    Double d = distanceMeters();
    return d == null || d <= 0 || durationMinutes() <= 0 ? null : d / (durationMinutes() * 60);
  }

  private List<Sample> all() {
    List<Sample> out = new ArrayList<>();
    out.add(primary);
    out.addAll(others);
    return out;
  }

  private Double figure(String key) {
    for (Sample s : all()) {
      String v = s.metadata() == null ? null : s.metadata().get(key);
      if (v != null) {
        try {
          double d = Double.parseDouble(v);
          if (Double.isFinite(d)) {
            return d;
          }
        } catch (NumberFormatException notANumber) {
          // A figure a source wrote as text is no figure; the next source may have one.
        }
      }
    }
    return null;
  }
}
