package org.openvitals.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMappingTest {
  @TempDir Path dir;

  @Test
  void roundTripsThroughItsJsonFile() throws Exception {
    CsvMapping mapping =
        new CsvMapping(
            "Omron Connect",
            "Europe/Berlin",
            ";",
            "windows-1252",
            true,
            new CsvMapping.Timestamp("Datum", "dd.MM.yyyy", "Uhrzeit", "PT1H"),
            List.of(
                new CsvMapping.MetricColumn("Gewicht (kg)", "body_mass", "kg", null),
                new CsvMapping.MetricColumn("Blutdruck", "blood_pressure", "mmHg", "Omron M500")));
    Path file = dir.resolve("mapping.json");

    mapping.write(file);

    assertThat(CsvMapping.read(file)).isEqualTo(mapping);
    assertThat(Files.readString(file))
        .contains("\"metric\" : \"body_mass\"")
        .doesNotContain("null");
  }

  @Test
  void readsTheMinimalFormTheReadmeShows() throws Exception {
    Path file = dir.resolve("m.json");
    Files.writeString(
        file,
        """
        {"timestamp": {"column": "Date"},
         "metrics": [{"column": "Steps", "metric": "steps"}]}
        """);

    CsvMapping mapping = CsvMapping.read(file);

    assertThat(mapping.timestamp().column()).isEqualTo("Date");
    assertThat(mapping.metrics())
        .containsExactly(new CsvMapping.MetricColumn("Steps", "steps", null, null));
  }

  private IOException invalid(String json) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, json);
    try {
      CsvMapping.read(file);
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("accepted " + json);
  }

  @Test
  void mistakesAreNamed() throws Exception {
    assertThat(invalid("{\"metrics\": [{\"column\": \"S\", \"metric\": \"steps\"}]}"))
        .hasMessageContaining("'timestamp.column' is required");
    assertThat(
            invalid(
                "{\"timestamp\": {\"column\": \"D\"}, \"metrics\": [{\"column\": \"S\", \"metric\": \"stepz\"}]}"))
        .hasMessageContaining("column 'S': unknown metric 'stepz'");
    assertThat(
            invalid(
                "{\"timestamp\": {\"column\": \"D\"}, \"zone\": \"Mars/Olympus\", \"metrics\": [{\"column\": \"S\", \"metric\": \"steps\"}]}"))
        .hasMessageContaining("'zone' 'Mars/Olympus' is not a time zone");
    assertThat(invalid("{\"timestamp\": {\"column\": \"D\"}, \"metric\": []}"))
        .hasMessageContaining("is not valid")
        .hasMessageContaining("metric");
    assertThat(
            invalid(
                "{\"timestamp\": {\"column\": \"D\"}, \"metrics\": [{\"column\": \"S\", \"metric\": \"steps\"}"))
        .hasMessageContaining("is not valid")
        .hasMessageContaining("line");
  }

  @Test
  void templateOfAnUnsureInferenceIsAValidStartingPoint() {
    assertThatThrownBy(() ->
            MappingInference.infer(
                "x.csv",
                List.of("Datum", "Gewicht", "Kalorien", "Schritte"),
                List.of(List.of("01.02.2024", "80", "2000", "9000"))))
        .isInstanceOf(MappingInference.UnsureException.class)
        .hasMessageContaining("column 'Gewicht' has no unit in its header")
        .hasMessageContaining("column 'Kalorien' could be dietary_energy or active_energy")
        .satisfies(e -> {
          CsvMapping template = ((MappingInference.UnsureException) e).template();
          assertThat(template.timestamp().column()).isEqualTo("Datum");
          assertThat(template.metrics()).hasSize(3);
        });
  }

  @Test
  void infersEnglishAndGermanHeadersWithTheirUnits() throws Exception {
    CsvMapping mapping =
        MappingInference.infer(
            "x.csv",
            List.of(
                "Date",
                "Time",
                "Weight (lb)",
                "Herzfrequenz",
                "Energy (kcal)",
                "Körperfett %",
                "Notes"),
            List.of(List.of("2024-02-01", "07:00", "180", "61", "2100", "21", "ok")));

    assertThat(mapping.timestamp()).isEqualTo(new CsvMapping.Timestamp("Date", null, "Time", null));
    assertThat(mapping.metrics())
        .containsExactly(
            new CsvMapping.MetricColumn("Weight (lb)", "body_mass", "lb", null),
            new CsvMapping.MetricColumn("Herzfrequenz", "heart_rate", "/min", null),
            new CsvMapping.MetricColumn("Energy (kcal)", "dietary_energy", "kcal", null),
            new CsvMapping.MetricColumn("Körperfett %", "body_fat_percentage", "%", null));
  }

  @Test
  void findsADateColumnByItsValuesWhenTheHeaderSaysNothing() throws Exception {
    CsvMapping mapping =
        MappingInference.infer(
            "x.csv", List.of("When", "Steps"), List.of(List.of("2024-02-01 07:00", "5000")));

    assertThat(mapping.timestamp().column()).isEqualTo("When");
  }
}
