package org.openvitals.connectors.export.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.connectors.export.Point;
import org.openvitals.connectors.export.Point.Statistic;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * What HAPI's validator (StandardExportTest) cannot see: times to the second with the source's
 * offset, values rounded as written, and the notes saying where a value comes from.
 */
class FhirWriterTest {
  private static final SourceRef WATCH = new SourceRef("apple_health", "Watch");

  @Test
  void writesTimesWithTheSourcesOffsetAndValuesAsStored() throws Exception {
    OffsetDateTime berlin = OffsetDateTime.parse("2026-02-20T10:00:00.750+01:00");
    OffsetDateTime utc = OffsetDateTime.parse("2026-02-20T09:00:00Z");
    OffsetDateTime delhi = OffsetDateTime.parse("2026-02-20T23:59:59+05:30");

    JsonNode bundle =
        write(
            new Point.Reading(MetricType.HEART_RATE, berlin, berlin, 61.25, WATCH, "x", null),
            new Point.Reading(MetricType.STEPS, utc, delhi, 12345, WATCH, null, Statistic.SUM),
            new Point.SleepEpisode(utc, delhi, 42, WATCH, false));

    assertThat(bundle.path("timestamp").asText()).isEqualTo("2026-03-01T12:00:00.000+00:00");
    JsonNode patient = bundle.at("/entry/0");
    assertThat(patient.at("/resource/resourceType").asText()).isEqualTo("Patient");
    assertThat(patient.path("fullUrl").asText())
        .isEqualTo("urn:uuid:" + patient.at("/resource/id").asText());

    JsonNode heartRate = bundle.at("/entry/1/resource");
    assertThat(heartRate.at("/meta/profile/0").asText())
        .isEqualTo("http://hl7.org/fhir/StructureDefinition/heartrate");
    assertThat(heartRate.path("effectiveDateTime").asText()).isEqualTo("2026-02-20T10:00:00+01:00");
    assertThat(heartRate.at("/valueQuantity/value").decimalValue()).isEqualByComparingTo("61.25");
    assertThat(heartRate.at("/valueQuantity/code").asText()).isEqualTo("/min");
    assertThat(heartRate.at("/subject/reference").asText())
        .isEqualTo(patient.path("fullUrl").asText());

    JsonNode steps = bundle.at("/entry/2/resource");
    assertThat(steps.at("/code/coding/0/code").asText()).isEqualTo("41950-7");
    assertThat(steps.at("/effectivePeriod/start").asText()).isEqualTo("2026-02-20T09:00:00+00:00");
    assertThat(steps.at("/effectivePeriod/end").asText()).isEqualTo("2026-02-20T23:59:59+05:30");
    assertThat(steps.at("/valueQuantity/value").asText()).isEqualTo("12345");
    assertThat(steps.at("/note/0/text").asText())
        .isEqualTo("Daily total merged by OpenVitals from your sources, mostly apple_health/Watch");

    JsonNode nap = bundle.at("/entry/3/resource");
    assertThat(nap.at("/note/0/text").asText()).startsWith("Not the night's main sleep");
    assertThat(nap.at("/device/display").asText()).isEqualTo("apple_health/Watch");
  }

  private static JsonNode write(Point... points) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FhirWriter writer = new FhirWriter(out, Instant.parse("2026-03-01T12:00:00Z"));
    writer.begin();
    for (Point p : List.of(points)) {
      writer.write(p);
    }
    writer.end();
    return new ObjectMapper().readTree(out.toByteArray());
  }
}
