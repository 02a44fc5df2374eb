package org.openvitals.connectors.whoop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.openvitals.connectors.cloudtest.FakeProvider;

/**
 * WHOOP API v2 on a {@link FakeProvider}, as documented: collections {@code /v2/activity/sleep},
 * {@code /v2/recovery}, {@code /v2/activity/workout}, {@code /v2/cycle} filtered by {@code
 * start}/{@code end}, newest first, {@code limit} at most 25 (else 400), paged by an opaque {@code
 * nextToken} answered as {@code next_token}; {@code /v2/activity/sleep/{id}}; every answer with
 * {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (seconds until the minute's
 * window ends), and 429 past 100 requests a minute.
 */
final class FakeWhoop {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record with the time the collection filters it by. */
  private record Entry(Instant at, ObjectNode record) {}

  private final FakeProvider provider;
  private final Clock clock;
  private final List<Entry> sleeps = new CopyOnWriteArrayList<>();
  private final List<Entry> recoveries = new CopyOnWriteArrayList<>();
  private final List<Entry> workouts = new CopyOnWriteArrayList<>();
  private final List<Entry> cycles = new CopyOnWriteArrayList<>();
  volatile int perMinute = 100;
  private long minute = -1;
  private int used;

  FakeWhoop(FakeProvider provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
    provider.route("/v2/activity/sleep", limited(q -> page(sleeps, q)));
    provider.route("/v2/recovery", limited(q -> page(recoveries, q)));
    provider.route("/v2/activity/workout", limited(q -> page(workouts, q)));
    provider.route("/v2/cycle", limited(q -> page(cycles, q)));
  }

  void sleep(ObjectNode sleep) {
    sleeps.removeIf(e -> e.record().get("id").equals(sleep.get("id")));
    sleeps.add(new Entry(Instant.parse(sleep.get("start").asText()), sleep));
    provider.route(
        "/v2/activity/sleep/" + sleep.get("id").asText(),
        limited(q -> FakeProvider.Reply.json(sleep.toString())));
  }

  /** A recovery, filtered like WHOOP by the start of its cycle (here: its sleep's start). */
  void recovery(ObjectNode recovery, Instant cycleStart) {
    recoveries.removeIf(e -> e.record().get("sleep_id").equals(recovery.get("sleep_id")));
    recoveries.add(new Entry(cycleStart, recovery));
  }

  /** A cycle (replacing an earlier state of the same one), filtered by its start. */
  void cycle(ObjectNode cycle) {
    cycles.removeIf(e -> e.record().get("id").equals(cycle.get("id")));
    cycles.add(new Entry(Instant.parse(cycle.get("start").asText()), cycle));
  }

  void workout(ObjectNode workout) {
    workouts.add(new Entry(Instant.parse(workout.get("start").asText()), workout));
  }

  private FakeProvider.Reply page(List<Entry> all, Map<String, String> q) {
    int limit = Integer.parseInt(q.getOrDefault("limit", "10"));
    if (limit > 25) {
      return new FakeProvider.Reply(400, "{\"message\":\"limit must be at most 25\"}", Map.of());
    }
    Instant start = Instant.parse(q.get("start"));
    Instant end = q.containsKey("end") ? Instant.parse(q.get("end")) : Instant.MAX;
    List<Entry> matching = new ArrayList<>();
    for (Entry e : all) {
      if (!e.at().isBefore(start) && e.at().isBefore(end)) {
        matching.add(e);
      }
    }
    matching.sort(Comparator.comparing(Entry::at).reversed());
    int offset = 0;
    if (q.get("nextToken") != null) {
      offset =
          Integer.parseInt(
              new String(Base64.getDecoder().decode(q.get("nextToken")), StandardCharsets.UTF_8));
    }
    ObjectNode page = JSON.createObjectNode();
    ArrayNode records = page.putArray("records");
    matching
        .subList(offset, Math.min(matching.size(), offset + limit))
        .forEach(e -> records.add(e.record()));
    if (offset + limit < matching.size()) {
      page.put(
          "next_token",
          Base64.getEncoder()
              .encodeToString(Integer.toString(offset + limit).getBytes(StandardCharsets.UTF_8)));
    }
    return FakeProvider.Reply.json(page.toString());
  }

  private Function<Map<String, String>, FakeProvider.Reply> limited(
      Function<Map<String, String>, FakeProvider.Reply> route) {
    return q -> {
      long now = clock.instant().getEpochSecond();
      int remaining;
      boolean over;
      synchronized (this) {
        if (now / 60 != minute) {
          minute = now / 60;
          used = 0;
        }
        over = used >= perMinute;
        if (!over) {
          used++;
        }
        remaining = perMinute - used;
      }
      Map<String, String> headers =
          Map.of(
              "X-RateLimit-Limit", perMinute + ", " + perMinute + ";window=60, 10000;window=86400",
              "X-RateLimit-Remaining", Integer.toString(Math.max(0, remaining)),
              "X-RateLimit-Reset", Long.toString(60 - now % 60));
      FakeProvider.Reply reply =
          over
              ? new FakeProvider.Reply(429, "{\"message\":\"Too Many Requests\"}", Map.of())
              : route.apply(q);
      return new FakeProvider.Reply(reply.status(), reply.body(), headers);
    };
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
