package org.openvitals.connectors.whoop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.sync.SyncStream;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.core.model.Sample;

/**
 * A WHOOP v2 collection ({@code {"records": [...], "next_token": ...}}) read from {@code start} to
 * {@code end}, 25 records a page, following {@code nextToken}. The cursor is JSON: {@code start}
 * between runs, plus {@code end} and {@code next_token} while a run is part-way. A finished run
 * starts the next one {@value #RESCORE_DAYS} days back, because WHOOP scores records some time
 * after they end (and rescores them): a record fetched while unscored is fetched again scored.
 */
abstract class WhoopCollectionStream implements SyncStream {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int PAGE = 25;
  static final int RESCORE_DAYS = 3;
  private final String name;
  private final String path;

  WhoopCollectionStream(String name, String path) {
    this.name = name;
    this.path = path;
  }

  @Override
  public String name() {
    return name;
  }

  /** Maps one record (may ask the API for a related one). */
  abstract void map(JsonNode record, StreamContext context, List<Sample> out)
      throws ApiException, ConnectionLostException, InterruptedException;

  @Override
  public void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException {
    JsonNode cursor = context.jsonCursor();
    Instant start =
        cursor.hasNonNull("start")
            ? Instant.parse(cursor.get("start").asText())
            : context.historyStart().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end =
        cursor.hasNonNull("end")
            ? Instant.parse(cursor.get("end").asText())
            : context.clock().instant();
    String token = cursor.hasNonNull("next_token") ? cursor.get("next_token").asText() : null;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", Integer.toString(PAGE));
      query.put("start", start.toString());
      query.put("end", end.toString());
      query.put("nextToken", token);
      JsonNode page = context.api().get(path, query);
      List<Sample> samples = new ArrayList<>();
      for (JsonNode record : page.path("records")) {
        try {
          map(record, context, samples);
        } catch (IllegalArgumentException | DateTimeException e) {
          context.skip(record.path("id").asText(record.path("sleep_id").asText("?")), e);
        }
      }
      JsonNode next = page.get("next_token");
      token = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
      ObjectNode newCursor = JSON.createObjectNode();
      if (token != null) {
        newCursor.put("start", start.toString()).put("end", end.toString());
        newCursor.put("next_token", token);
      } else {
        Instant again = end.minus(Duration.ofDays(RESCORE_DAYS));
        newCursor.put("start", (again.isAfter(start) ? again : start).toString());
      }
      context.commit(samples, newCursor.toString());
    } while (token != null);
  }
}
