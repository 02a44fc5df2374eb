package org.openvitals.connectors.withings;

import static org.openvitals.connectors.sync.JsonFields.required;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * The Withings lists and how their items become samples. Measure values are {@code value * 10^unit}
 * in the measure type's unit; epochs are UTC seconds shown at the offset of the IANA {@code
 * timezone} the answer carries; durations are seconds.
 */
final class WithingsStreams {
  private WithingsStreams() {}

  /** A measure type: the metric and the unit Withings gives it in. */
  private record Measure(MetricType type, String unit) {}

  /** getmeas {@code type} codes OpenVitals has a metric for; others are counted as skipped. */
  static final Map<Integer, Measure> MEASURES =
      Map.ofEntries(
          Map.entry(1, new Measure(MetricType.BODY_MASS, "kg")),
          Map.entry(4, new Measure(MetricType.HEIGHT, "m")),
          Map.entry(5, new Measure(MetricType.LEAN_BODY_MASS, "kg")),
          Map.entry(6, new Measure(MetricType.BODY_FAT_PERCENTAGE, "%")),
          Map.entry(9, new Measure(MetricType.BLOOD_PRESSURE_DIASTOLIC, "mmHg")),
          Map.entry(10, new Measure(MetricType.BLOOD_PRESSURE_SYSTOLIC, "mmHg")),
          Map.entry(11, new Measure(MetricType.HEART_RATE, "bpm")),
          Map.entry(12, new Measure(MetricType.BODY_TEMPERATURE, "Cel")),
          Map.entry(54, new Measure(MetricType.OXYGEN_SATURATION, "%")),
          Map.entry(71, new Measure(MetricType.BODY_TEMPERATURE, "Cel")),
          Map.entry(76, new Measure(MetricType.MUSCLE_MASS, "kg")),
          Map.entry(77, new Measure(MetricType.BODY_WATER_MASS, "kg")),
          Map.entry(88, new Measure(MetricType.BONE_MASS, "kg")));

  /**
   * Group attributions that are not this user's own reading: 1 ambiguous device entry, 8 the copy
   * of a device entry (the same grpid also arrives with attrib 0).
   */
  private static final Set<Integer> FOREIGN_ATTRIB = Set.of(1, 8);

  static WithingsPagedStream measures() {
    return new WithingsPagedStream("measures", "/measure", "getmeas", "measuregrps") {
      @Override
      Map<String, String> parameters() {
        return Map.of(
            "category",
            "1",
            "meastypes",
            String.join(",", MEASURES.keySet().stream().sorted().map(String::valueOf).toList()));
      }

      @Override
      void map(JsonNode group, JsonNode body, StreamContext context, List<Sample> out) {
        if (group.path("category").asInt(1) != 1
            || FOREIGN_ATTRIB.contains(group.path("attrib").asInt())) {
          context.skipped(group.path("measures").size());
          return;
        }
        ZoneId zone = zone(body.path("timezone").asText(null));
        OffsetDateTime at = at(Long.parseLong(required(group, "date")), zone);
        SourceRef source = source(group.path("model"), group.path("attrib").asInt() == 2);
        String device = text(group, "hash_deviceid");
        long grpid = Long.parseLong(required(group, "grpid"));
        // The same type can appear twice in a group (segmental positions, repeats): keep the
        // whole-body one, else the first.
        Map<Integer, JsonNode> byType = new LinkedHashMap<>();
        for (JsonNode m : group.path("measures")) {
          int type = Integer.parseInt(required(m, "type"));
          JsonNode seen = byType.get(type);
          if (seen == null || (seen.has("position") && !m.has("position"))) {
            byType.put(type, m);
          }
        }
        int skipped = group.path("measures").size() - byType.size();
        for (var e : byType.entrySet()) {
          Measure measure = MEASURES.get(e.getKey());
          if (measure == null) {
            skipped++;
            continue;
          }
          JsonNode m = e.getValue();
          double value =
              scaled(Long.parseLong(required(m, "value")), Integer.parseInt(required(m, "unit")));
          Map<String, String> meta = new HashMap<>();
          meta.put("withings_type", e.getKey().toString());
          meta.put("attrib", group.path("attrib").asText());
          if (m.has("position")) {
            meta.put("position", required(m, "position"));
          }
          out.add(
              new Sample(
                  measure.type(),
                  at,
                  at,
                  Units.toCanonical(measure.type(), value, measure.unit()),
                  source,
                  device,
                  grpid + ":" + e.getKey(),
                  meta));
        }
        context.skipped(skipped);
      }
    };
  }

  static WithingsPagedStream activity() {
    return new WithingsPagedStream("activity", "/v2/measure", "getactivity", "activities") {
      @Override
      Map<String, String> parameters() {
        return Map.of(
            "data_fields",
            "steps,distance,elevation,soft,moderate,intense,active,calories,totalcalories,hr_average,hr_min,hr_max");
      }

      @Override
      void map(JsonNode day, JsonNode body, StreamContext context, List<Sample> out) {
        ZoneId zone = zone(day.path("timezone").asText(null));
        LocalDate date = LocalDate.parse(required(day, "date"));
        // Filed under the day the store counts it on; Withings' own zone gives the offset.
        OffsetDateTime start =
            context.startOfDay(date, zone.getRules().getOffset(date.atStartOfDay()));
        OffsetDateTime end =
            context.startOfDay(
                date.plusDays(1), zone.getRules().getOffset(date.plusDays(1).atStartOfDay()));
        SourceRef source = source(day.path("model"), false);
        String device = text(day, "hash_deviceid");
        String id = "activity:" + date;
        Map<String, String> meta = new HashMap<>();
        for (String f :
            List.of(
                "totalcalories",
                "elevation",
                "soft",
                "moderate",
                "intense",
                "active",
                "hr_average",
                "hr_min",
                "hr_max",
                "is_tracker",
                "brand")) {
          if (day.hasNonNull(f)) {
            meta.put(f, day.get(f).asText());
          }
        }
        add(
            out,
            MetricType.STEPS,
            start,
            end,
            number(day, "steps"),
            "{count}",
            source,
            device,
            id,
            meta);
        add(
            out,
            MetricType.DISTANCE,
            start,
            end,
            number(day, "distance"),
            "m",
            source,
            device,
            id,
            meta);
        add(
            out,
            MetricType.ACTIVE_ENERGY,
            start,
            end,
            number(day, "calories"),
            "kcal",
            source,
            device,
            id,
            meta);
        Double brisk =
            number(day, "moderate") == null && number(day, "intense") == null
                ? null
                : orZero(number(day, "moderate")) + orZero(number(day, "intense"));
        add(out, MetricType.EXERCISE_TIME, start, end, brisk, "s", source, device, id, meta);
      }
    };
  }

  static WithingsPagedStream workouts() {
    return new WithingsPagedStream("workouts", "/v2/measure", "getworkouts", "series") {
      @Override
      Map<String, String> parameters() {
        return Map.of(
            "data_fields",
            "calories,intensity,manual_distance,manual_calories,hr_average,hr_min,hr_max,pause_duration,steps,distance,elevation,spo2_average");
      }

      @Override
      void map(JsonNode w, JsonNode body, StreamContext context, List<Sample> out) {
        ZoneId zone = zone(w.path("timezone").asText(null));
        OffsetDateTime start = at(Long.parseLong(required(w, "startdate")), zone);
        OffsetDateTime end = at(Long.parseLong(required(w, "enddate")), zone);
        Map<String, String> meta = new HashMap<>();
        meta.put("withings_category", w.path("category").asText());
        w.path("data")
            .properties()
            .forEach(e -> {
              if (!e.getValue().isNull()) {
                meta.put(e.getKey(), e.getValue().asText());
              }
            });
        add(
            out,
            MetricType.WORKOUT,
            start,
            end,
            (double) (end.toEpochSecond() - start.toEpochSecond()),
            "s",
            source(w.path("model"), w.path("attrib").asInt() == 2),
            text(w, "deviceid"),
            required(w, "id"),
            meta);
      }
    };
  }

  /** Sleep state codes of sleep v2 get. */
  private static final Map<Integer, MetricType> STAGES =
      Map.of(
          0,
          MetricType.SLEEP_AWAKE,
          1,
          MetricType.SLEEP_CORE,
          2,
          MetricType.SLEEP_DEEP,
          3,
          MetricType.SLEEP_REM);

  /**
   * Sleep summaries (getsummary) become the in-bed interval with the night's scores; each night's
   * stage segments, heart rate and respiratory rate come from one {@code get} request for its span.
   */
  static WithingsPagedStream sleep() {
    return new WithingsPagedStream("sleep", "/v2/sleep", "getsummary", "series") {
      @Override
      Map<String, String> parameters() {
        return Map.of(
            "data_fields",
            "total_timeinbed,total_sleep_time,sleep_efficiency,sleep_latency,wakeup_latency,waso,"
                + "wakeupcount,wakeupduration,lightsleepduration,deepsleepduration,remsleepduration,"
                + "hr_average,hr_min,hr_max,rr_average,rr_min,rr_max,snoring,sleep_score,apnea_hypopnea_index");
      }

      @Override
      void map(JsonNode night, JsonNode body, StreamContext context, List<Sample> out)
          throws ApiException, ConnectionLostException, InterruptedException {
        ZoneId zone = zone(night.path("timezone").asText(null));
        long startEpoch = Long.parseLong(required(night, "startdate"));
        long endEpoch = Long.parseLong(required(night, "enddate"));
        OffsetDateTime start = at(startEpoch, zone);
        OffsetDateTime end = at(endEpoch, zone);
        SourceRef source = source(night.path("model"), false);
        String device = text(night, "hash_deviceid");
        Map<String, String> meta = new HashMap<>();
        meta.put("date", night.path("date").asText());
        night
            .path("data")
            .properties()
            .forEach(e -> {
              if (!e.getValue().isNull()) {
                meta.put(e.getKey(), e.getValue().asText());
              }
            });
        add(
            out,
            MetricType.SLEEP_IN_BED,
            start,
            end,
            (double) (endEpoch - startEpoch),
            "s",
            source,
            device,
            required(night, "id"),
            meta);

        Map<String, String> query = new LinkedHashMap<>();
        query.put("action", "get");
        query.put("startdate", Long.toString(startEpoch));
        query.put("enddate", Long.toString(endEpoch));
        query.put("data_fields", "hr,rr");
        JsonNode segments = context.api().post("/v2/sleep", query).path("body").path("series");
        for (JsonNode seg : segments) {
          MetricType stage = STAGES.get(seg.path("state").asInt(-1));
          long s = Long.parseLong(required(seg, "startdate"));
          long e = Long.parseLong(required(seg, "enddate"));
          if (stage == null || e < s) {
            context.skipped(1);
            continue;
          }
          add(
              out,
              stage,
              at(s, zone),
              at(e, zone),
              (double) (e - s),
              "s",
              source,
              device,
              "sleep:" + s + ":" + seg.path("state").asInt(),
              Map.of());
          perSecond(seg.get("hr"), MetricType.HEART_RATE, zone, source, device, out);
          perSecond(seg.get("rr"), MetricType.RESPIRATORY_RATE, zone, source, device, out);
        }
      }
    };
  }

  /** High-frequency values are objects keyed by epoch-second strings: {"1618691453": 70}. */
  static void perSecond(
      JsonNode values,
      MetricType type,
      ZoneId zone,
      SourceRef source,
      String device,
      List<Sample> out) {
    if (values == null || !values.isObject()) {
      return;
    }
    values
        .properties()
        .forEach(e -> {
          if (e.getValue().isNumber()) {
            OffsetDateTime t = at(Long.parseLong(e.getKey()), zone);
            out.add(
                new Sample(
                    type,
                    t,
                    t,
                    Units.toCanonical(type, e.getValue().asDouble(), "/min"),
                    source,
                    device,
                    null,
                    Map.of()));
          }
        });
  }

  /** {@code value * 10^unit}, exactly (no binary floating-point drift for 118003e-3). */
  static double scaled(long value, int exponent) {
    return BigDecimal.valueOf(value).scaleByPowerOfTen(exponent).doubleValue();
  }

  static ZoneId zone(String iana) {
    if (iana == null || iana.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(iana);
    } catch (java.time.DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  static OffsetDateTime at(long epochSecond, ZoneId zone) {
    return ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone).toOffsetDateTime();
  }

  /**
   * One source per Withings device model ("Body+", "ScanWatch"); manual entries apart. Sleep
   * answers give the model as a number: 16 an activity tracker, 32 the Sleep mat.
   */
  static SourceRef source(JsonNode model, boolean manual) {
    if (manual) {
      return new SourceRef("withings", "Withings manual entry");
    }
    if (model != null && model.isTextual() && !model.asText().isBlank()) {
      return new SourceRef("withings", model.asText());
    }
    return new SourceRef(
        "withings",
        switch (model == null ? -1 : model.asInt(-1)) {
          case 16 -> "Withings activity tracker";
          case 32 -> "Withings Sleep";
          default -> "Withings";
        });
  }

  private static void add(
      List<Sample> out,
      MetricType type,
      OffsetDateTime start,
      OffsetDateTime end,
      Double value,
      String unit,
      SourceRef source,
      String device,
      String id,
      Map<String, String> meta) {
    if (value != null) {
      out.add(
          new Sample(
              type, start, end, Units.toCanonical(type, value, unit), source, device, id, meta));
    }
  }

  static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isNumber() ? null : v.asDouble();
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
