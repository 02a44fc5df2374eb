package org.openvitals.connectors.strava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.openvitals.connectors.cloudtest.FakeProvider;

/**
 * Strava API v3 on a {@link FakeProvider}, as documented: {@code /athlete/activities} with {@code
 * after}, {@code page} and {@code per_page} (at most 200, else 400), summaries at resource_state 2
 * in ascending start order; {@code /activities/{id}} at resource_state 3; {@code
 * /activities/{id}/streams?keys=...&key_by_type=true} keyed by stream type, 404 for manual
 * activities. Every answer carries the 15-minute and daily usage headers; a request over a limit
 * gets 429 with them.
 */
final class FakeStrava {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DETAIL_ONLY =
      List.of(
          "calories",
          "device_name",
          "description",
          "segment_efforts",
          "splits_metric",
          "splits_standard",
          "best_efforts");

  final FakeProvider provider;
  private final Clock clock;
  private final List<ObjectNode> activities = new CopyOnWriteArrayList<>();
  private final Map<String, ObjectNode> streams = new ConcurrentHashMap<>();
  volatile long[] readLimit = {100, 1000};
  volatile long[] overallLimit = {200, 2000};
  private long window15 = -1;
  private long day = -1;
  private long used15;
  private long usedDay;

  FakeStrava(FakeProvider provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
    provider.route("/athlete/activities", limited(this::list));
  }

  /** Uses up the allowance as other people of the same client id would. */
  synchronized void othersUsed(long in15Minutes, long today) {
    roll();
    used15 += in15Minutes;
    usedDay += today;
  }

  void add(ObjectNode detailed, ObjectNode activityStreams) {
    activities.add(detailed);
    String id = detailed.get("id").asText();
    if (activityStreams != null) {
      streams.put(id, activityStreams);
    }
    provider.route("/activities/" + id, limited(q -> FakeProvider.Reply.json(detailed.toString())));
    provider.route("/activities/" + id + "/streams", limited(q -> streams(id, q)));
  }

  private FakeProvider.Reply list(Map<String, String> q) {
    int perPage = Integer.parseInt(q.getOrDefault("per_page", "30"));
    if (perPage > 200) {
      return new FakeProvider.Reply(
          400,
          "{\"message\":\"Bad Request\",\"errors\":[{\"resource\":\"Application\",\"field\":\"per_page\",\"code\":\"invalid\"}]}",
          Map.of());
    }
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    long after = Long.parseLong(q.getOrDefault("after", "0"));
    List<ObjectNode> matching =
        activities.stream()
            .filter(a -> start(a).getEpochSecond() > after)
            .sorted(Comparator.comparing(FakeStrava::start))
            .toList();
    ArrayNode out = JSON.createArrayNode();
    int from = Math.min(matching.size(), (page - 1) * perPage);
    for (ObjectNode a : matching.subList(from, Math.min(matching.size(), from + perPage))) {
      ObjectNode summary = a.deepCopy();
      summary.remove(DETAIL_ONLY);
      summary.put("resource_state", 2);
      out.add(summary);
    }
    return FakeProvider.Reply.json(out.toString());
  }

  private FakeProvider.Reply streams(String id, Map<String, String> q) {
    ObjectNode all = streams.get(id);
    if (all == null || !"true".equals(q.get("key_by_type"))) {
      return new FakeProvider.Reply(
          404,
          "{\"message\":\"Record Not Found\",\"errors\":[{\"resource\":\"Activity\",\"field\":\"\",\"code\":\"not found\"}]}",
          Map.of());
    }
    ObjectNode out = JSON.createObjectNode();
    for (String key : q.getOrDefault("keys", "").split(",")) {
      if (all.has(key)) {
        out.set(key, all.get(key));
      }
    }
    return FakeProvider.Reply.json(out.toString());
  }

  private static Instant start(JsonNode a) {
    return Instant.parse(a.get("start_date").asText());
  }

  /** Counts the request against the windows of the fake's clock and adds the usage headers. */
  private Function<Map<String, String>, FakeProvider.Reply> limited(
      Function<Map<String, String>, FakeProvider.Reply> route) {
    return q -> {
      boolean over;
      synchronized (this) {
        roll();
        over = used15 >= readLimit[0] || usedDay >= readLimit[1];
        if (!over) {
          used15++;
          usedDay++;
        }
      }
      FakeProvider.Reply reply =
          over
              ? new FakeProvider.Reply(
                  429,
                  "{\"message\":\"Rate Limit Exceeded\",\"errors\":[{\"resource\":\"Application\",\"field\":\"rate limit\",\"code\":\"exceeded\"}]}",
                  Map.of())
              : route.apply(q);
      return new FakeProvider.Reply(reply.status(), reply.body(), headers());
    };
  }

  private synchronized Map<String, String> headers() {
    return Map.of(
        "X-RateLimit-Limit", overallLimit[0] + "," + overallLimit[1],
        "X-RateLimit-Usage", used15 + "," + usedDay,
        "X-ReadRateLimit-Limit", readLimit[0] + "," + readLimit[1],
        "X-ReadRateLimit-Usage", used15 + "," + usedDay);
  }

  private void roll() {
    long now = clock.instant().getEpochSecond();
    if (now / 900 != window15) {
      window15 = now / 900;
      used15 = 0;
    }
    if (now / 86400 != day) {
      day = now / 86400;
      usedDay = 0;
    }
  }
}
