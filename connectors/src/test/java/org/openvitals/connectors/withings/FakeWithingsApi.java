package org.openvitals.connectors.withings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.core.testing.Fixtures;

/**
 * The Withings Public API as the fake serves it: the recorded fixtures behind {@code action}
 * routes, filtered by {@code lastupdate} (on {@code modified}) and paged with {@code offset} and
 * {@code more}, inside the {@code {"status":0,"body":{...}}} envelope.
 */
final class FakeWithingsApi {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DIR = "withings/joostlek_python-withings/";

  private FakeWithingsApi() {}

  static JsonNode fixture(String file) throws Exception {
    return JSON.readTree(Fixtures.path(DIR + file).toFile());
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  static void install(FakeProvider fake, int pageSize) throws Exception {
    List<JsonNode> groups =
        new ArrayList<>(list(fixture("measurement.json").path("body").path("measuregrps")));
    groups.addAll(list(fixture("measurement_positions.json")));
    groups.addAll(list(fixture("measurement_list_2.json")));
    fake.route(
        "/measure?action=getmeas",
        q ->
            page(
                q,
                groups,
                "measuregrps",
                pageSize,
                Map.of("updatetime", 1704769835, "timezone", "Europe/Amsterdam")));
    List<JsonNode> activities = list(fixture("activity.json").path("body").path("activities"));
    fake.route(
        "/v2/measure?action=getactivity",
        q -> page(q, activities, "activities", pageSize, Map.of()));
    List<JsonNode> workouts = list(fixture("workouts.json").path("body").path("series"));
    fake.route(
        "/v2/measure?action=getworkouts", q -> page(q, workouts, "series", pageSize, Map.of()));
    // The first 100 of the 300 recorded nights: still three pages, a third of the sleep requests.
    List<JsonNode> nights =
        list(fixture("sleep_summary.json").path("body").path("series")).subList(0, 100);
    fake.route("/v2/sleep?action=getsummary", q -> page(q, nights, "series", pageSize, Map.of()));
    JsonNode segments = fixture("sleep.json").path("body");
    fake.route(
        "/v2/sleep?action=get",
        q -> {
          long from = Long.parseLong(q.get("startdate"));
          long to = Long.parseLong(q.get("enddate"));
          if (to - from > 24 * 3600) {
            return FakeProvider.Reply.json(
                "{\"status\":503,\"body\":{},\"error\":\"Invalid Params: range over 24h\"}");
          }
          ObjectNode body = JSON.createObjectNode();
          ArrayNode series = body.putArray("series");
          segments
              .path("series")
              .forEach(s -> {
                long start = s.get("startdate").asLong();
                if (start >= from && start <= to) {
                  series.add(s);
                }
              });
          body.put("model", 32);
          return FakeProvider.Reply.json("{\"status\":0,\"body\":" + body + "}");
        });
    fake.route(
        "/v2/measure?action=getintradayactivity",
        q -> {
          long from = Long.parseLong(q.get("startdate"));
          long to = Long.parseLong(q.get("enddate"));
          ObjectNode series = JSON.createObjectNode();
          long every = 4 * 3600;
          for (long t = (from + every - 1) / every * every, i = 0; t < to; t += every, i++) {
            ObjectNode point = series.putObject(Long.toString(t));
            point.put("deviceid", "892359876fd8805ac45bab078c4828692f0276b1");
            point.put("model", "ScanWatch");
            point.put("model_id", 93);
            point.put("heart_rate", 61 + i);
            point.put("duration", 60);
          }
          return FakeProvider.Reply.json("{\"status\":0,\"body\":{\"series\":" + series + "}}");
        });
  }

  private static FakeProvider.Reply page(
      Map<String, String> q,
      List<JsonNode> items,
      String field,
      int pageSize,
      Map<String, Object> extra) {
    long lastUpdate = Long.parseLong(q.getOrDefault("lastupdate", "0"));
    int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
    List<JsonNode> matching =
        items.stream().filter(i -> i.path("modified").asLong() >= lastUpdate).toList();
    ObjectNode body = JSON.createObjectNode();
    extra.forEach((k, v) -> body.putPOJO(k, v));
    ArrayNode array = body.putArray(field);
    matching
        .subList(Math.min(offset, matching.size()), Math.min(matching.size(), offset + pageSize))
        .forEach(array::add);
    boolean more = offset + pageSize < matching.size();
    body.put("more", more);
    body.put("offset", more ? offset + pageSize : offset + array.size());
    return FakeProvider.Reply.json("{\"status\":0,\"body\":" + body + "}");
  }
}
