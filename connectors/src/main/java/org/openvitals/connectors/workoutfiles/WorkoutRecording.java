package org.openvitals.connectors.workoutfiles;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvitals.connectors.routes.RouteSummary;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * One workout as a recording file holds it (a GPX track, a TCX activity, a FIT session), gathered
 * while the file is read: sport, extent, totals, heart-rate points and the route folded into a
 * {@link RouteSummary}. {@link #toSamples} turns it into what the store keeps, with the metadata
 * keys the Apple Health and Strava workouts use, so the workout rule joins it with the same workout
 * from another source (core/rules WorkoutResolver).
 */
final class WorkoutRecording {
  /** A heart-rate reading at one instant. */
  record HeartRate(OffsetDateTime at, double bpm) {}

  String sport;
  String name;
  OffsetDateTime start;
  OffsetDateTime end;

  /** Seconds of recorded (timer) time when the file gives them; moving time, not elapsed. */
  Double timerSeconds;

  Double distanceMeters;
  Double energyKcal;
  Double averageHeartRate;
  Double maxHeartRate;
  final List<HeartRate> heartRates = new ArrayList<>();
  final RouteSummary.Builder route = new RouteSummary.Builder();
  private boolean hasRoute;
  private OffsetDateTime firstPoint;
  private OffsetDateTime lastPoint;

  /** A track point; NaN coordinates mean the point has no position (an indoor workout). */
  void point(OffsetDateTime at, double lat, double lon, double elevation, Double heartRate) {
    if (at != null) {
      if (firstPoint == null || at.isBefore(firstPoint)) {
        firstPoint = at;
      }
      if (lastPoint == null || at.isAfter(lastPoint)) {
        lastPoint = at;
      }
      if (heartRate != null && heartRate > 0) {
        heartRates.add(new HeartRate(at, heartRate));
      }
    }
    if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
      route.add(lat, lon, elevation, at);
      hasRoute = true;
    }
  }

  /** True when the file held anything that places the workout in time. */
  boolean placed() {
    return start != null || firstPoint != null;
  }

  /**
   * The workout and its heart-rate samples. The workout's value is its elapsed time (start to end),
   * as Strava's; its extent is the file's start and end, widened to its first and last point.
   */
  List<Sample> toSamples(SourceRef source, String device, String file) {
    OffsetDateTime from =
        start == null || (firstPoint != null && firstPoint.isBefore(start)) ? firstPoint : start;
    OffsetDateTime to = end;
    if (to == null && timerSeconds != null) {
      to = from.plusNanos((long) (timerSeconds * 1e9));
    }
    if (lastPoint != null && (to == null || lastPoint.isAfter(to))) {
      to = lastPoint;
    }
    if (to == null || to.isBefore(from)) {
      to = from;
    }
    double elapsedSeconds = Duration.between(from, to).toMillis() / 1000.0;
    Map<String, String> meta = new LinkedHashMap<>();
    if (sport != null && !sport.isBlank()) {
      meta.put("activity_type", sport.strip());
    }
    if (name != null && !name.isBlank()) {
      meta.put("name", name.strip());
    }
    put(meta, "elapsed_time_s", elapsedSeconds);
    put(meta, "moving_time_s", timerSeconds);
    Double distance = distanceMeters;
    RouteSummary summary = hasRoute ? route.build() : null;
    if (distance == null && summary != null && summary.points() > 1) {
      distance = summary.distanceMeters();
    }
    put(meta, "distance_m", distance);
    put(meta, "energy_kcal", energyKcal);
    Double average = averageHeartRate;
    Double max = maxHeartRate;
    if (!heartRates.isEmpty()) {
      double sum = 0;
      double top = 0;
      for (HeartRate h : heartRates) {
        sum += h.bpm();
        top = Math.max(top, h.bpm());
      }
      average = average == null ? sum / heartRates.size() : average;
      max = max == null ? top : max;
    }
    put(meta, "average_heart_rate", average);
    put(meta, "max_heart_rate", max);
    if (summary != null) {
      meta.putAll(summary.toMetadata());
    }
    meta.put("file", file);

    List<Sample> out = new ArrayList<>(heartRates.size() + 1);
    for (HeartRate h : heartRates) {
      out.add(
          new Sample(
              MetricType.HEART_RATE,
              h.at(),
              h.at(),
              Units.toCanonical(MetricType.HEART_RATE, h.bpm(), "/min"),
              source,
              device,
              null,
              Map.of()));
    }
    out.add(
        new Sample(
            MetricType.WORKOUT,
            from,
            to,
            Units.toCanonical(MetricType.WORKOUT, elapsedSeconds, "s"),
            source,
            device,
            null,
            meta));
    return out;
  }

  private static void put(Map<String, String> meta, String key, Double value) {
    if (value != null && Double.isFinite(value)) {
      meta.put(
          key,
          value == Math.rint(value)
              ? Long.toString(value.longValue())
              : String.format(Locale.ROOT, "%.1f", value));
    }
  }
}
