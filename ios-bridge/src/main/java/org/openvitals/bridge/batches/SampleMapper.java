package org.openvitals.bridge.batches;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvitals.connectors.applehealth.HealthKitTypes;
import org.openvitals.connectors.routes.RouteSummary;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.units.Units;

/**
 * Maps the protocol's HealthKit objects to samples the way the Apple Health importer maps an
 * export's records ({@link HealthKitTypes}: the same catalog types, canonical units, source and
 * device text, sync identifier as external id), so a sample that arrives both ways has the same
 * natural key and is stored once.
 */
final class SampleMapper {
  static final String WORKOUT = "HKWorkoutTypeIdentifier";
  static final String ROUTE = "HKSeriesTypeIdentifierWorkoutRoute";
  private static final String CORRELATION = "HKCorrelationTypeIdentifier";

  /** What became of one object of a batch. */
  sealed interface Mapped {
    /** A sample to store under the phone's UUID. */
    record Stored(String uuid, Sample sample) implements Mapped {}

    /** A route's summary, to be kept on the workout it names. */
    record Route(String uuid, String workoutUuid, Map<String, String> summary) implements Mapped {}

    /** A type with no home in the catalog: counted and reported. */
    record Unknown(String type) implements Mapped {}

    /** A known type that could not be mapped. */
    record Rejected(String uuid, String reason) implements Mapped {}
  }

  private SampleMapper() {}

  /** The samples of one wire object: a correlation yields its objects, anything else one. */
  static List<Mapped> map(JsonNode o) {
    String type = o.get("type").asText();
    String uuid = o.get("uuid").asText();
    try {
      if (type.startsWith(HealthKitTypes.QUANTITY)) {
        MetricType metric = HealthKitTypes.quantity(type);
        return List.of(metric == null ? new Mapped.Unknown(type) : quantity(o, metric));
      }
      if (type.equals(HealthKitTypes.SLEEP_ANALYSIS)) {
        return List.of(sleep(o));
      }
      HealthKitTypes.CategoryRule category = HealthKitTypes.category(type);
      if (category != null) {
        return List.of(category(o, category));
      }
      if (type.startsWith(CORRELATION)) {
        // Its objects are stored as themselves; the correlation adds nothing the rules read.
        List<Mapped> out = new java.util.ArrayList<>();
        for (JsonNode member : o.get("objects")) {
          out.addAll(map(member));
        }
        return out;
      }
      if (type.equals(WORKOUT)) {
        return List.of(workout(o));
      }
      if (type.equals(ROUTE)) {
        return List.of(route(o));
      }
      return List.of(new Mapped.Unknown(type));
    } catch (RuntimeException e) {
      return List.of(new Mapped.Rejected(uuid, type + ": " + e.getMessage()));
    }
  }

  private static Mapped quantity(JsonNode o, MetricType metric) {
    double value =
        HealthKitTypes.canonical(metric, o.get("value").asDouble(), o.get("unit").asText());
    Map<String, String> metadata = metadata(o);
    if (HealthKitTypes.BASAL_BODY_TEMPERATURE.equals(o.get("type").asText())) {
      metadata.put("measurement", "basal");
    }
    return stored(o, metric, value, metadata);
  }

  private static Mapped sleep(JsonNode o) {
    String raw = o.get("value").asText();
    MetricType stage = HealthKitTypes.sleepStage(raw);
    if (stage == null) {
      throw new IllegalArgumentException("unknown sleep analysis value " + raw);
    }
    double minutes = Duration.between(date(o, "start"), date(o, "end")).toMillis() / 60_000.0;
    return stored(o, stage, minutes, metadata(o));
  }

  /** A category sample, valued and annotated as the export importer does. */
  private static Mapped category(JsonNode o, HealthKitTypes.CategoryRule category) {
    String raw = o.path("value").asText(null);
    double value = category.value(raw, date(o, "start"), date(o, "end"));
    Map<String, String> metadata = metadata(o);
    if (raw != null) {
      metadata.putIfAbsent(HealthKitTypes.CATEGORY_VALUE, raw);
    }
    return stored(o, category.metric(), value, metadata);
  }

  private static Mapped workout(JsonNode o) {
    Map<String, String> metadata = metadata(o);
    OffsetDateTime start = date(o, "start");
    OffsetDateTime end = date(o, "end");
    double minutes =
        o.has("duration_s")
            ? o.get("duration_s").asDouble() / 60.0
            : Duration.between(start, end).toMillis() / 60_000.0;
    String activity = o.get("activity_type").asText();
    metadata.put(
        "activity_type", activity.substring(HealthKitTypes.WORKOUT_ACTIVITY_PREFIX.length()));
    for (JsonNode s : o.path("statistics")) {
      statistic(s, metadata);
    }
    Map<String, Integer> events = new LinkedHashMap<>();
    for (JsonNode e : o.path("events")) {
      events.merge(e.get("type").asText().replace("HKWorkoutEventType", ""), 1, Integer::sum);
    }
    if (!events.isEmpty()) {
      StringBuilder e = new StringBuilder();
      events.forEach((k, v) -> e.append(e.isEmpty() ? "" : ",").append(k).append(':').append(v));
      metadata.put("events", e.toString());
    }
    if (o.path("activities").size() > 0) {
      metadata.put("activities", Integer.toString(o.get("activities").size()));
    }
    return stored(o, MetricType.WORKOUT, minutes, metadata);
  }

  /** The workout totals the importer keeps, under the same metadata keys. */
  private static void statistic(JsonNode s, Map<String, String> metadata) {
    String type = s.get("type").asText();
    String unit = s.get("unit").asText();
    if (!type.startsWith(HealthKitTypes.QUANTITY)) {
      return;
    }
    switch (type.substring(HealthKitTypes.QUANTITY.length())) {
      case "ActiveEnergyBurned" -> sum(s, metadata, "energy_kcal", MetricType.ACTIVE_ENERGY, unit);
      case "BasalEnergyBurned" ->
          sum(s, metadata, "basal_energy_kcal", MetricType.BASAL_ENERGY, unit);
      case "DistanceWalkingRunning",
          "DistanceCycling",
          "DistanceSwimming",
          "DistanceWheelchair",
          "DistanceDownhillSnowSports" ->
          sum(s, metadata, "distance_m", MetricType.DISTANCE, unit);
      case "StepCount" -> {
        if (s.has("sum")) {
          metadata.put("steps", fmt(s.get("sum").asDouble()));
        }
      }
      case "HeartRate" -> {
        for (String stat : new String[] {"average", "minimum", "maximum"}) {
          if (s.has(stat)) {
            metadata.put(
                "heart_rate_" + stat.substring(0, 3),
                fmt(Units.toCanonical(MetricType.HEART_RATE, s.get(stat).asDouble(), unit)));
          }
        }
      }
      default -> {}
    }
  }

  private static void sum(
      JsonNode s, Map<String, String> metadata, String key, MetricType metric, String unit) {
    if (s.has("sum")) {
      metadata.put(key, fmt(Units.toCanonical(metric, s.get("sum").asDouble(), unit)));
    }
  }

  private static Mapped route(JsonNode o) {
    RouteSummary.Builder b = new RouteSummary.Builder();
    for (JsonNode l : o.get("locations")) {
      b.add(
          l.get(0).asDouble(),
          l.get(1).asDouble(),
          l.get(2).isNull() ? Double.NaN : l.get(2).asDouble(),
          WireTimes.parse(l.get(3).asText()));
    }
    return new Mapped.Route(
        o.get("uuid").asText(), o.get("workout_uuid").asText(), b.build().toMetadata());
  }

  private static Mapped stored(
      JsonNode o, MetricType metric, double value, Map<String, String> metadata) {
    JsonNode source = o.get("source");
    if (source.has("version")) {
      metadata.put("source_version", source.get("version").asText());
    }
    JsonNode d = o.path("device");
    String device =
        HealthKitTypes.device(
            text(d, "name"),
            text(d, "manufacturer"),
            text(d, "model"),
            text(d, "hardware_version"),
            text(d, "software_version"));
    Sample sample =
        new Sample(
            metric,
            date(o, "start"),
            date(o, "end"),
            value,
            HealthKitTypes.source(source.get("name").asText()),
            device,
            metadata.get(HealthKitTypes.SYNC_ID),
            metadata);
    return new Mapped.Stored(o.get("uuid").asText().toUpperCase(Locale.ROOT), sample);
  }

  private static Map<String, String> metadata(JsonNode o) {
    Map<String, String> m = new HashMap<>();
    o.path("metadata").properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static OffsetDateTime date(JsonNode o, String field) {
    return WireTimes.parse(o.get(field).asText());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
  }
}
