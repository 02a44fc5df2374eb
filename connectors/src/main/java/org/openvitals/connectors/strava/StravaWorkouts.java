package org.openvitals.connectors.strava;

import static org.openvitals.connectors.sync.JsonFields.number;
import static org.openvitals.connectors.sync.JsonFields.required;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openvitals.connectors.routes.RouteSummary;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * A detailed Strava activity and its streams as samples: one workout (its duration, with type,
 * times, distance, elevation, energy, heart rate and a route summary in the metadata) and the heart
 * rate stream as heart rate samples. Strava's units are SI: metres, seconds, m/s.
 */
final class StravaWorkouts {
  static final SourceRef SOURCE = new SourceRef("strava", "Strava");

  private StravaWorkouts() {}

  static List<Sample> map(JsonNode activity, JsonNode streams) {
    String id = required(activity, "id");
    Instant startInstant = Instant.parse(required(activity, "start_date"));
    OffsetDateTime start = startInstant.atOffset(offset(activity, startInstant));
    double elapsed = Double.parseDouble(required(activity, "elapsed_time"));
    OffsetDateTime end = start.plusSeconds((long) elapsed);
    Map<String, String> meta = new LinkedHashMap<>();
    text(activity, "sport_type", "type").ifPresent(t -> meta.put("activity_type", t));
    text(activity, "name").ifPresent(n -> meta.put("name", n));
    put(meta, "elapsed_time_s", elapsed);
    put(meta, "moving_time_s", number(activity, "moving_time"));
    put(meta, "distance_m", number(activity, "distance"));
    put(meta, "elevation_gain_m", number(activity, "total_elevation_gain"));
    put(meta, "energy_kcal", number(activity, "calories"));
    put(meta, "average_heart_rate", number(activity, "average_heartrate"));
    put(meta, "max_heart_rate", number(activity, "max_heartrate"));
    put(meta, "average_cadence", number(activity, "average_cadence"));
    put(meta, "average_watts", number(activity, "average_watts"));
    put(meta, "max_watts", number(activity, "max_watts"));
    if (activity.path("manual").asBoolean(false)) {
      meta.put("manual", "true");
    }
    if (activity.path("trainer").asBoolean(false)) {
      meta.put("trainer", "true");
    }
    text(activity.path("map"), "summary_polyline", "polyline")
        .ifPresent(p -> meta.put("route_polyline", p));

    List<Sample> out = new ArrayList<>();
    JsonNode time = streams.path("time").path("data");
    JsonNode heartRate = streams.path("heartrate").path("data");
    Double maxHeartRate = null;
    for (int i = 0; i < Math.min(time.size(), heartRate.size()); i++) {
      if (heartRate.get(i).isNumber() && time.get(i).isNumber()) {
        OffsetDateTime at = start.plusSeconds(time.get(i).asLong());
        double bpm = heartRate.get(i).asDouble();
        maxHeartRate = maxHeartRate == null ? bpm : Math.max(maxHeartRate, bpm);
        out.add(
            new Sample(
                MetricType.HEART_RATE,
                at,
                at,
                Units.toCanonical(MetricType.HEART_RATE, bpm, "/min"),
                SOURCE,
                activity.path("device_name").asText(null),
                null,
                Map.of("strava_activity", id)));
      }
    }
    if (!meta.containsKey("max_heart_rate")) {
      put(meta, "max_heart_rate", maxHeartRate);
    }
    // Strava's own summary polyline, when it sent one, stays the route drawn.
    route(streams, start).ifPresent(r -> r.toMetadata().forEach(meta::putIfAbsent));
    out.add(
        new Sample(
            MetricType.WORKOUT,
            start,
            end,
            Units.toCanonical(MetricType.WORKOUT, elapsed, "s"),
            SOURCE,
            activity.path("device_name").asText(null),
            id,
            meta));
    return out;
  }

  /**
   * The offset of the activity's start: {@code start_date_local} is local wall time even though it
   * ends in Z, so its distance from {@code start_date} is the offset.
   */
  static ZoneOffset offset(JsonNode activity, Instant start) {
    String local = activity.path("start_date_local").asText("");
    if (local.isEmpty()) {
      return ZoneOffset.UTC;
    }
    LocalDateTime wall =
        LocalDateTime.parse(local.endsWith("Z") ? local.substring(0, local.length() - 1) : local);
    long seconds =
        Duration.between(LocalDateTime.ofInstant(start, ZoneOffset.UTC), wall).toSeconds();
    return ZoneOffset.ofTotalSeconds((int) seconds);
  }

  /** The GPS track folded into a summary; empty when the activity has none. */
  private static Optional<RouteSummary> route(JsonNode streams, OffsetDateTime start) {
    JsonNode latlng = streams.path("latlng").path("data");
    if (latlng.isEmpty()) {
      return Optional.empty();
    }
    JsonNode altitude = streams.path("altitude").path("data");
    JsonNode time = streams.path("time").path("data");
    RouteSummary.Builder route = new RouteSummary.Builder();
    for (int i = 0; i < latlng.size(); i++) {
      JsonNode point = latlng.get(i);
      if (point.size() != 2) {
        continue;
      }
      double elevation = i < altitude.size() ? altitude.get(i).asDouble(Double.NaN) : Double.NaN;
      OffsetDateTime at = i < time.size() ? start.plusSeconds(time.get(i).asLong()) : null;
      route.add(point.get(0).asDouble(), point.get(1).asDouble(), elevation, at);
    }
    return Optional.of(route.build());
  }

  private static Optional<String> text(JsonNode node, String... fields) {
    for (String f : fields) {
      JsonNode v = node.get(f);
      if (v != null && !v.isNull() && !v.asText().isEmpty()) {
        return Optional.of(v.asText());
      }
    }
    return Optional.empty();
  }

  private static void put(Map<String, String> meta, String key, Double value) {
    if (value != null) {
      meta.put(
          key,
          value == Math.rint(value)
              ? Long.toString(value.longValue())
              : String.format(Locale.ROOT, "%.1f", value));
    }
  }
}
