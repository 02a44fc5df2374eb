package org.openvitals.connectors.export.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
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
 * vital-signs category. Each Observation is built with HAPI FHIR's R4 model and encoded by its JSON
 * parser; the Bundle around them is streamed, so an export of any size runs in constant memory.
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

  private final IParser parser;
  private final JsonGenerator json;
  private final Instant now;
  private final String patientId = UUID.randomUUID().toString();
  private final Map<String, Long> written = new HashMap<>();

  public FhirWriter(OutputStream out, Instant now) throws IOException {
    this.parser = FhirContext.forR4Cached().newJsonParser();
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
    json.writeStringField("timestamp", new InstantType(Date.from(now)).getValueAsString());
    json.writeArrayFieldStart("entry");
    Patient person = new Patient();
    person.setId(patientId);
    entry("urn:uuid:" + patientId, parser.encodeResourceToString(person));
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
    Observation o =
        switch (point) {
          case Point.Reading r -> reading(r);
          case Point.BloodPressure bp -> bloodPressure(bp);
          case Point.SleepEpisode s -> sleep(s);
          case Point.Activity a -> activity(a);
        };
    entry("urn:uuid:" + UUID.randomUUID(), parser.encodeResourceToString(o));
    written.merge("loinc:" + o.getCode().getCodingFirstRep().getCode(), 1L, Long::sum);
  }

  private Observation reading(Point.Reading r) {
    Code code =
        r.metric() == MetricType.STEPS && r.statistic() == Statistic.SUM
            ? DAILY_STEPS
            : READINGS.get(r.metric());
    Observation o = observation(code, r, r.statistic());
    o.setValue(quantity(r.value(), code));
    return o;
  }

  private Observation bloodPressure(Point.BloodPressure bp) {
    Observation o = observation(BLOOD_PRESSURE, bp, bp.statistic());
    o.addComponent().setCode(concept(SYSTOLIC)).setValue(quantity(bp.systolic(), SYSTOLIC));
    o.addComponent().setCode(concept(DIASTOLIC)).setValue(quantity(bp.diastolic(), DIASTOLIC));
    return o;
  }

  private Observation sleep(Point.SleepEpisode s) {
    Observation o = observation(SLEEP, s, null);
    o.setValue(quantity(s.asleepMinutes(), SLEEP));
    if (!s.main()) {
      o.addNote().setText("Not the night's main sleep (a nap, or another source's night)");
    }
    return o;
  }

  private Observation activity(Point.Activity a) {
    Observation o = observation(EXERCISE, a, null);
    double minutes =
        (a.end().toInstant().toEpochMilli() - a.start().toInstant().toEpochMilli()) / 60_000.0;
    o.setValue(quantity(minutes, EXERCISE));
    o.addComponent().setCode(concept(EXERCISE_ACTIVITY)).setValue(new StringType(a.activity()));
    return o;
  }

  /** What every Observation has: status, category, code, subject, time and source. */
  private Observation observation(Code code, Point p, Statistic statistic) {
    Observation o = new Observation();
    o.setStatus(Observation.ObservationStatus.FINAL);
    boolean instant = p.start().toInstant().equals(p.end().toInstant());
    // R4's vital-signs invariant vs-1, as written, fails any Period in HAPI's validator (it only
    // accepts a dateTime), so a reading over a span keeps the code and category but not the claim.
    if (code.vitalSign() && instant) {
      o.getMeta().addProfile(PROFILES + code.profile());
    }
    String category = code.vitalSign() ? "vital-signs" : "activity";
    o.addCategory()
        .addCoding(new Coding(CATEGORIES, category, code.vitalSign() ? "Vital Signs" : "Activity"));
    o.setCode(concept(code));
    o.setSubject(new Reference("urn:uuid:" + patientId));
    if (instant) {
      o.setEffective(dateTime(p.start()));
    } else {
      o.setEffective(
          new Period().setStartElement(dateTime(p.start())).setEndElement(dateTime(p.end())));
    }
    // The source is a device or app with no resource of its own here: named, not referenced.
    o.setDevice(new Reference().setDisplay(p.source().key()));
    if (statistic != null) {
      o.addNote()
          .setText(
              (statistic == Statistic.SUM ? "Daily total" : "Daily mean of the primary readings")
                  + " merged by OpenVitals from your sources, mostly "
                  + p.source().key());
    }
    return o;
  }

  private static CodeableConcept concept(Code code) {
    return new CodeableConcept(new Coding(LOINC, code.loinc(), code.display()))
        .setText(code.display());
  }

  private static Quantity quantity(double value, Code code) {
    return new Quantity()
        .setValue(Decimals.rounded(value, 4))
        .setUnit(code.ucum())
        .setSystem(UCUM)
        .setCode(code.ucum());
  }

  /** To the second, with the offset the source wrote. */
  private static DateTimeType dateTime(OffsetDateTime at) {
    return new DateTimeType(
        Date.from(at.toInstant()),
        TemporalPrecisionEnum.SECOND,
        TimeZone.getTimeZone(at.getOffset()));
  }

  private void entry(String fullUrl, String resource) throws IOException {
    json.writeRaw('\n');
    json.writeStartObject();
    json.writeStringField("fullUrl", fullUrl);
    json.writeFieldName("resource");
    json.writeRawValue(resource);
    json.writeEndObject();
  }
}
