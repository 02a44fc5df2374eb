package org.openvitals.connectors.oura;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * An Oura collection fetched in time windows and {@code next_token} pages. The cursor is JSON:
 * {@code {"from": <instant>}} between runs, plus {@code "to"} and {@code "next_token"} while a
 * window is part-way done; every page commits its samples with the cursor that resumes after it. A
 * finished run restarts {@value #OVERLAP_DAYS} days back next time, because Oura revises recent
 * days as the ring syncs more data.
 */
abstract class OuraWindowedStream implements SyncStream {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int OVERLAP_DAYS = 2;

  /** Date-valued ({@code start_date}) or date-time-valued ({@code start_datetime}) windows. */
  enum Params {
    DATE,
    DATETIME
  }

  private final String name;
  private final String path;
  private final Params params;
  private final int windowDays;

  OuraWindowedStream(String name, String path, Params params, int windowDays) {
    this.name = name;
    this.path = path;
    this.params = params;
    this.windowDays = windowDays;
  }

  @Override
  public String name() {
    return name;
  }

  /** Maps one page's documents; {@code deleted} collects documents Oura reports as deleted. */
  abstract void map(
      JsonNode document, StreamContext context, List<Sample> samples, List<JsonNode> deleted);

  /** Called once per window before its pages, for streams that need a companion collection. */
  void beforeWindow(StreamContext context, Instant from, Instant to)
      throws ApiException, ConnectionLostException, InterruptedException {}

  /** Stores deletions (the cursor moves with the page commit right after). */
  void tombstone(StreamContext context, List<JsonNode> deleted) {}

  @Override
  public void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException {
    Instant now = context.clock().instant();
    JsonNode cursor = context.jsonCursor();
    Instant from =
        cursor.hasNonNull("from")
            ? Instant.parse(cursor.get("from").asText())
            : context.historyStart().atStartOfDay(ZoneOffset.UTC).toInstant();
    String token = cursor.hasNonNull("next_token") ? cursor.get("next_token").asText() : null;
    Instant resumeTo = cursor.hasNonNull("to") ? Instant.parse(cursor.get("to").asText()) : null;
    Instant end = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
    boolean resumedToken = token != null;
    while (from.isBefore(end)) {
      Instant to = resumeTo != null ? resumeTo : min(from.plus(Duration.ofDays(windowDays)), end);
      resumeTo = null;
      beforeWindow(context, from, to);
      do {
        Map<String, String> query = new LinkedHashMap<>();
        if (params == Params.DATE) {
          query.put("start_date", LocalDate.ofInstant(from, ZoneOffset.UTC).toString());
          query.put("end_date", LocalDate.ofInstant(to, ZoneOffset.UTC).toString());
        } else {
          query.put("start_datetime", from.toString());
          query.put("end_datetime", to.toString());
        }
        query.put("next_token", token);
        JsonNode page;
        try {
          page = context.api().get(path, query);
        } catch (ApiException e) {
          if (!resumedToken || (e.status() != 400 && e.status() != 422)) {
            throw e;
          }
          // The page token saved by an interrupted run has expired: redo its window from the start.
          resumedToken = false;
          token = null;
          query.remove("next_token");
          page = context.api().get(path, query);
        }
        resumedToken = false;
        List<Sample> samples = new ArrayList<>();
        List<JsonNode> deleted = new ArrayList<>();
        for (JsonNode document : page.path("data")) {
          try {
            map(document, context, samples, deleted);
          } catch (IllegalArgumentException | DateTimeException e) {
            // A record missing what it cannot do without costs that record, not the stream.
            context.skip(document.path("id").asText(document.path("timestamp").asText("?")), e);
          }
        }
        JsonNode next = page.get("next_token");
        token = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
        Instant nextFrom =
            token != null
                ? from
                : to.isBefore(end) ? to : min(to, now.minus(Duration.ofDays(OVERLAP_DAYS)));
        String newCursor = cursorJson(nextFrom, to, token);
        if (!deleted.isEmpty()) {
          tombstone(context, deleted);
        }
        context.commit(samples, newCursor);
      } while (token != null);
      if (!to.isBefore(end)) {
        break;
      }
      from = to;
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String cursorJson(Instant from, Instant to, String token) {
    ObjectNode node = JSON.createObjectNode();
    node.put("from", from.toString());
    if (token != null) {
      node.put("to", to.toString());
      node.put("next_token", token);
    }
    return node.toString();
  }
}
