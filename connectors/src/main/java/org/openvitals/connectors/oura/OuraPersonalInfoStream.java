package org.openvitals.connectors.oura;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.sync.JsonFields;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.sync.SyncStream;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.units.Units;

/**
 * {@code personal_info}: the weight and height the user entered in the Oura app. They carry no
 * date, so a reading is stored (dated at the sync) only when it differs from the last one stored;
 * the cursor remembers that last one.
 */
final class OuraPersonalInfoStream implements SyncStream {

  @Override
  public String name() {
    return "personal_info";
  }

  @Override
  public void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException {
    JsonNode info = context.api().get("/v2/usercollection/personal_info", Map.of());
    JsonNode last =
        context
            .cursor()
            .map(OuraPersonalInfoStream::parse)
            .orElse(OuraWindowedStream.JSON.createObjectNode());
    OffsetDateTime now = OffsetDateTime.ofInstant(context.clock().instant(), ZoneOffset.UTC);
    List<Sample> samples = new ArrayList<>();
    ObjectNode cursor = OuraWindowedStream.JSON.createObjectNode();
    reading(info, last, cursor, "weight", MetricType.BODY_MASS, "kg", now, samples);
    reading(info, last, cursor, "height", MetricType.HEIGHT, "m", now, samples);
    context.commit(samples, cursor.toString());
  }

  private static void reading(
      JsonNode info,
      JsonNode last,
      ObjectNode cursor,
      String field,
      MetricType type,
      String unit,
      OffsetDateTime now,
      List<Sample> out) {
    Double value = JsonFields.number(info, field);
    if (value == null) {
      if (last.has(field)) {
        cursor.set(field, last.get(field));
      }
      return;
    }
    cursor.put(field, value);
    if (!last.has(field) || last.get(field).asDouble() != value) {
      out.add(
          new Sample(
              type,
              now,
              now,
              Units.toCanonical(type, value, unit),
              OuraStreams.SOURCE,
              null,
              null,
              Map.of("entered_in", "oura personal_info")));
    }
  }

  private static JsonNode parse(String text) {
    try {
      return OuraWindowedStream.JSON.readTree(text);
    } catch (java.io.IOException e) {
      return OuraWindowedStream.JSON.createObjectNode();
    }
  }
}
