package org.openvitals.connectors.fitbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvitals.connectors.cloudtest.FakeProvider;

/**
 * The Google Health API v4 on a {@link FakeProvider}, as documented: {@code GET
 * /v4/users/me/dataTypes/{type}/dataPoints} with {@code filter} (only the time field the record
 * kind allows, {@code >=} and {@code <} joined by {@code AND}; anything else is 400
 * INVALID_ARGUMENT), {@code pageSize} (default 1440, at most 10000, at most 25 for sleep and
 * exercise, larger values truncated) and an opaque {@code pageToken} valid only with the filter it
 * was issued for; data points newest first, {@code nextPageToken} absent on the last page. A data
 * type whose scope the sign-in did not grant answers 403 PERMISSION_DENIED.
 */
final class FakeGoogleHealth {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILTER =
      Pattern.compile("^([a-z_0-9.]+) >= \"([^\"]+)\" AND ([a-z_0-9.]+) < \"([^\"]+)\"$");

  /** A data point with the value its collection is filtered and ordered by. */
  private record Entry(Comparable<Object> at, ObjectNode point) {}

  private final Map<String, List<Entry>> points = new ConcurrentHashMap<>();
  final Set<String> denied = ConcurrentHashMap.newKeySet();

  FakeGoogleHealth(FakeProvider provider) {
    for (String type :
        List.of(
            "steps",
            "distance",
            "floors",
            "active-energy-burned",
            "heart-rate",
            "daily-resting-heart-rate",
            "daily-heart-rate-variability",
            "daily-oxygen-saturation",
            "daily-respiratory-rate",
            "daily-sleep-temperature-derivations",
            "weight",
            "body-fat",
            "sleep",
            "exercise")) {
      points.put(type, new CopyOnWriteArrayList<>());
      provider.route("/v4/users/me/dataTypes/" + type + "/dataPoints", q -> list(type, q));
    }
  }

  /** Adds (or replaces, for points with a name) a data point of {@code type}. */
  void add(String type, ObjectNode point) {
    List<Entry> list = points.get(type);
    if (point.hasNonNull("name")) {
      list.removeIf(e -> e.point().path("name").equals(point.get("name")));
    }
    list.add(new Entry(orderBy(type, point), point));
  }

  int count(String type) {
    return points.get(type).size();
  }

  /** The filter field the documentation allows for this kind of record. */
  static String filterField(String type) {
    String snake = type.replace('-', '_');
    return switch (type) {
      case "steps", "distance", "floors", "active-energy-burned" -> snake + ".interval.start_time";
      case "heart-rate", "weight", "body-fat" -> snake + ".sample_time.physical_time";
      case "sleep" -> "sleep.interval.end_time";
      case "exercise" -> "exercise.interval.civil_start_time";
      default -> snake + ".date";
    };
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> orderBy(String type, ObjectNode point) {
    String union = camel(type);
    JsonNode data = point.get(union);
    String field = filterField(type);
    Comparable<?> at;
    if (field.endsWith(".date")) {
      JsonNode d = data.get("date");
      at = LocalDate.of(d.get("year").asInt(), d.get("month").asInt(), d.get("day").asInt());
    } else if (field.endsWith("civil_start_time")) {
      JsonNode i = data.get("interval");
      at =
          LocalDateTime.ofInstant(
              Instant.parse(i.get("startTime").asText()),
              HealthDataPoints.offset(i.get("startUtcOffset")));
    } else if (field.endsWith("end_time")) {
      at = Instant.parse(data.get("interval").get("endTime").asText());
    } else if (field.endsWith("physical_time")) {
      at = Instant.parse(data.get("sampleTime").get("physicalTime").asText());
    } else {
      at = Instant.parse(data.get("interval").get("startTime").asText());
    }
    return (Comparable<Object>) at;
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> literal(String field, String text) {
    Comparable<?> value;
    if (field.endsWith(".date")) {
      value = LocalDate.parse(text);
    } else if (field.endsWith("civil_start_time")) {
      value =
          text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
    } else {
      value = Instant.parse(text);
    }
    return (Comparable<Object>) value;
  }

  private FakeProvider.Reply list(String type, Map<String, String> q) {
    if (denied.contains(type)) {
      return error(403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED");
    }
    String filter = q.getOrDefault("filter", "");
    Matcher m = FILTER.matcher(filter);
    String field = filterField(type);
    if (!m.matches() || !m.group(1).equals(field) || !m.group(3).equals(field)) {
      return error(400, "Invalid filter.", "INVALID_ARGUMENT");
    }
    Comparable<Object> from;
    Comparable<Object> to;
    try {
      from = literal(field, m.group(2));
      to = literal(field, m.group(4));
    } catch (RuntimeException e) {
      return error(400, "Invalid filter syntax.", "INVALID_ARGUMENT");
    }
    boolean session = type.equals("sleep") || type.equals("exercise");
    int max = session ? 25 : 10_000;
    int size = Math.min(max, Integer.parseInt(q.getOrDefault("pageSize", session ? "25" : "1440")));
    int offset = 0;
    String token = q.get("pageToken");
    if (token != null) {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
      if (parts.length != 2 || !parts[1].equals(filter)) {
        return error(400, "Invalid page token.", "INVALID_ARGUMENT");
      }
      offset = Integer.parseInt(parts[0]);
    }
    List<Entry> matching = new ArrayList<>();
    for (Entry e : points.get(type)) {
      if (e.at().compareTo(from) >= 0 && e.at().compareTo(to) < 0) {
        matching.add(e);
      }
    }
    matching.sort(Comparator.comparing(Entry::at, Comparator.reverseOrder()));
    ObjectNode page = JSON.createObjectNode();
    ArrayNode list = page.putArray("dataPoints");
    matching
        .subList(offset, Math.min(matching.size(), offset + size))
        .forEach(e -> list.add(e.point()));
    if (offset + size < matching.size()) {
      page.put(
          "nextPageToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(((offset + size) + "\n" + filter).getBytes(StandardCharsets.UTF_8)));
    }
    return FakeProvider.Reply.json(page.toString());
  }

  /** Google's error body (google.rpc.Status in JSON). */
  static FakeProvider.Reply error(int code, String message, String status) {
    return new FakeProvider.Reply(
        code,
        "{\"error\":{\"code\":"
            + code
            + ",\"message\":\""
            + message
            + "\",\"status\":\""
            + status
            + "\"}}",
        Map.of());
  }

  static String camel(String kebab) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A {@code "-18000s"} duration for an offset. */
  static String offset(ZoneOffset offset) {
    return offset.getTotalSeconds() + "s";
  }
}
