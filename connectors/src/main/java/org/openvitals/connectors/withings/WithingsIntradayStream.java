package org.openvitals.connectors.withings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.sync.SyncStream;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * Intraday heart rate ({@code getintradayactivity}, at most 24 hours per request). Only heart rate
 * is kept: intraday steps, distance and calories would count the same movement a second time next
 * to the daily totals of {@code getactivity} from the same device. The cursor is the epoch second
 * up to which everything was fetched; each run looks one day back again, because watches upload
 * late.
 */
final class WithingsIntradayStream implements SyncStream {
  static final int HISTORY_DAYS = 30;
  private static final long DAY = Duration.ofDays(1).toSeconds();

  @Override
  public String name() {
    return "intraday";
  }

  @Override
  public void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException {
    long now = context.clock().instant().getEpochSecond();
    long from =
        context
            .cursor()
            .map(Long::parseLong)
            .orElse(
                Math.max(
                    context.historyStart().atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                    now - HISTORY_DAYS * DAY));
    while (from < now) {
      long to = Math.min(from + DAY, now);
      Map<String, String> form = new LinkedHashMap<>();
      form.put("action", "getintradayactivity");
      form.put("startdate", Long.toString(from));
      form.put("enddate", Long.toString(to));
      form.put("data_fields", "heart_rate");
      JsonNode series = context.api().post("/v2/measure", form).path("body").path("series");
      List<Sample> samples = new ArrayList<>();
      series
          .properties()
          .forEach(e -> {
            JsonNode point = e.getValue();
            if (point.hasNonNull("heart_rate") && point.get("heart_rate").isNumber()) {
              var at = WithingsStreams.at(Long.parseLong(e.getKey()), ZoneOffset.UTC);
              SourceRef source = WithingsStreams.source(point.path("model"), false);
              samples.add(
                  new Sample(
                      MetricType.HEART_RATE,
                      at,
                      at,
                      Units.toCanonical(
                          MetricType.HEART_RATE, point.get("heart_rate").asDouble(), "bpm"),
                      source,
                      WithingsStreams.text(point, "deviceid"),
                      null,
                      Map.of()));
            }
          });
      long next = to < now ? to : Math.max(from, now - DAY);
      context.commit(samples, Long.toString(next));
      if (to >= now) {
        return;
      }
      from = to;
    }
  }
}
