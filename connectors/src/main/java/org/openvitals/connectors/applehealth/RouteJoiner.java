package org.openvitals.connectors.applehealth;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openvitals.connectors.routes.RouteSummary;
import org.openvitals.core.model.Sample;

/**
 * Joins workouts to their route files. A zip is read once, in entry order, and a route's GPX may
 * come before or after export.xml: a route read first waits here as a small summary keyed by its
 * path; a workout read first waits here until its route arrives (or the input ends). Only workouts
 * that reference a route file wait, and both maps are capped, so memory does not grow with the
 * number of records.
 */
final class RouteJoiner {
  /** Beyond this many waiting workouts or route summaries, workouts are written without a route. */
  static final int MAX_WAITING = 50_000;

  private final Map<String, RouteSummary> routes = new HashMap<>();
  private final Map<String, Sample> waiting = new LinkedHashMap<>();
  private final SampleSink sink;
  private final ImportTally tally;

  RouteJoiner(SampleSink sink, ImportTally tally) {
    this.sink = sink;
    this.tally = tally;
  }

  /**
   * The key both sides agree on: the part of the path from {@code workout-routes/} on. A
   * FileReference writes {@code /workout-routes/x.gpx} (relative to the export folder, despite the
   * slash); the zip entry is {@code apple_health_export/workout-routes/x.gpx}.
   */
  static String key(String path) {
    String p = path.replace('\\', '/');
    int at = p.indexOf("workout-routes/");
    return at >= 0 ? p.substring(at) : p.startsWith("/") ? p.substring(1) : p;
  }

  /** A workout that references {@code path}: written now if its route is known, else later. */
  void workout(Sample workout, String path) {
    String key = key(path);
    RouteSummary route = routes.get(key);
    if (route != null) {
      tally.count("workout_routes_joined");
      sink.deferred(withRoute(workout, route));
    } else if (waiting.size() < MAX_WAITING && !waiting.containsKey(key)) {
      waiting.put(key, workout);
    } else {
      tally.count("workout_routes_missing");
      sink.deferred(withMissingRoute(workout, key));
    }
  }

  /** A route file read from the input. */
  void route(String path, RouteSummary route) {
    String key = key(path);
    Sample workout = waiting.remove(key);
    if (workout != null) {
      tally.count("workout_routes_joined");
      sink.deferred(withRoute(workout, route));
    } else if (routes.size() < MAX_WAITING) {
      routes.put(key, route);
    }
  }

  /** Paths of route files that workouts are still waiting for. */
  Iterable<String> waitingPaths() {
    return waiting.keySet();
  }

  /** The input has ended: workouts still waiting are written without their route. */
  void finish() {
    for (Map.Entry<String, Sample> e : waiting.entrySet()) {
      tally.count("workout_routes_missing");
      sink.deferred(withMissingRoute(e.getValue(), e.getKey()));
    }
    waiting.clear();
    routes.clear();
  }

  static Sample withRoute(Sample workout, RouteSummary route) {
    Map<String, String> m = new LinkedHashMap<>(workout.metadata());
    m.putAll(route.toMetadata());
    return copy(workout, m);
  }

  private static Sample withMissingRoute(Sample workout, String key) {
    Map<String, String> m = new LinkedHashMap<>(workout.metadata());
    m.put("route_missing", key);
    return copy(workout, m);
  }

  private static Sample copy(Sample w, Map<String, String> metadata) {
    return new Sample(
        w.type(), w.start(), w.end(), w.value(), w.source(), w.device(), w.externalId(), metadata);
  }
}
