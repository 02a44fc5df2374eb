package org.openvitals.connectors.strava;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.sync.SyncStream;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.core.model.Sample;

/**
 * The athlete's activities: {@code GET /athlete/activities?after=&page=&per_page=200} page by page
 * until an empty page, and for each new activity its detail ({@code /activities/{id}}) and streams
 * ({@code /activities/{id}/streams}). Each activity is stored with the cursor that resumes after
 * it, so an interrupted first sync (which can take hours within Strava's limits) goes on from
 * there.
 *
 * <p>The cursor is JSON: {@code after} (epoch seconds the list starts after), {@code page} and
 * {@code done} (activities of that page stored) while a run is part-way, {@code newest} (latest
 * start seen), and {@code recent} (ids of the activities of the last {@value #OVERLAP_HOURS}
 * hours). A finished run starts the next one {@value #OVERLAP_HOURS} hours before its newest
 * activity, since a device can upload an activity late; activities already in {@code recent} are
 * not fetched again.
 */
final class StravaActivitiesStream implements SyncStream {
  static final int PER_PAGE = 200;
  static final int OVERLAP_HOURS = 48;
  static final String STREAM_KEYS = "time,heartrate,latlng,altitude,cadence,watts";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "activities";
  }

  @Override
  public void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException {
    JsonNode cursor = context.jsonCursor();
    long after =
        cursor.hasNonNull("after")
            ? cursor.get("after").asLong()
            : context.historyStart().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    int page = cursor.path("page").asInt(1);
    int done = cursor.path("done").asInt(0);
    long newest = cursor.path("newest").asLong(after);
    Set<String> recent = new LinkedHashSet<>();
    cursor.path("recent").forEach(id -> recent.add(id.asText()));
    while (true) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("after", Long.toString(after));
      query.put("page", Integer.toString(page));
      query.put("per_page", Integer.toString(PER_PAGE));
      JsonNode list = context.api().get("/athlete/activities", query);
      if (!list.isArray() || list.isEmpty()) {
        break;
      }
      for (int i = done; i < list.size(); i++) {
        JsonNode summary = list.get(i);
        String id = summary.path("id").asText();
        List<Sample> samples = new ArrayList<>();
        long start = startEpoch(summary, newest);
        if (!recent.contains(id)) {
          try {
            samples.addAll(activity(context, id, summary.path("manual").asBoolean(false)));
          } catch (IllegalArgumentException | DateTimeException e) {
            context.skip(id, e); // this activity only; the next ones go on
          }
        }
        newest = Math.max(newest, start);
        recent.add(id);
        context.commit(samples, cursor(after, page, i + 1, newest, recent));
      }
      page++;
      done = 0;
    }
    long nextAfter = newest - Duration.ofHours(OVERLAP_HOURS).toSeconds();
    context.commit(List.of(), cursor(Math.max(after, nextAfter), 1, 0, newest, recent));
  }

  /** The activity's detail and streams as samples. */
  private static List<Sample> activity(StreamContext context, String id, boolean manual)
      throws ApiException, ConnectionLostException, InterruptedException {
    JsonNode detail = context.api().get("/activities/" + id, Map.of());
    JsonNode streams = JSON.createObjectNode();
    if (!manual) {
      try {
        streams =
            context
                .api()
                .get(
                    "/activities/" + id + "/streams",
                    Map.of("keys", STREAM_KEYS, "key_by_type", "true"));
      } catch (ApiException e) {
        if (e.status() != 404) {
          throw e;
        }
        // An activity without recorded streams.
      }
    }
    return StravaWorkouts.map(detail, streams);
  }

  private static long startEpoch(JsonNode summary, long fallback) {
    try {
      return Instant.parse(summary.path("start_date").asText()).getEpochSecond();
    } catch (DateTimeException e) {
      return fallback;
    }
  }

  private static String cursor(long after, int page, int done, long newest, Set<String> recent) {
    ObjectNode node = JSON.createObjectNode();
    node.put("after", after);
    if (page > 1 || done > 0) {
      node.put("page", page);
      node.put("done", done);
    }
    node.put("newest", newest);
    ArrayNode ids = node.putArray("recent");
    // The latest 200 ids cover the overlap of anyone but a bot.
    List<String> kept = new ArrayList<>(recent);
    kept.subList(Math.max(0, kept.size() - 200), kept.size()).forEach(ids::add);
    return node.toString();
  }
}
