package org.openvitals.connectors.whoop;

import static org.openvitals.connectors.sync.JsonFields.number;
import static org.openvitals.connectors.sync.JsonFields.required;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * The WHOOP v2 collections and how their records become samples. A record's {@code score} exists
 * only when {@code score_state} is {@code SCORED}; records still {@code PENDING_SCORE} or {@code
 * UNSCORABLE} give nothing that comes from a score (never a zero). Times are UTC with the record's
 * {@code timezone_offset} beside them; durations are milliseconds and energy kilojoules. WHOOP's
 * HRV is RMSSD and is stored as such, apart from Apple's SDNN. Samples are keyed by {@link
 * WhoopKeys} (the record's start), WHOOP's id kept as {@code whoop_id}, so the app's data export
 * ({@link WhoopExportImporter}) of the same nights stores nothing twice.
 */
final class WhoopStreams {
  static final SourceRef SOURCE = new SourceRef("whoop", "WHOOP");

  private WhoopStreams() {}

  /**
   * Sleeps (naps too): the in-bed interval, with the stage totals, performance, efficiency and
   * consistency when scored, and the respiratory rate. WHOOP's API gives stage totals, not a
   * hypnogram, so stages are kept as minutes in the metadata rather than as invented intervals.
   */
  static WhoopCollectionStream sleep() {
    return new WhoopCollectionStream("sleep", "/v2/activity/sleep") {
      @Override
      void map(JsonNode record, StreamContext context, List<Sample> out) {
        Interval at = Interval.of(record);
        String id = WhoopKeys.sleep(at.start.toInstant());
        Map<String, String> meta = new LinkedHashMap<>();
        copy(meta, "whoop_id", record, "id");
        meta.put("score_state", record.path("score_state").asText());
        if (record.path("nap").asBoolean(false)) {
          meta.put("nap", "true");
        }
        JsonNode score = score(record);
        if (score != null) {
          JsonNode stages = score.path("stage_summary");
          minutes(meta, "light_minutes", stages, "total_light_sleep_time_milli");
          minutes(meta, "deep_minutes", stages, "total_slow_wave_sleep_time_milli");
          minutes(meta, "rem_minutes", stages, "total_rem_sleep_time_milli");
          minutes(meta, "awake_minutes", stages, "total_awake_time_milli");
          copy(meta, "sleep_cycles", stages, "sleep_cycle_count");
          copy(meta, "disturbances", stages, "disturbance_count");
          copy(meta, "sleep_performance_percent", score, "sleep_performance_percentage");
          copy(meta, "sleep_efficiency_percent", score, "sleep_efficiency_percentage");
          copy(meta, "sleep_consistency_percent", score, "sleep_consistency_percentage");
          add(
              out,
              MetricType.RESPIRATORY_RATE,
              at,
              number(score, "respiratory_rate"),
              "/min",
              id,
              Map.of());
        }
        double inBedSeconds = at.end.toEpochSecond() - at.start.toEpochSecond();
        add(out, MetricType.SLEEP_IN_BED, at, inBedSeconds, "s", id, meta);
      }
    };
  }

  /**
   * Recoveries: resting heart rate, HRV (RMSSD), SpO2 and skin temperature of the sleep they were
   * measured in (fetched by its id for its times), with the recovery score.
   */
  static WhoopCollectionStream recovery() {
    return new WhoopCollectionStream("recovery", "/v2/recovery") {
      @Override
      void map(JsonNode record, StreamContext context, List<Sample> out)
          throws ApiException, ConnectionLostException, InterruptedException {
        JsonNode score = score(record);
        if (score == null) {
          return; // pending or unscorable: nothing measured to store
        }
        Interval at =
            Interval.of(
                context.api().get("/v2/activity/sleep/" + required(record, "sleep_id"), Map.of()));
        String sleepId = WhoopKeys.sleep(at.start.toInstant());
        Map<String, String> meta = new LinkedHashMap<>();
        copy(meta, "recovery_score", score, "recovery_score");
        copy(meta, "user_calibrating", score, "user_calibrating");
        copy(meta, "cycle_id", record, "cycle_id");
        add(
            out,
            MetricType.RESTING_HEART_RATE,
            at,
            number(score, "resting_heart_rate"),
            "/min",
            sleepId,
            meta);
        add(out, MetricType.HRV_RMSSD, at, number(score, "hrv_rmssd_milli"), "ms", sleepId, meta);
        add(
            out,
            MetricType.OXYGEN_SATURATION,
            at,
            number(score, "spo2_percentage"),
            "%",
            sleepId,
            meta);
        add(
            out,
            MetricType.SLEEPING_WRIST_TEMPERATURE,
            at,
            number(score, "skin_temp_celsius"),
            "Cel",
            sleepId,
            meta);
      }
    };
  }

  /** Workouts: sport and times, and when scored strain, heart rate, energy, distance, zones. */
  static WhoopCollectionStream workout() {
    return new WhoopCollectionStream("workout", "/v2/activity/workout") {
      @Override
      void map(JsonNode record, StreamContext context, List<Sample> out) {
        Interval at = Interval.of(record);
        String id = WhoopKeys.workout(at.start.toInstant());
        Map<String, String> meta = new LinkedHashMap<>();
        copy(meta, "whoop_id", record, "id");
        copy(meta, "activity_type", record, "sport_name");
        meta.put("score_state", record.path("score_state").asText());
        JsonNode score = score(record);
        if (score != null) {
          copy(meta, "strain", score, "strain");
          copy(meta, "average_heart_rate", score, "average_heart_rate");
          copy(meta, "max_heart_rate", score, "max_heart_rate");
          Double kilojoule = number(score, "kilojoule");
          if (kilojoule != null) {
            meta.put(
                "energy_kcal",
                format(Units.toCanonical(MetricType.ACTIVE_ENERGY, kilojoule, "kJ")));
          }
          copy(meta, "distance_m", score, "distance_meter");
          copy(meta, "elevation_gain_m", score, "altitude_gain_meter");
          copy(meta, "percent_recorded", score, "percent_recorded");
          JsonNode zones = score.path("zone_durations");
          for (String zone : List.of("zero", "one", "two", "three", "four", "five")) {
            minutes(meta, "zone_" + zone + "_minutes", zones, "zone_" + zone + "_milli");
          }
        }
        double seconds = at.end.toEpochSecond() - at.start.toEpochSecond();
        add(out, MetricType.WORKOUT, at, seconds, "s", id, meta);
      }
    };
  }

  /**
   * Physiological cycles (WHOOP's day, from one sleep onset to the next): when scored, the day's
   * strain, with the cycle's total energy (kJ to kcal) and average and maximum heart rate in its
   * details. The current cycle has no end yet; it is stored ending now and updated as it goes on.
   */
  static WhoopCollectionStream cycle() {
    return new WhoopCollectionStream("cycle", "/v2/cycle") {
      @Override
      void map(JsonNode record, StreamContext context, List<Sample> out) {
        String id = required(record, "id");
        JsonNode score = score(record);
        if (score == null) {
          return; // strain not scored yet: nothing to store, never a zero
        }
        ZoneOffset offset =
            record.hasNonNull("timezone_offset")
                ? ZoneOffset.of(record.get("timezone_offset").asText())
                : ZoneOffset.UTC;
        OffsetDateTime start = Instant.parse(required(record, "start")).atOffset(offset);
        OffsetDateTime end =
            (record.hasNonNull("end")
                    ? Instant.parse(record.get("end").asText())
                    : context.clock().instant())
                .atOffset(offset);
        Map<String, String> meta = new LinkedHashMap<>();
        Double kilojoule = number(score, "kilojoule");
        if (kilojoule != null) {
          meta.put(
              "energy_kcal", format(Units.toCanonical(MetricType.ACTIVE_ENERGY, kilojoule, "kJ")));
        }
        copy(meta, "average_heart_rate", score, "average_heart_rate");
        copy(meta, "max_heart_rate", score, "max_heart_rate");
        if (!record.hasNonNull("end")) {
          meta.put("ongoing", "true");
        }
        add(
            out,
            MetricType.DAY_STRAIN,
            new Interval(start, end),
            number(score, "strain"),
            "{score}",
            id,
            meta);
      }
    };
  }

  /** A record's start and end at its own offset. */
  private record Interval(OffsetDateTime start, OffsetDateTime end) {
    static Interval of(JsonNode record) {
      ZoneOffset offset =
          record.hasNonNull("timezone_offset")
              ? ZoneOffset.of(record.get("timezone_offset").asText())
              : ZoneOffset.UTC;
      return new Interval(
          Instant.parse(required(record, "start")).atOffset(offset),
          Instant.parse(required(record, "end")).atOffset(offset));
    }
  }

  /** The score, or null unless the record is scored. */
  private static JsonNode score(JsonNode record) {
    JsonNode score = record.get("score");
    return "SCORED".equals(record.path("score_state").asText()) && score != null && score.isObject()
        ? score
        : null;
  }

  private static void add(
      List<Sample> out,
      MetricType type,
      Interval at,
      Double value,
      String unit,
      String externalId,
      Map<String, String> meta) {
    if (value != null) {
      out.add(
          new Sample(
              type,
              at.start,
              at.end,
              Units.toCanonical(type, value, unit),
              SOURCE,
              null,
              externalId,
              meta));
    }
  }

  private static void copy(Map<String, String> meta, String key, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v != null && !v.isNull() && !v.isContainerNode()) {
      meta.put(key, v.asText());
    }
  }

  private static void minutes(Map<String, String> meta, String key, JsonNode node, String field) {
    Double millis = number(node, field);
    if (millis != null) {
      meta.put(key, format(millis / 60_000.0));
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
