package org.openvitals.connectors.export.omh;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.openvitals.connectors.export.Point;
import org.openvitals.connectors.export.Point.Statistic;
import org.openvitals.connectors.export.PointWriter;
import org.openvitals.core.model.Decimals;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * Open mHealth data points (schema data-point 1.0: header and body), one JSON array. Each body
 * follows its Open mHealth schema: step-count 2.0, heart-rate 2.0, body-weight 2.0,
 * body-fat-percentage 1.0, calories-burned 2.0, blood-pressure 3.1, sleep-episode 1.1 with
 * sleep-duration 2.0 for each sleep, physical-activity 1.1 for workouts. Header ids are derived
 * from the point's content, so exporting the same data twice gives the same ids.
 */
public final class OmhWriter implements PointWriter {
  /** A schema this writer uses: its name and version in the {@code omh} namespace. */
  enum Schema {
    STEP_COUNT("step-count", "2.0"),
    HEART_RATE("heart-rate", "2.0"),
    BODY_WEIGHT("body-weight", "2.0"),
    BODY_FAT_PERCENTAGE("body-fat-percentage", "1.0"),
    CALORIES_BURNED("calories-burned", "2.0"),
    BLOOD_PRESSURE("blood-pressure", "3.1"),
    SLEEP_EPISODE("sleep-episode", "1.1"),
    SLEEP_DURATION("sleep-duration", "2.0"),
    PHYSICAL_ACTIVITY("physical-activity", "1.1");

    final String name;
    final String version;

    Schema(String name, String version) {
      this.name = name;
      this.version = version;
    }

    String key() {
      return "omh:" + name + ":" + version;
    }
  }

  /** Metrics written as readings, with their schema. */
  private static final Map<MetricType, Schema> READINGS = new EnumMap<>(MetricType.class);

  static {
    READINGS.put(MetricType.STEPS, Schema.STEP_COUNT);
    READINGS.put(MetricType.HEART_RATE, Schema.HEART_RATE);
    READINGS.put(MetricType.RESTING_HEART_RATE, Schema.HEART_RATE);
    READINGS.put(MetricType.BODY_MASS, Schema.BODY_WEIGHT);
    READINGS.put(MetricType.BODY_FAT_PERCENTAGE, Schema.BODY_FAT_PERCENTAGE);
    READINGS.put(MetricType.ACTIVE_ENERGY, Schema.CALORIES_BURNED);
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final JsonGenerator json;
  private final String created;
  private final Map<String, Long> written = new HashMap<>();

  public OmhWriter(OutputStream out, Instant now) throws IOException {
    this.json = PointWriter.generator(out);
    this.created = TIME.format(now.atOffset(ZoneOffset.UTC));
  }

  @Override
  public boolean supports(MetricType metric) {
    return READINGS.containsKey(metric) || PointWriter.grouped(metric);
  }

  @Override
  public void begin() throws IOException {
    json.writeStartArray();
  }

  @Override
  public void end() throws IOException {
    json.writeRaw('\n');
    json.writeEndArray();
    json.writeRaw('\n');
    json.close();
  }

  @Override
  public Map<String, Long> written() {
    return Map.copyOf(written);
  }

  @Override
  public void write(Point point) throws IOException {
    switch (point) {
      case Point.Reading r -> reading(r);
      case Point.BloodPressure bp -> bloodPressure(bp);
      case Point.SleepEpisode s -> sleep(s);
      case Point.Activity a -> activity(a);
    }
  }

  private void reading(Point.Reading r) throws IOException {
    Schema schema = READINGS.get(r.metric());
    begin(schema, r, r.metric().id(), r.externalId(), r.value());
    switch (schema) {
      case STEP_COUNT -> {
        json.writeFieldName("step_count");
        json.writeNumber(number(r.value()));
        interval(r);
      }
      case HEART_RATE -> {
        unitValue("heart_rate", r.value(), "beats/min");
        timeFrame(r);
        if (r.metric() == MetricType.RESTING_HEART_RATE) {
          json.writeStringField("temporal_relationship_to_physical_activity", "at rest");
        }
      }
      case BODY_WEIGHT -> {
        unitValue("body_weight", r.value(), "kg");
        timeFrame(r);
      }
      case BODY_FAT_PERCENTAGE -> {
        unitValue("body_fat_percentage", r.value(), "%");
        timeFrame(r);
      }
      case CALORIES_BURNED -> {
        unitValue("kcal_burned", r.value(), "kcal");
        interval(r);
      }
      default -> throw new IllegalStateException(schema + " is not a reading");
    }
    statistic(r.statistic());
    finish();
  }

  private void bloodPressure(Point.BloodPressure bp) throws IOException {
    begin(
        Schema.BLOOD_PRESSURE,
        bp,
        "blood_pressure",
        bp.externalId(),
        bp.systolic(),
        bp.diastolic());
    unitValue("systolic_blood_pressure", bp.systolic(), "mmHg");
    unitValue("diastolic_blood_pressure", bp.diastolic(), "mmHg");
    timeFrame(bp);
    statistic(bp.statistic());
    finish();
  }

  private void sleep(Point.SleepEpisode s) throws IOException {
    begin(Schema.SLEEP_EPISODE, s, "sleep", null, s.asleepMinutes());
    interval(s);
    unitValue("total_sleep_time", s.asleepMinutes(), "min");
    json.writeBooleanField("is_main_sleep", s.main());
    finish();

    begin(Schema.SLEEP_DURATION, s, "sleep", null, s.asleepMinutes());
    unitValue("sleep_duration", s.asleepMinutes(), "min");
    interval(s);
    finish();
  }

  private void activity(Point.Activity a) throws IOException {
    begin(Schema.PHYSICAL_ACTIVITY, a, a.activity(), a.externalId(), 0);
    json.writeStringField("activity_name", a.activity());
    interval(a);
    if (a.distanceMeters() != null) {
      unitValue("distance", a.distanceMeters(), "m");
    }
    finish();
  }

  /**
   * Opens a data point and its body: the header with an id made from what the point is, so the same
   * data exported twice has the same ids.
   */
  private void begin(Schema schema, Point p, String what, String externalId, double... values)
      throws IOException {
    StringBuilder identity = new StringBuilder(schema.key()).append('|').append(what).append('|');
    identity.append(p.source().key()).append('|');
    if (externalId != null) {
      identity.append("id:").append(externalId);
    } else {
      identity.append(p.start().toInstant()).append('|').append(p.end().toInstant());
      for (double v : values) {
        identity.append('|').append(v);
      }
    }
    String id =
        UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8)).toString();

    json.writeRaw('\n');
    json.writeStartObject();
    json.writeObjectFieldStart("header");
    json.writeStringField("id", id);
    json.writeStringField("creation_date_time", created);
    json.writeObjectFieldStart("schema_id");
    json.writeStringField("namespace", "omh");
    json.writeStringField("name", schema.name);
    json.writeStringField("version", schema.version);
    json.writeEndObject();
    json.writeObjectFieldStart("acquisition_provenance");
    json.writeStringField("source_name", sourceName(p));
    if (externalId != null) {
      json.writeStringField("source_data_point_id", externalId);
    }
    json.writeEndObject();
    json.writeEndObject();
    json.writeObjectFieldStart("body");
    written.merge(schema.key(), 1L, Long::sum);
  }

  private static String sourceName(Point p) {
    boolean merged =
        switch (p) {
          case Point.Reading r -> r.statistic() != null;
          case Point.BloodPressure bp -> bp.statistic() != null;
          default -> false;
        };
    SourceRef source = p.source();
    return merged ? "OpenVitals merged daily value, mostly " + source.key() : source.key();
  }

  private void finish() throws IOException {
    json.writeEndObject(); // body
    json.writeEndObject(); // data point
  }

  private void unitValue(String field, double value, String unit) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeFieldName("value");
    json.writeNumber(number(value));
    json.writeStringField("unit", unit);
    json.writeEndObject();
  }

  /** A reading at one instant as a date time, one over a span as a time interval. */
  private void timeFrame(Point p) throws IOException {
    if (p.start().toInstant().equals(p.end().toInstant())) {
      json.writeObjectFieldStart("effective_time_frame");
      json.writeStringField("date_time", TIME.format(p.start()));
      json.writeEndObject();
    } else {
      interval(p);
    }
  }

  /** Schemas for amounts (steps, calories, sleep) require a time interval. */
  private void interval(Point p) throws IOException {
    json.writeObjectFieldStart("effective_time_frame");
    json.writeObjectFieldStart("time_interval");
    json.writeStringField("start_date_time", TIME.format(p.start()));
    json.writeStringField("end_date_time", TIME.format(p.end()));
    json.writeEndObject();
    json.writeEndObject();
  }

  /**
   * A merged day's mean says so; a merged total needs no statistic, since the amount over the day's
   * interval is the total.
   */
  private void statistic(Statistic statistic) throws IOException {
    if (statistic == Statistic.AVERAGE) {
      json.writeStringField("descriptive_statistic", "average");
    }
  }

  /** Four decimals at most: merged means and unit conversions carry binary noise. */
  private static java.math.BigDecimal number(double value) {
    return Decimals.rounded(value, 4);
  }
}
