package org.openvitals.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

class SampleExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-03-10T07:15:00+01:00");

  private static final Sample WORKOUT =
      new Sample(
          MetricType.WORKOUT,
          MORNING,
          MORNING.plusMinutes(42),
          42.5,
          new SourceRef("apple_health", "Anna's \"Apple\" Watch, 2"),
          "Watch7,1\nrev B",
          "6E3B0C5A-0000-4000-8000-000000000001",
          Map.of("activity", "running", "note", "hills, \"steep\""));
  private static final Sample WEIGHT =
      Sample.of(
          MetricType.BODY_MASS,
          MORNING.withOffsetSameInstant(java.time.ZoneOffset.ofHours(-5)),
          MORNING.withOffsetSameInstant(java.time.ZoneOffset.ofHours(-5)),
          80.15,
          new SourceRef("withings", "Body+"));

  @TempDir Path dir;
  private SampleStore store;

  @BeforeEach
  void open() {
    store = Stores.open(StoreConfig.sqlite(dir.resolve("data")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void csvHoldsEveryFieldOfEverySampleWithTheOriginalOffsets() throws IOException {
    store.upsert(List.of(WORKOUT, WEIGHT));
    Path file = dir.resolve("samples.csv");

    long count = SampleExporter.export(store, ExportFormat.CSV, file, n -> {});

    assertThat(count).isEqualTo(2);
    List<CSVRecord> records = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      assertThat(parser.getHeaderNames()).isEqualTo(SampleExporter.FIELDS);
      parser.forEach(records::add);
    }
    assertThat(records).hasSize(2);
    CSVRecord weight = find(records, "body_mass");
    assertThat(weight.get("start")).isEqualTo("2026-03-10T01:15:00-05:00");
    assertThat(weight.get("value")).isEqualTo("80.15");
    assertThat(weight.get("unit")).isEqualTo("kg");
    assertThat(weight.get("device")).isEmpty();
    assertThat(weight.get("metadata")).isEmpty();

    CSVRecord workout = find(records, "workout");
    assertThat(workout.get("start")).isEqualTo("2026-03-10T07:15:00+01:00");
    assertThat(workout.get("end")).isEqualTo("2026-03-10T07:57:00+01:00");
    assertThat(workout.get("value")).isEqualTo("42.5");
    assertThat(workout.get("source")).isEqualTo("Anna's \"Apple\" Watch, 2");
    assertThat(workout.get("device")).isEqualTo("Watch7,1\nrev B");
    assertThat(workout.get("external_id")).isEqualTo(WORKOUT.externalId());
    assertThat(JSON.readValue(workout.get("metadata"), new TypeReference<Map<String, String>>() {}))
        .isEqualTo(WORKOUT.metadata());
  }

  @Test
  void jsonIsAnArrayOfObjectsWithTheSameFields() throws IOException {
    store.upsert(List.of(WORKOUT, WEIGHT));
    Path file = dir.resolve("samples.json");

    assertThat(SampleExporter.export(store, ExportFormat.JSON, file, n -> {})).isEqualTo(2);

    JsonNode array = JSON.readTree(file.toFile());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(2);
    JsonNode workout =
        array.get(0).get("metric").asText().equals("workout") ? array.get(0) : array.get(1);
    assertThat(workout.fieldNames()).toIterable().containsExactlyElementsOf(SampleExporter.FIELDS);
    assertThat(workout.get("value").decimalValue()).isEqualByComparingTo("42.5");
    assertThat(workout.get("provider").asText()).isEqualTo("apple_health");
    assertThat(workout.get("metadata").get("note").asText()).isEqualTo("hills, \"steep\"");
    assertThat(Files.readAllLines(file)).hasSize(4); // [, one line per sample, ]
  }

  @Test
  void anEmptyStoreExportsAHeaderOrAnEmptyArray() throws IOException {
    Path csv = dir.resolve("empty.csv");
    Path json = dir.resolve("empty.json");

    assertThat(SampleExporter.export(store, ExportFormat.CSV, csv, n -> {})).isZero();
    assertThat(SampleExporter.export(store, ExportFormat.JSON, json, n -> {})).isZero();

    assertThat(Files.readString(csv).strip()).isEqualTo(String.join(",", SampleExporter.FIELDS));
    assertThat(JSON.readTree(json.toFile())).isEmpty();
  }

  @Test
  void aFailedExportNamesTheFileAndLeavesNothingBehind() throws IOException {
    store.upsert(List.of(WEIGHT));
    Path missing = dir.resolve("no-such-folder").resolve("out.csv");

    assertThatThrownBy(() -> SampleExporter.export(store, ExportFormat.CSV, missing, n -> {}))
        .isInstanceOf(ExportException.class)
        .hasMessage(
            "Cannot write " + missing + ": the folder " + missing.getParent() + " does not exist");
  }

  @Test
  void anExportThatFailsHalfWayKeepsTheOldFileAndRemovesThePartialOne() throws IOException {
    Path file = Files.writeString(dir.resolve("samples.csv"), "the previous export");
    store.upsert(List.of(WEIGHT));
    store.close();

    assertThatThrownBy(() -> SampleExporter.export(store, ExportFormat.CSV, file, n -> {}))
        .isInstanceOf(RuntimeException.class);

    assertThat(Files.readString(file)).isEqualTo("the previous export");
    assertThat(dir.resolve("samples.csv.part")).doesNotExist();
    store = Stores.open(StoreConfig.sqlite(dir.resolve("data")));
  }

  private static CSVRecord find(List<CSVRecord> records, String metric) {
    return records.stream().filter(r -> r.get("metric").equals(metric)).findFirst().orElseThrow();
  }
}
