package org.openvitals.connectors.fitbit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * One Google Health API data type ({@code GET /v4/users/me/dataTypes/{type}/dataPoints}) read for a
 * time window, page by page through {@code nextPageToken}. The cursor is JSON: {@code from} between
 * runs, plus {@code to} and {@code page_token} while a run is part-way, so an interrupted run asks
 * for the same window and page again. A finished window starts the next one {@link #OVERLAP} back:
 * Fitbit devices upload hours or days late, and sleep stages are filled in after the session.
 *
 * <p>Each record kind has its own filter field and literal (docs: ListDataPointsRequest.filter):
 * intervals by {@code interval.start_time}, samples by {@code sample_time.physical_time} (RFC
 * 3339), daily summaries by {@code date} (a day), sleep by {@code interval.end_time}, and exercise
 * only by {@code interval.civil_start_time} (local time, so its window is widened by a day each
 * side; the overlap makes that harmless).
 */
final class HealthDataStream implements SyncStream {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration OVERLAP = Duration.ofDays(3);
  private static final DateTimeFormatter CIVIL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  /** How a data type's points are filtered by time. */
  enum TimeFilter {
    INTERVAL("interval.start_time"),
    SAMPLE("sample_time.physical_time"),
    DAILY("date"),
    SLEEP_END("interval.end_time"),
    CIVIL_START("interval.civil_start_time");

    final String field;

    TimeFilter(String field) {
      this.field = field;
    }

    String literal(Instant at, boolean isEnd) {
      return switch (this) {
        case INTERVAL, SAMPLE, SLEEP_END -> at.truncatedTo(ChronoUnit.SECONDS).toString();
        case DAILY -> LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(isEnd ? 2 : -1).toString();
        case CIVIL_START ->
            at.atOffset(ZoneOffset.UTC).toLocalDateTime().plusDays(isEnd ? 1 : -1).format(CIVIL);
      };
    }
  }

  /** Maps one data point to samples (may look at the store for keys). */
  @FunctionalInterface
  interface Mapper {
    void map(JsonNode point, StreamContext context, List<Sample> out);
  }

  private final String dataType;
  private final String scope;
  private final TimeFilter filter;
  private final int pageSize;
  private final Mapper mapper;

  /**
   * @param dataType the kebab-case collection name ({@code heart-rate}); its filter name is the
   *     snake-case form ({@code heart_rate})
   */
  HealthDataStream(String dataType, String scope, TimeFilter filter, int pageSize, Mapper mapper) {
    this.dataType = dataType;
    this.scope = scope;
    this.filter = filter;
    this.pageSize = pageSize;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return dataType;
  }

  String filter(Instant from, Instant to) {
    String field = dataType.replace('-', '_') + "." + filter.field;
    return field
        + " >= \""
        + filter.literal(from, false)
        + "\" AND "
        + field
        + " < \""
        + filter.literal(to, true)
        + "\"";
  }

  @Override
  public void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException {
    JsonNode cursor = context.jsonCursor();
    Instant from =
        cursor.hasNonNull("from")
            ? Instant.parse(cursor.get("from").asText())
            : context.historyStart().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to =
        cursor.hasNonNull("to")
            ? Instant.parse(cursor.get("to").asText())
            : context.clock().instant();
    String token = cursor.hasNonNull("page_token") ? cursor.get("page_token").asText() : null;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("pageSize", Integer.toString(pageSize));
      query.put("pageToken", token);
      query.put("filter", filter(from, to));
      JsonNode page;
      try {
        page = context.api().get("/v4/users/me/dataTypes/" + dataType + "/dataPoints", query);
      } catch (ApiException e) {
        if (e.status() == 403) {
          // The person did not tick this data type's scope: the others still sync.
          context.skip(
              "(all of them)",
              new IllegalStateException(
                  "not allowed by the sign-in; connect again and allow "
                      + scope.substring(GoogleHealthConnector.SCOPE_PREFIX.length())
                      + " to sync it"));
          return;
        }
        throw e;
      }
      List<Sample> samples = new ArrayList<>();
      int index = 0;
      for (JsonNode point : page.path("dataPoints")) {
        index++;
        try {
          mapper.map(point, context, samples);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
          context.skip(point.path("name").asText("#" + index), e);
        }
      }
      String next = page.path("nextPageToken").asText("");
      token = next.isEmpty() ? null : next;
      ObjectNode newCursor = JSON.createObjectNode();
      if (token != null) {
        newCursor.put("from", from.toString()).put("to", to.toString()).put("page_token", token);
      } else {
        Instant again = to.minus(OVERLAP);
        newCursor.put("from", (again.isAfter(from) ? again : from).toString());
      }
      context.commit(samples, newCursor.toString());
    } while (token != null);
  }
}
