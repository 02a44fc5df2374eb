package org.openvitals.bridge.phone;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvitals.connectors.applehealth.HealthKitTypes;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.units.Units;

/**
 * Turns a sample read from an Apple Health export back into what HealthKit would hand the phone
 * app, in the protocol's form: the type identifier, a HealthKit unit, a stable UUID, source, device
 * and metadata.
 */
final class WireSamples {
  static final String WORKOUT = "HKWorkoutTypeIdentifier";

  /** Always with seconds (OffsetDateTime.toString drops ":00"), as the protocol requires. */
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /**
   * HealthKit unit strings the phone may ask for; per metric, the first one the catalog keeps as
   * is.
   */
  private static final List<String> UNITS =
      List.of(
          "count",
          "count/min",
          "kg",
          "m",
          "kcal",
          "min",
          "ms",
          "degC",
          "mmHg",
          "mg/dL",
          "g",
          "mg",
          "mcg",
          "mL",
          "%",
          "kg/m2",
          "mL/min·kg",
          "cm",
          "s");

  /** Metadata the importer adds itself; the phone's HealthKit metadata never holds them. */
  private static final Set<String> DERIVED =
      Set.of(
          "source_version",
          "hrv_beats",
          "measurement",
          "activity_type",
          "energy_kcal",
          "distance_m",
          "basal_energy_kcal",
          "steps",
          "events",
          "activities",
          "heart_rate_ave",
          "heart_rate_min",
          "heart_rate_max",
          "route_points",
          "route_distance_m",
          "route_elevation_gain_m",
          "route_start",
          "route_end",
          "route_files");

  private static final Pattern DEVICE_PART =
      Pattern.compile(
          "(name|manufacturer|model|hardware|software):(.*?)(?=, (?:name|manufacturer|model|hardware|software):|$)");

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final Map<MetricType, String> units = new EnumMap<>(MetricType.class);
  private final MessageDigest md5;

  WireSamples() {
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }

  private final Map<String, Map<String, String>> devices = new HashMap<>();

  /** The wire type of a sample, or null when HealthKit has no identifier for its metric. */
  static String type(Sample s) {
    if (s.type() == MetricType.WORKOUT) {
      return WORKOUT;
    }
    if (s.type() == MetricType.BODY_TEMPERATURE
        && "basal".equals(s.metadata().get("measurement"))) {
      return HealthKitTypes.BASAL_BODY_TEMPERATURE;
    }
    return HealthKitTypes.identifier(s.type());
  }

  /**
   * The same UUID for the same record on every run, as HealthKit keeps a sample's UUID: the RFC
   * 4122 name-based (version 3, MD5) UUID of the record's key, exactly {@code
   * UUID.nameUUIDFromBytes}, so that a re-run sends the UUIDs an earlier run sent. One digest is
   * kept (the export is read on one thread) because {@code nameUUIDFromBytes} looks MD5 up at every
   * call.
   */
  String uuid(String type, Sample s) {
    String key = type + '|' + s.start() + '|' + s.end() + '|' + s.value() + '|' + s.source().name();
    byte[] h = md5.digest(key.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x30); // version 3
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // the RFC 4122 variant
    String hex = HEX.formatHex(h);
    return hex.substring(0, 8)
        + '-'
        + hex.substring(8, 12)
        + '-'
        + hex.substring(12, 16)
        + '-'
        + hex.substring(16, 20)
        + '-'
        + hex.substring(20);
  }

  /** Writes the sample as the protocol's object, the way the phone app builds it from HealthKit. */
  void write(JsonGenerator g, String type, String uuid, Sample s) throws IOException {
    g.writeStartObject();
    g.writeStringField("uuid", uuid);
    g.writeStringField("type", type);
    g.writeStringField("start", time(s.start()));
    g.writeStringField("end", time(s.end()));
    g.writeObjectFieldStart("source");
    g.writeStringField("name", s.source().name());
    String version = s.metadata().get("source_version");
    if (version != null) {
      g.writeStringField("version", version);
    }
    g.writeEndObject();
    if (s.device() != null) {
      g.writeObjectFieldStart("device");
      for (Map.Entry<String, String> f :
          devices.computeIfAbsent(s.device(), WireSamples::deviceFields).entrySet()) {
        g.writeStringField(f.getKey(), f.getValue());
      }
      g.writeEndObject();
    }
    int metadata = 0;
    for (Map.Entry<String, String> m : s.metadata().entrySet()) {
      if (!DERIVED.contains(m.getKey()) && metadata < 64 && m.getValue().length() <= 4096) {
        if (metadata++ == 0) {
          g.writeObjectFieldStart("metadata");
        }
        g.writeStringField(m.getKey(), m.getValue());
      }
    }
    if (metadata > 0) {
      g.writeEndObject();
    }
    if (type.equals(WORKOUT)) {
      workout(g, s);
    } else if (type.equals(HealthKitTypes.SLEEP_ANALYSIS)) {
      g.writeNumberField("value", HealthKitTypes.sleepValue(s.type()));
    } else if (HealthKitTypes.category(type) != null) {
      g.writeNumberField("value", categoryRaw(s.metadata().get(HealthKitTypes.CATEGORY_VALUE)));
    } else {
      g.writeNumberField("value", s.value());
      g.writeStringField("unit", unit(s.type()));
    }
    g.writeEndObject();
  }

  /**
   * The time as {@link #ISO} writes it. Whole seconds (every time of an export) take {@code
   * toString}'s path, which was a sixth of the cost of writing a sample through the formatter;
   * {@code toString} leaves out ":00" seconds, which the protocol requires.
   */
  static String time(OffsetDateTime t) {
    if (t.getNano() != 0) {
      return ISO.format(t);
    }
    String local = t.toLocalDateTime().toString();
    return (t.getSecond() == 0 ? local + ":00" : local) + t.getOffset().getId();
  }

  /** HKDevice's fields from the importer's device text (a few devices make all the samples). */
  private static Map<String, String> deviceFields(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = DEVICE_PART.matcher(text);
    while (m.find()) {
      String field =
          switch (m.group(1)) {
            case "hardware" -> "hardware_version";
            case "software" -> "software_version";
            default -> m.group(1);
          };
      fields.put(field, truncate(m.group(2)));
    }
    if (fields.isEmpty()) {
      fields.put("name", truncate(text));
    }
    return fields;
  }

  /** HealthKit's raw number of a category value as the export writes it (stand hour: Stood 0). */
  private static int categoryRaw(String exported) {
    if (exported == null || exported.endsWith("Stood")) {
      return 0;
    }
    if (exported.endsWith("Idle")) {
      return 1;
    }
    return exported.matches("\\d+") ? Integer.parseInt(exported) : 0;
  }

  private static void workout(JsonGenerator g, Sample s) throws IOException {
    String activity = s.metadata().getOrDefault("activity_type", "Other");
    g.writeStringField(
        "activity_type",
        HealthKitTypes.WORKOUT_ACTIVITY_PREFIX + activity.replaceAll("[^A-Za-z]", ""));
    g.writeNumberField("duration_s", s.value() * 60);
    g.writeArrayFieldStart("statistics");
    statistic(g, "ActiveEnergyBurned", "kcal", s.metadata().get("energy_kcal"));
    statistic(g, "DistanceWalkingRunning", "m", s.metadata().get("distance_m"));
    g.writeEndArray();
  }

  private static void statistic(JsonGenerator g, String quantity, String unit, String sum)
      throws IOException {
    if (sum != null) {
      g.writeStartObject();
      g.writeStringField("type", HealthKitTypes.QUANTITY + quantity);
      g.writeStringField("unit", unit);
      g.writeNumberField("sum", Double.parseDouble(sum));
      g.writeEndObject();
    }
  }

  private String unit(MetricType type) {
    return units.computeIfAbsent(
        type,
        t -> {
          for (String u : UNITS) {
            try {
              if (Units.toCanonical(t, 1.0, u) == 1.0 && Units.toCanonical(t, 2.0, u) == 2.0) {
                return u;
              }
            } catch (RuntimeException notThisOne) {
              // another dimension
            }
          }
          // A metric of a newer unit family (sound level, speed, power ...): its catalog unit,
          // which the desktop's unit table reads like HealthKit's spelling.
          if (Units.toCanonical(t, 2.0, t.unit()) == 2.0) {
            return t.unit();
          }
          throw new IllegalStateException("No HealthKit unit for " + t.id());
        });
  }

  private static String truncate(String s) {
    String t = s.strip();
    return t.length() > 200 ? t.substring(0, 200) : t;
  }
}
