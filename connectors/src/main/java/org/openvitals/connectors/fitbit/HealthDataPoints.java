package org.openvitals.connectors.fitbit;

import static org.openvitals.connectors.fitbit.GoogleHealthConnector.ACTIVITY;
import static org.openvitals.connectors.fitbit.GoogleHealthConnector.HEALTH_METRICS;
import static org.openvitals.connectors.fitbit.GoogleHealthConnector.SLEEP;
import static org.openvitals.connectors.sync.JsonFields.number;
import static org.openvitals.connectors.sync.JsonFields.required;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.openvitals.connectors.fitbit.HealthDataStream.TimeFilter;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.sync.SyncStream;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * The Google Health API data types OpenVitals syncs and how their data points become samples.
 *
 * <p>Wire format (v4 {@code DataPoint}): one union field per data type ({@code steps}, {@code
 * heartRate} ...); int64 values ({@code count}, {@code millimeters}, {@code beatsPerMinute}) come
 * as JSON strings; intervals carry {@code startTime}/{@code endTime} with {@code startUtcOffset}/
 * {@code endUtcOffset} as protobuf durations ({@code "-18000s"}); samples a {@code sampleTime} with
 * {@code physicalTime} and {@code utcOffset}; daily summaries a {@code date} of year, month, day.
 *
 * <p>Keys follow {@link FitbitTakeoutImporter} so a day read from Takeout and from the API is one:
 * the start instant for minute series and heart rate, the day for daily values, Fitbit's log id for
 * sleep (the API's {@code sleep.metadata.externalId}; stages {@code logId/local start}) and weight
 * (Fitbit's weight log id is the local measurement time read as UTC epoch milliseconds), and for
 * exercise its start minute ({@link FitbitTakeoutImporter#exerciseKey}), as the API does not send
 * Fitbit's log id.
 */
final class HealthDataPoints {
  static final SourceRef SOURCE = FitbitTakeoutImporter.SOURCE;
  private static final DateTimeFormatter TAKEOUT_LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

  /** Page sizes: the API's default for series, its maximum of 25 for sleep and exercise. */
  private static final int SERIES_PAGE = 1440;

  private static final int HEART_RATE_PAGE = 10_000;
  private static final int SESSION_PAGE = 25;

  private HealthDataPoints() {}

  static List<SyncStream> streams() {
    return List.of(
        interval("steps", "steps", MetricType.STEPS, p -> int64(p, "count"), "{count}"),
        interval("distance", "distance", MetricType.DISTANCE, p -> int64(p, "millimeters"), "mm"),
        interval("floors", "floors", MetricType.FLIGHTS_CLIMBED, p -> int64(p, "count"), "{count}"),
        interval(
            "active-energy-burned",
            "activeEnergyBurned",
            MetricType.ACTIVE_ENERGY,
            p -> requiredNumber(p, "kcal"),
            "kcal"),
        new HealthDataStream(
            "heart-rate",
            HEALTH_METRICS,
            TimeFilter.SAMPLE,
            HEART_RATE_PAGE,
            HealthDataPoints::heartRate),
        daily(
            "daily-resting-heart-rate",
            "dailyRestingHeartRate",
            MetricType.RESTING_HEART_RATE,
            p -> int64(p, "beatsPerMinute"),
            "/min"),
        daily(
            "daily-heart-rate-variability",
            "dailyHeartRateVariability",
            MetricType.HRV_RMSSD,
            p -> number(p, "averageHeartRateVariabilityMilliseconds"),
            "ms"),
        daily(
            "daily-oxygen-saturation",
            "dailyOxygenSaturation",
            MetricType.OXYGEN_SATURATION,
            p -> requiredNumber(p, "averagePercentage"),
            "%"),
        daily(
            "daily-respiratory-rate",
            "dailyRespiratoryRate",
            MetricType.RESPIRATORY_RATE,
            p -> requiredNumber(p, "breathsPerMinute"),
            "/min"),
        new HealthDataStream(
            "daily-sleep-temperature-derivations",
            HEALTH_METRICS,
            TimeFilter.DAILY,
            SERIES_PAGE,
            HealthDataPoints::sleepTemperature),
        new HealthDataStream(
            "weight", HEALTH_METRICS, TimeFilter.SAMPLE, SERIES_PAGE, HealthDataPoints::weight),
        new HealthDataStream(
            "body-fat", HEALTH_METRICS, TimeFilter.SAMPLE, SERIES_PAGE, HealthDataPoints::bodyFat),
        new HealthDataStream(
            "sleep", SLEEP, TimeFilter.SLEEP_END, SESSION_PAGE, HealthDataPoints::sleep),
        new HealthDataStream(
            "exercise",
            ACTIVITY,
            TimeFilter.CIVIL_START,
            SESSION_PAGE,
            HealthDataPoints::exercise));
  }

  /** An interval series: one sample per data point, keyed by its start instant. */
  private static HealthDataStream interval(
      String dataType,
      String union,
      MetricType type,
      Function<JsonNode, Double> value,
      String unit) {
    return new HealthDataStream(
        dataType,
        ACTIVITY,
        TimeFilter.INTERVAL,
        SERIES_PAGE,
        (point, context, out) -> {
          JsonNode data = union(point, union);
          Double v = value.apply(data);
          if (v == null || v == 0) {
            return; // an idle minute adds nothing (Takeout's minutes are read the same way)
          }
          At at = At.interval(data.path("interval"));
          out.add(
              sample(
                  type,
                  at.start(),
                  at.end(),
                  Units.toCanonical(type, v, unit),
                  at.key(),
                  Map.of()));
        });
  }

  /** A daily summary: one sample over the day, keyed by the day. */
  private static HealthDataStream daily(
      String dataType,
      String union,
      MetricType type,
      Function<JsonNode, Double> value,
      String unit) {
    return new HealthDataStream(
        dataType,
        HEALTH_METRICS,
        TimeFilter.DAILY,
        SERIES_PAGE,
        (point, context, out) -> {
          JsonNode data = union(point, union);
          Double v = value.apply(data);
          if (v != null) {
            out.add(dailySample(context, type, date(data), Units.toCanonical(type, v, unit)));
          }
        });
  }

  private static void heartRate(JsonNode point, StreamContext context, List<Sample> out) {
    JsonNode data = union(point, "heartRate");
    OffsetDateTime at = sampleTime(data.path("sampleTime"));
    Double bpm = int64(data, "beatsPerMinute");
    if (bpm == null) {
      throw new IllegalArgumentException("no beatsPerMinute");
    }
    out.add(sample(MetricType.HEART_RATE, at, at, bpm, at.toInstant().toString(), Map.of()));
  }

  /** The night's skin temperature, and its distance from the 30-day baseline when given. */
  private static void sleepTemperature(JsonNode point, StreamContext context, List<Sample> out) {
    JsonNode data = union(point, "dailySleepTemperatureDerivations");
    LocalDate day = date(data);
    double nightly = requiredNumber(data, "nightlyTemperatureCelsius");
    out.add(dailySample(context, MetricType.SLEEPING_WRIST_TEMPERATURE, day, nightly));
    Double baseline = number(data, "baselineTemperatureCelsius");
    if (baseline != null) {
      out.add(
          dailySample(
              context,
              MetricType.SKIN_TEMPERATURE_DEVIATION,
              day,
              Math.round((nightly - baseline) * 1000) / 1000.0));
    }
  }

  private static void weight(JsonNode point, StreamContext context, List<Sample> out) {
    JsonNode data = union(point, "weight");
    OffsetDateTime at = sampleTime(data.path("sampleTime"));
    double kg = Units.toCanonical(MetricType.BODY_MASS, requiredNumber(data, "weightGrams"), "g");
    out.add(sample(MetricType.BODY_MASS, at, at, kg, weightLogId(at), Map.of()));
  }

  private static void bodyFat(JsonNode point, StreamContext context, List<Sample> out) {
    JsonNode data = union(point, "bodyFat");
    OffsetDateTime at = sampleTime(data.path("sampleTime"));
    out.add(
        sample(
            MetricType.BODY_FAT_PERCENTAGE,
            at,
            at,
            requiredNumber(data, "percentage"),
            weightLogId(at),
            Map.of()));
  }

  /** Fitbit's weight log id: the local date and time of the measurement as UTC epoch millis. */
  private static String weightLogId(OffsetDateTime at) {
    return Long.toString(at.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  /** The session in bed, then each stage, as the Takeout importer stores a sleep log. */
  private static void sleep(JsonNode point, StreamContext context, List<Sample> out) {
    JsonNode data = union(point, "sleep");
    At at = At.interval(data.path("interval"));
    JsonNode meta = data.path("metadata");
    String logId =
        meta.hasNonNull("externalId") && !meta.get("externalId").asText().isEmpty()
            ? meta.get("externalId").asText()
            : context
                .storedKey(SOURCE, MetricType.SLEEP_IN_BED, at.start().toInstant())
                .orElseGet(() -> pointId(point));
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("type", data.path("type").asText("stages").toLowerCase(Locale.ROOT));
    copy(metadata, "main_sleep", meta, "mainSleep");
    copy(metadata, "nap", meta, "nap");
    copy(metadata, "processed", meta, "processed");
    JsonNode summary = data.path("summary");
    copy(metadata, "minutes_asleep", summary, "minutesAsleep");
    copy(metadata, "minutes_awake", summary, "minutesAwake");
    for (JsonNode stage : summary.path("stagesSummary")) {
      String name = stage.path("type").asText().toLowerCase(Locale.ROOT);
      copy(metadata, (name.equals("awake") ? "wake" : name) + "_minutes", stage, "minutes");
    }
    double inBed = at.end().toEpochSecond() - at.start().toEpochSecond();
    out.add(
        sample(
            MetricType.SLEEP_IN_BED,
            at.start(),
            at.end(),
            Units.toCanonical(MetricType.SLEEP_IN_BED, inBed, "s"),
            logId,
            metadata));
    for (JsonNode stage : data.path("stages")) {
      MetricType type =
          switch (stage.path("type").asText()) {
            case "LIGHT" -> MetricType.SLEEP_CORE;
            case "DEEP" -> MetricType.SLEEP_DEEP;
            case "REM" -> MetricType.SLEEP_REM;
            // Classic logs: restless counts as awake, as Fitbit's own minutes awake do.
            case "AWAKE", "RESTLESS" -> MetricType.SLEEP_AWAKE;
            case "ASLEEP" -> MetricType.SLEEP_ASLEEP;
            default -> null; // out of bed and unknown segments are not stages of sleep
          };
      if (type == null) {
        continue;
      }
      OffsetDateTime from = time(stage, "startTime", "startUtcOffset");
      OffsetDateTime to = time(stage, "endTime", "endUtcOffset");
      double seconds = to.toEpochSecond() - from.toEpochSecond();
      out.add(
          sample(
              type,
              from,
              to,
              Units.toCanonical(type, seconds, "s"),
              logId + "/" + from.toLocalDateTime().format(TAKEOUT_LOCAL),
              Map.of("log_id", logId)));
    }
  }

  private static void exercise(JsonNode point, StreamContext context, List<Sample> out) {
    JsonNode data = union(point, "exercise");
    At at = At.interval(data.path("interval"));
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("activity", data.path("displayName").asText(required(data, "exerciseType")));
    metadata.put("exercise_type", required(data, "exerciseType"));
    JsonNode metrics = data.path("metricsSummary");
    copy(metadata, "calories", metrics, "caloriesKcal");
    copy(metadata, "steps", metrics, "steps");
    copy(metadata, "averageHeartRate", metrics, "averageHeartRateBeatsPerMinute");
    copy(metadata, "active_zone_minutes", metrics, "activeZoneMinutes");
    Double millimeters = number(metrics, "distanceMillimeters");
    if (millimeters != null) {
      metadata.put("distance", format(millimeters / 1_000_000.0));
      metadata.put("distance_unit", "Kilometer");
    }
    Double elevation = number(metrics, "elevationGainMillimeters");
    if (elevation != null) {
      metadata.put("elevationGain", format(elevation / 1000.0));
    }
    double seconds =
        data.hasNonNull("activeDuration")
            ? durationSeconds(data.get("activeDuration").asText())
            : at.end().toEpochSecond() - at.start().toEpochSecond();
    out.add(
        sample(
            MetricType.WORKOUT,
            at.start(),
            at.end(),
            Units.toCanonical(MetricType.WORKOUT, seconds, "s"),
            FitbitTakeoutImporter.exerciseKey(at.start().toInstant()),
            metadata));
  }

  /** An interval's ends at their own UTC offsets. */
  record At(OffsetDateTime start, OffsetDateTime end) {
    static At interval(JsonNode interval) {
      return new At(
          time(interval, "startTime", "startUtcOffset"), time(interval, "endTime", "endUtcOffset"));
    }

    String key() {
      return start.toInstant().toString();
    }
  }

  private static JsonNode union(JsonNode point, String field) {
    JsonNode data = point.get(field);
    if (data == null || !data.isObject()) {
      throw new IllegalArgumentException("no " + field);
    }
    return data;
  }

  private static OffsetDateTime time(JsonNode node, String field, String offsetField) {
    return Instant.parse(required(node, field)).atOffset(offset(node.get(offsetField)));
  }

  private static OffsetDateTime sampleTime(JsonNode sampleTime) {
    return time(sampleTime, "physicalTime", "utcOffset");
  }

  /** A protobuf Duration in JSON ({@code "3600s"}, {@code "-19800s"}); UTC when absent. */
  static ZoneOffset offset(JsonNode value) {
    if (value == null || value.isNull()) {
      return ZoneOffset.UTC;
    }
    return ZoneOffset.ofTotalSeconds((int) durationSeconds(value.asText()));
  }

  private static double durationSeconds(String text) {
    if (!text.endsWith("s")) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    return new BigDecimal(text.substring(0, text.length() - 1)).doubleValue();
  }

  /** A google.type.Date; a missing day or month is an error here, as no daily value lacks one. */
  private static LocalDate date(JsonNode data) {
    JsonNode date = data.path("date");
    if (!date.path("year").isInt() || !date.path("month").isInt() || !date.path("day").isInt()) {
      throw new IllegalArgumentException("no date");
    }
    return LocalDate.of(
        date.get("year").asInt(), date.get("month").asInt(), date.get("day").asInt());
  }

  /** An int64 field: a JSON string in proto3 JSON, tolerated as a number; null when absent. */
  static Double int64(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    try {
      return (double) Long.parseLong(v.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is not an integer: '" + v.asText() + "'");
    }
  }

  private static double requiredNumber(JsonNode node, String field) {
    Double v = number(node, field);
    if (v == null) {
      throw new IllegalArgumentException("no " + field);
    }
    return v;
  }

  private static String pointId(JsonNode point) {
    String name = required(point, "name");
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static Sample dailySample(
      StreamContext context, MetricType type, LocalDate day, double value) {
    return sample(
        type,
        context.startOfDay(day, ZoneOffset.UTC),
        context.startOfDay(day.plusDays(1), ZoneOffset.UTC),
        value,
        day.toString(),
        Map.of());
  }

  private static Sample sample(
      MetricType type,
      OffsetDateTime start,
      OffsetDateTime end,
      double value,
      String key,
      Map<String, String> metadata) {
    return new Sample(type, start, end, value, SOURCE, null, key, metadata);
  }

  private static void copy(Map<String, String> meta, String key, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v != null && !v.isNull() && !v.isContainerNode()) {
      meta.put(key, v.asText());
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
