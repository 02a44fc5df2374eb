package org.openvitals.connectors.export.fhir;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openvitals.connectors.export.Point;
import org.openvitals.connectors.export.Point.Statistic;
import org.openvitals.connectors.export.PointWriter;
import org.openvitals.core.model.Decimals;
import org.openvitals.core.model.MetricType;

/**
 * A FHIR R4 Bundle of type {@code collection}: one Patient with no identifying details, which every
 * Observation names as its subject, and one Observation per point with its LOINC code and its value
 * as a UCUM quantity. Observations whose code has a vital-signs profile in the R4 specification
 * (heart rate, body weight, blood pressure, oxygen saturation ...) declare that profile and the
 * vital-signs category. The JSON is streamed with Jackson, elements in the order R4 defines them,
 * so an export of any size runs in constant memory; the tests check every bundle with HAPI FHIR's
 * R4 validator, which the app does not carry (22 MB of jars for a few fields).
 */
public final class FhirWriter implements PointWriter {
  static final String LOINC = "http://loinc.org";
  static final String UCUM = "http://unitsofmeasure.org";
  static final String CATEGORIES = "http://terminology.hl7.org/CodeSystem/observation-category";
  static final String PROFILES = "http://hl7.org/fhir/StructureDefinition/";

  /**
   * A LOINC code with its UCUM unit and, where R4 defines one, its vital-signs profile.
   *
   * @param profile the profile's name under {@link #PROFILES}, or null
   */
  record Code(String loinc, String display, String ucum, String profile) {
    boolean vitalSign() {
      return profile != null;
    }
  }

  /** Metrics written as readings, with their code. */
  static final Map<MetricType, Code> READINGS = new EnumMap<>(MetricType.class);

  static {
    READINGS.put(MetricType.HEART_RATE, new Code("8867-4", "Heart rate", "/min", "heartrate"));
    READINGS.put(
        MetricType.RESTING_HEART_RATE, new Code("40443-4", "Heart rate --resting", "/min", null));
    READINGS.put(MetricType.BODY_MASS, new Code("29463-7", "Body weight", "kg", "bodyweight"));
    READINGS.put(
        MetricType.BODY_FAT_PERCENTAGE,
        new Code("41982-0", "Percentage of body fat Measured", "%", null));
    READINGS.put(MetricType.HEIGHT, new Code("8302-2", "Body height", "cm", "bodyheight"));
    READINGS.put(
        MetricType.BODY_MASS_INDEX,
        new Code("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", "bmi"));
    READINGS.put(
        MetricType.OXYGEN_SATURATION,
        new Code("2708-6", "Oxygen saturation in Arterial blood", "%", "oxygensat"));
    READINGS.put(
        MetricType.RESPIRATORY_RATE, new Code("9279-1", "Respiratory rate", "/min", "resprate"));
    READINGS.put(
        MetricType.BODY_TEMPERATURE, new Code("8310-5", "Body temperature", "Cel", "bodytemp"));
    READINGS.put(
        MetricType.HRV_SDNN,
        new Code(
            "80404-7", "R-R interval.standard deviation (Heart rate variability)", "ms", null));
    READINGS.put(
        MetricType.BLOOD_GLUCOSE,
        new Code("2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", null));
    READINGS.put(MetricType.ACTIVE_ENERGY, new Code("41981-2", "Calories burned", "kcal", null));
    READINGS.put(
        MetricType.STEPS,
        new Code("55423-8", "Number of steps in unspecified time Pedometer", "{steps}", null));
  }

  /** A merged day's step total is the 24-hour count LOINC has its own code for. */
  static final Code DAILY_STEPS =
      new Code("41950-7", "Number of steps in 24 hour Measured", "{steps}", null);

  static final Code BLOOD_PRESSURE =
      new Code("85354-9", "Blood pressure panel with all children optional", null, "bp");
  static final Code SYSTOLIC = new Code("8480-6", "Systolic blood pressure", "mm[Hg]", null);
  static final Code DIASTOLIC = new Code("8462-4", "Diastolic blood pressure", "mm[Hg]", null);
  static final Code SLEEP = new Code("93832-4", "Sleep duration", "min", null);
  static final Code EXERCISE = new Code("55411-3", "Exercise duration", "min", null);
  static final Code EXERCISE_ACTIVITY = new Code("73985-4", "Exercise activity", null, null);

  /** FHIR's instant: to the millisecond, in UTC. */
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

  /** FHIR's dateTime to the second, with the offset the source wrote. */
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  private final JsonGenerator json;
  private final Instant now;
  private final String patientId = UUID.randomUUID().toString();
  private final Map<String, Long> written = new HashMap<>();

  public FhirWriter(OutputStream out, Instant now) throws IOException {
    this.json = PointWriter.generator(out);
    this.now = now;
  }

  @Override
  public boolean supports(MetricType metric) {
    return READINGS.containsKey(metric) || PointWriter.grouped(metric);
  }

  @Override
  public void begin() throws IOException {
    json.writeStartObject();
    json.writeStringField("resourceType", "Bundle");
    json.writeStringField("id", UUID.randomUUID().toString());
    json.writeStringField("type", "collection");
    json.writeStringField("timestamp", INSTANT.format(now.atOffset(ZoneOffset.UTC)));
    json.writeArrayFieldStart("entry");
    openEntry("urn:uuid:" + patientId, "Patient");
    json.writeStringField("id", patientId);
    closeEntry();
  }

  @Override
  public void end() throws IOException {
    json.writeRaw('\n');
    json.writeEndArray();
    json.writeEndObject();
    json.writeRaw('\n');
    json.close();
  }

  @Override
  public Map<String, Long> written() {
    return Map.copyOf(written);
  }

  @Override
  public void write(Point point) throws IOException {
    Code code =
        switch (point) {
          case Point.Reading r -> reading(r);
          case Point.BloodPressure bp -> bloodPressure(bp);
          case Point.SleepEpisode s -> sleep(s);
          case Point.Activity a -> activity(a);
        };
    closeEntry();
    written.merge("loinc:" + code.loinc(), 1L, Long::sum);
  }

  private Code reading(Point.Reading r) throws IOException {
    Code code =
        r.metric() == MetricType.STEPS && r.statistic() == Statistic.SUM
            ? DAILY_STEPS
            : READINGS.get(r.metric());
    observation(code, r);
    quantity("valueQuantity", r.value(), code);
    noteAndDevice(r, merged(r, r.statistic()));
    return code;
  }

  private Code bloodPressure(Point.BloodPressure bp) throws IOException {
    observation(BLOOD_PRESSURE, bp);
    noteAndDevice(bp, merged(bp, bp.statistic()));
    json.writeArrayFieldStart("component");
    json.writeStartObject();
    concept("code", SYSTOLIC);
    quantity("valueQuantity", bp.systolic(), SYSTOLIC);
    json.writeEndObject();
    json.writeStartObject();
    concept("code", DIASTOLIC);
    quantity("valueQuantity", bp.diastolic(), DIASTOLIC);
    json.writeEndObject();
    json.writeEndArray();
    return BLOOD_PRESSURE;
  }

  private Code sleep(Point.SleepEpisode s) throws IOException {
    observation(SLEEP, s);
    quantity("valueQuantity", s.asleepMinutes(), SLEEP);
    noteAndDevice(
        s, s.main() ? null : "Not the night's main sleep (a nap, or another source's night)");
    return SLEEP;
  }

  private Code activity(Point.Activity a) throws IOException {
    observation(EXERCISE, a);
    double minutes =
        (a.end().toInstant().toEpochMilli() - a.start().toInstant().toEpochMilli()) / 60_000.0;
    quantity("valueQuantity", minutes, EXERCISE);
    noteAndDevice(a, null);
    json.writeArrayFieldStart("component");
    json.writeStartObject();
    concept("code", EXERCISE_ACTIVITY);
    json.writeStringField("valueString", a.activity());
    json.writeEndObject();
    json.writeEndArray();
    return EXERCISE;
  }

  /**
   * Opens the entry and writes what every Observation has before its value: profile, status,
   * category, code, subject and time.
   */
  private void observation(Code code, Point p) throws IOException {
    openEntry("urn:uuid:" + UUID.randomUUID(), "Observation");
    boolean instant = p.start().toInstant().equals(p.end().toInstant());
    // R4's vital-signs invariant vs-1, as written, fails any Period in HAPI's validator (it only
    // accepts a dateTime), so a reading over a span keeps the code and category but not the claim.
    if (code.vitalSign() && instant) {
      json.writeObjectFieldStart("meta");
      json.writeArrayFieldStart("profile");
      json.writeString(PROFILES + code.profile());
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeStringField("status", "final");
    json.writeArrayFieldStart("category");
    json.writeStartObject();
    json.writeArrayFieldStart("coding");
    json.writeStartObject();
    json.writeStringField("system", CATEGORIES);
    json.writeStringField("code", code.vitalSign() ? "vital-signs" : "activity");
    json.writeStringField("display", code.vitalSign() ? "Vital Signs" : "Activity");
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    concept("code", code);
    json.writeObjectFieldStart("subject");
    json.writeStringField("reference", "urn:uuid:" + patientId);
    json.writeEndObject();
    if (instant) {
      json.writeStringField("effectiveDateTime", DATE_TIME.format(p.start()));
    } else {
      json.writeObjectFieldStart("effectivePeriod");
      json.writeStringField("start", DATE_TIME.format(p.start()));
      json.writeStringField("end", DATE_TIME.format(p.end()));
      json.writeEndObject();
    }
  }

  /** A merged daily value's note, naming its main source; null for a source's own value. */
  private static String merged(Point p, Statistic statistic) {
    return statistic == null
        ? null
        : (statistic == Statistic.SUM ? "Daily total" : "Daily mean of the primary readings")
            + " merged by OpenVitals from your sources, mostly "
            + p.source().key();
  }

  /**
   * The note, if any, and the source: a device or app with no resource here, named, not referenced.
   */
  private void noteAndDevice(Point p, String note) throws IOException {
    if (note != null) {
      json.writeArrayFieldStart("note");
      json.writeStartObject();
      json.writeStringField("text", note);
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeObjectFieldStart("device");
    json.writeStringField("display", p.source().key());
    json.writeEndObject();
  }

  private void concept(String field, Code code) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeArrayFieldStart("coding");
    json.writeStartObject();
    json.writeStringField("system", LOINC);
    json.writeStringField("code", code.loinc());
    json.writeStringField("display", code.display());
    json.writeEndObject();
    json.writeEndArray();
    json.writeStringField("text", code.display());
    json.writeEndObject();
  }

  private void quantity(String field, double value, Code code) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeFieldName("value");
    json.writeNumber(Decimals.rounded(value, 4));
    json.writeStringField("unit", code.ucum());
    json.writeStringField("system", UCUM);
    json.writeStringField("code", code.ucum());
    json.writeEndObject();
  }

  private void openEntry(String fullUrl, String resourceType) throws IOException {
    json.writeRaw('\n');
    json.writeStartObject();
    json.writeStringField("fullUrl", fullUrl);
    json.writeObjectFieldStart("resource");
    json.writeStringField("resourceType", resourceType);
  }

  private void closeEntry() throws IOException {
    json.writeEndObject(); // resource
    json.writeEndObject(); // entry
  }
}
