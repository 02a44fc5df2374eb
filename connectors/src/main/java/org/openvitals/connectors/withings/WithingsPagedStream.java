package org.openvitals.connectors.withings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
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
 * A Withings list fetched incrementally with {@code lastupdate} (everything created or modified
 * since) and paged with {@code offset}/{@code more}. Cursor JSON: {@code {"lastupdate": L}} between
 * runs; while a run is part-way, {@code offset} and {@code next} (the lastupdate the following run
 * will use: this run's start, minus a margin for clock skew) as well.
 */
abstract class WithingsPagedStream implements SyncStream {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final long CLOCK_SKEW_SECONDS = 300;

  private final String name;
  private final String path;
  private final String action;
  private final String listField;

  WithingsPagedStream(String name, String path, String action, String listField) {
    this.name = name;
    this.path = path;
    this.action = action;
    this.listField = listField;
  }

  @Override
  public String name() {
    return name;
  }

  /** Extra request parameters ({@code meastypes}, {@code data_fields} ...). */
  abstract Map<String, String> parameters();

  /** Maps one list item (may call the API for details, as sleep does). */
  abstract void map(JsonNode item, JsonNode body, StreamContext context, List<Sample> out)
      throws ApiException, ConnectionLostException, InterruptedException;

  @Override
  public void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException {
    JsonNode cursor = context.jsonCursor();
    long lastUpdate =
        cursor.has("lastupdate")
            ? cursor.get("lastupdate").asLong()
            : context.historyStart().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long next =
        cursor.has("next")
            ? cursor.get("next").asLong()
            : context.clock().instant().getEpochSecond() - CLOCK_SKEW_SECONDS;
    long offset = cursor.path("offset").asLong(0);
    while (true) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("action", action);
      form.putAll(parameters());
      form.put("lastupdate", Long.toString(lastUpdate));
      if (offset > 0) {
        form.put("offset", Long.toString(offset));
      }
      JsonNode body = context.api().post(path, form).path("body");
      List<Sample> samples = new ArrayList<>();
      for (JsonNode item : body.path(listField)) {
        try {
          map(item, body, context, samples);
        } catch (IllegalArgumentException | DateTimeException e) {
          // A record missing what it cannot do without costs that record, not the stream.
          context.skip(item.path("id").asText(item.path("grpid").asText("?")), e);
        }
      }
      boolean more = body.path("more").asBoolean(false) || body.path("more").asInt(0) == 1;
      ObjectNode newCursor = JSON.createObjectNode();
      if (more) {
        offset = body.path("offset").asLong();
        newCursor.put("lastupdate", lastUpdate).put("offset", offset).put("next", next);
      } else {
        newCursor.put("lastupdate", Math.max(lastUpdate, next));
      }
      context.commit(samples, newCursor.toString());
      if (!more) {
        return;
      }
    }
  }
}
