package org.openvitals.connectors.oura;

import static org.openvitals.connectors.sync.JsonFields.number;
import static org.openvitals.connectors.sync.JsonFields.required;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * The Oura collections and how their documents become samples (field meanings from Oura's OpenAPI
 * 1.37). Durations arrive in seconds, distances in metres, energy in kcal; each is converted with
 * {@link Units}. Date-times keep the offset Oura wrote (the user's local one at the time).
 */
final class OuraStreams {
  static final SourceRef SOURCE = new SourceRef("oura", "Oura Ring");
  private static final String BASE = "/v2/usercollection/";

  private OuraStreams() {}

  static OuraWindowedStream dailyActivity() {
    return new OuraWindowedStream(
        "daily_activity", BASE + "daily_activity", OuraWindowedStream.Params.DATE, 90) {
      @Override
      void map(JsonNode doc, StreamContext context, List<Sample> out, List<JsonNode> deleted) {
        mapDailyActivity(doc, context::startOfDay, out);
      }
    };
  }

  static void mapDailyActivity(JsonNode doc, DayStarts days, List<Sample> out) {
    Day day = Day.of(doc, days);
    Map<String, String> meta =
        meta(doc, "score", "total_calories", "equivalent_walking_distance", "inactivity_alerts");
    add(out, MetricType.STEPS, day.start, day.end, number(doc, "steps"), "{count}", doc, meta);
    add(
        out,
        MetricType.ACTIVE_ENERGY,
        day.start,
        day.end,
        number(doc, "active_calories"),
        "kcal",
        doc,
        meta);
    Double active = sum(number(doc, "high_activity_time"), number(doc, "medium_activity_time"));
    add(out, MetricType.EXERCISE_TIME, day.start, day.end, active, "s", doc, meta);
  }

  static OuraWindowedStream dailyReadiness() {
    return new OuraWindowedStream(
        "daily_readiness", BASE + "daily_readiness", OuraWindowedStream.Params.DATE, 90) {
      @Override
      void map(JsonNode doc, StreamContext context, List<Sample> out, List<JsonNode> deleted) {
        mapDailyReadiness(doc, context::startOfDay, out);
      }
    };
  }

  static void mapDailyReadiness(JsonNode doc, DayStarts days, List<Sample> out) {
    Day day = Day.of(doc, days);
    Map<String, String> meta = meta(doc, "score", "temperature_trend_deviation");
    doc.path("contributors")
        .properties()
        .forEach(e -> {
          if (!e.getValue().isNull()) {
            meta.put("contributor." + e.getKey(), e.getValue().asText());
          }
        });
    add(
        out,
        MetricType.SKIN_TEMPERATURE_DEVIATION,
        day.start,
        day.end,
        number(doc, "temperature_deviation"),
        "Cel",
        doc,
        meta);
  }

  static OuraWindowedStream dailySpo2() {
    return new OuraWindowedStream(
        "daily_spo2", BASE + "daily_spo2", OuraWindowedStream.Params.DATE, 90) {
      @Override
      void map(JsonNode doc, StreamContext context, List<Sample> out, List<JsonNode> deleted) {
        mapDailySpo2(doc, context::startOfDay, out);
      }
    };
  }

  static void mapDailySpo2(JsonNode doc, DayStarts days, List<Sample> out) {
    Day day = Day.of(doc, days);
    add(
        out,
        MetricType.OXYGEN_SATURATION,
        day.start,
        day.end,
        number(doc.path("spo2_percentage"), "average"),
        "%",
        doc,
        meta(doc, "breathing_disturbance_index"));
  }

  static OuraWindowedStream workout() {
    return new OuraWindowedStream("workout", BASE + "workout", OuraWindowedStream.Params.DATE, 90) {
      @Override
      void map(JsonNode doc, StreamContext context, List<Sample> out, List<JsonNode> deleted) {
        mapWorkout(doc, out);
      }
    };
  }

  static void mapWorkout(JsonNode doc, List<Sample> out) {
    OffsetDateTime start = OffsetDateTime.parse(required(doc, "start_datetime"));
    OffsetDateTime end = OffsetDateTime.parse(required(doc, "end_datetime"));
    Map<String, String> meta =
        meta(doc, "activity", "calories", "distance", "intensity", "label", "source");
    add(
        out,
        MetricType.WORKOUT,
        start,
        end,
        (double) (end.toEpochSecond() - start.toEpochSecond()),
        "s",
        doc,
        meta);
  }

  static OuraWindowedStream heartRate() {
    return new OuraWindowedStream(
        "heartrate", BASE + "heartrate", OuraWindowedStream.Params.DATETIME, 30) {
      @Override
      void map(JsonNode row, StreamContext context, List<Sample> out, List<JsonNode> deleted) {
        mapHeartRate(row, out);
      }
    };
  }

  static void mapHeartRate(JsonNode row, List<Sample> out) {
    OffsetDateTime at = OffsetDateTime.parse(required(row, "timestamp"));
    Double bpm = number(row, "bpm");
    if (bpm == null) {
      throw new IllegalArgumentException("no bpm");
    }
    Map<String, String> meta = new HashMap<>();
    if (row.hasNonNull("source")) {
      meta.put("oura_source", row.get("source").asText());
    }
    // Rows have no id: the natural key (time and value) makes re-fetches harmless.
    out.add(
        new Sample(
            MetricType.HEART_RATE,
            at,
            at,
            Units.toCanonical(MetricType.HEART_RATE, bpm, "/min"),
            SOURCE,
            null,
            null,
            meta));
  }

  /**
   * Sleep periods: the in-bed interval, the 5-minute hypnogram as stage intervals, the heart rate
   * and HRV series, breathing rate and lowest heart rate. The day's sleep score (daily_sleep) is
   * fetched for the same window and kept with the day's main sleep. Periods of type {@code deleted}
   * are tombstoned.
   */
  static OuraWindowedStream sleep() {
    return new OuraWindowedStream("sleep", BASE + "sleep", OuraWindowedStream.Params.DATE, 90) {
      private final Map<String, JsonNode> dailyScores = new HashMap<>();

      @Override
      void beforeWindow(StreamContext context, Instant from, Instant to)
          throws ApiException, ConnectionLostException, InterruptedException {
        dailyScores.clear();
        String token = null;
        do {
          Map<String, String> query = new LinkedHashMap<>();
          query.put("start_date", LocalDate.ofInstant(from, ZoneOffset.UTC).toString());
          query.put("end_date", LocalDate.ofInstant(to, ZoneOffset.UTC).toString());
          query.put("next_token", token);
          JsonNode page = context.api().get(BASE + "daily_sleep", query);
          page.path("data").forEach(d -> dailyScores.put(d.path("day").asText(), d));
          JsonNode next = page.get("next_token");
          token = next == null || next.isNull() ? null : next.asText();
        } while (token != null);
      }

      @Override
      void map(JsonNode doc, StreamContext context, List<Sample> out, List<JsonNode> deleted) {
        if ("deleted".equals(doc.path("type").asText())) {
          required(doc, "id");
          deleted.add(doc);
          return;
        }
        mapSleepPeriod(doc, dailyScores.get(doc.path("day").asText()), out);
      }

      @Override
      void tombstone(StreamContext context, List<JsonNode> deleted) {
        for (MetricType type : SUMMARY_TYPES) {
          context.tombstone(SOURCE, type, deleted.stream().map(d -> d.get("id").asText()).toList());
        }
        List<String> stageIds = new ArrayList<>();
        for (JsonNode d : deleted) {
          int maxStages = d.path("time_in_bed").asInt(0) / 300 + 2;
          for (int i = 0; i < maxStages; i++) {
            stageIds.add(d.get("id").asText() + ":stage:" + i);
          }
        }
        for (MetricType stage : STAGE_TYPES.values()) {
          context.tombstone(SOURCE, stage, stageIds);
        }
      }
    };
  }

  /**
   * One sleep period (not a deleted one); {@code daily} is the day's daily_sleep document, whose
   * score is kept with the day's main sleep, or null.
   */
  static void mapSleepPeriod(JsonNode doc, JsonNode daily, List<Sample> out) {
    OffsetDateTime start = OffsetDateTime.parse(required(doc, "bedtime_start"));
    OffsetDateTime end = OffsetDateTime.parse(required(doc, "bedtime_end"));
    Map<String, String> meta =
        meta(
            doc,
            "type",
            "period",
            "efficiency",
            "latency",
            "total_sleep_duration",
            "deep_sleep_duration",
            "light_sleep_duration",
            "rem_sleep_duration",
            "awake_time",
            "restless_periods");
    if (daily != null && "long_sleep".equals(doc.path("type").asText())) {
      if (daily.hasNonNull("score")) {
        meta.put("sleep_score", daily.get("score").asText());
      }
      daily
          .path("contributors")
          .properties()
          .forEach(e -> {
            if (!e.getValue().isNull()) {
              meta.put("contributor." + e.getKey(), e.getValue().asText());
            }
          });
    }
    String id = required(doc, "id");
    add(
        out,
        MetricType.SLEEP_IN_BED,
        start,
        end,
        (double) (end.toEpochSecond() - start.toEpochSecond()),
        "s",
        id,
        meta);
    stages(doc, start, end, id, out);
    series(doc.get("heart_rate"), MetricType.HEART_RATE, "/min", out);
    boolean hrvSeries = series(doc.get("hrv"), MetricType.HRV_RMSSD, "ms", out);
    if (!hrvSeries) {
      add(out, MetricType.HRV_RMSSD, start, end, number(doc, "average_hrv"), "ms", id, Map.of());
    }
    add(
        out,
        MetricType.RESPIRATORY_RATE,
        start,
        end,
        number(doc, "average_breath"),
        "/min",
        id,
        Map.of());
    if ("long_sleep".equals(doc.path("type").asText())) {
      add(
          out,
          MetricType.RESTING_HEART_RATE,
          start,
          end,
          number(doc, "lowest_heart_rate"),
          "/min",
          id,
          Map.of());
    }
  }

  private static final List<MetricType> SUMMARY_TYPES =
      List.of(
          MetricType.SLEEP_IN_BED,
          MetricType.HRV_RMSSD,
          MetricType.RESPIRATORY_RATE,
          MetricType.RESTING_HEART_RATE);

  /** sleep_phase_5_min digits: 1 deep, 2 light, 3 REM, 4 awake. */
  private static final Map<Character, MetricType> STAGE_TYPES =
      Map.of(
          '1',
          MetricType.SLEEP_DEEP,
          '2',
          MetricType.SLEEP_CORE,
          '3',
          MetricType.SLEEP_REM,
          '4',
          MetricType.SLEEP_AWAKE);

  /**
   * Runs of equal digits become one interval each, starting at bedtime start, 5 minutes a digit.
   */
  private static void stages(
      JsonNode doc, OffsetDateTime start, OffsetDateTime end, String id, List<Sample> out) {
    String phases =
        doc.hasNonNull("sleep_phase_5_min") ? doc.get("sleep_phase_5_min").asText() : "";
    int index = 0;
    int runStart = 0;
    for (int i = 1; i <= phases.length(); i++) {
      if (i == phases.length() || phases.charAt(i) != phases.charAt(runStart)) {
        MetricType type = STAGE_TYPES.get(phases.charAt(runStart));
        if (type != null) {
          OffsetDateTime s = start.plusMinutes(5L * runStart);
          OffsetDateTime e = start.plusMinutes(5L * i);
          if (e.isAfter(end)) {
            e = end;
          }
          if (s.isBefore(e)) {
            out.add(
                new Sample(
                    type,
                    s,
                    e,
                    (e.toEpochSecond() - s.toEpochSecond()) / 60.0,
                    SOURCE,
                    null,
                    id + ":stage:" + index,
                    Map.of()));
            index++;
          }
        }
        runStart = i;
      }
    }
  }

  /**
   * An Oura time series: items every {@code interval} seconds from {@code timestamp}; nulls are
   * gaps.
   */
  private static boolean series(JsonNode sample, MetricType type, String unit, List<Sample> out) {
    if (sample == null || !sample.hasNonNull("timestamp") || !sample.path("items").isArray()) {
      return false;
    }
    OffsetDateTime t0 = OffsetDateTime.parse(sample.get("timestamp").asText());
    double interval = sample.path("interval").asDouble(300);
    JsonNode items = sample.get("items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode v = items.get(i);
      if (v == null || v.isNull()) {
        continue;
      }
      OffsetDateTime at = t0.plusNanos((long) (i * interval * 1e9));
      out.add(
          new Sample(
              type,
              at,
              at,
              Units.toCanonical(type, v.asDouble(), unit),
              SOURCE,
              null,
              null,
              Map.of()));
    }
    return true;
  }

  /**
   * A daily document's day, from midnight to midnight as the store counts days (Oura gives the
   * local date; its timestamp's offset is used where days follow each sample's own offset).
   */
  /** Where a day starts, as the store counts days ({@code StreamContext::startOfDay}). */
  @FunctionalInterface
  interface DayStarts {
    OffsetDateTime startOfDay(LocalDate day, ZoneOffset offset);
  }

  private record Day(OffsetDateTime start, OffsetDateTime end) {
    static Day of(JsonNode doc, DayStarts days) {
      LocalDate day = LocalDate.parse(required(doc, "day"));
      ZoneOffset offset =
          doc.hasNonNull("timestamp")
              ? OffsetDateTime.parse(doc.get("timestamp").asText()).getOffset()
              : ZoneOffset.UTC;
      return new Day(days.startOfDay(day, offset), days.startOfDay(day.plusDays(1), offset));
    }
  }

  private static void add(
      List<Sample> out,
      MetricType type,
      OffsetDateTime start,
      OffsetDateTime end,
      Double value,
      String unit,
      JsonNode doc,
      Map<String, String> meta) {
    add(out, type, start, end, value, unit, required(doc, "id"), meta);
  }

  private static void add(
      List<Sample> out,
      MetricType type,
      OffsetDateTime start,
      OffsetDateTime end,
      Double value,
      String unit,
      String externalId,
      Map<String, String> meta) {
    if (value != null) {
      out.add(
          new Sample(
              type,
              start,
              end,
              Units.toCanonical(type, value, unit),
              SOURCE,
              null,
              externalId,
              meta));
    }
  }

  /** Null when both are missing. (A ternary would unbox the null into a NullPointerException.) */
  private static Double sum(Double a, Double b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a + b;
  }

  private static Map<String, String> meta(JsonNode doc, String... fields) {
    Map<String, String> meta = new HashMap<>();
    for (String f : fields) {
      JsonNode v = doc.get(f);
      if (v != null && !v.isNull()) {
        meta.put(f, v.asText());
      }
    }
    return meta;
  }
}
