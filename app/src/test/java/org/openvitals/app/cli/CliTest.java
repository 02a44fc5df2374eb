package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.export.SampleExporter;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * Runs the command line as a user would, on a fresh data folder, and checks output and exit codes.
 */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String END = "2026-06-14";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
    all.addAll(List.of(args));
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private Run demo(int days) {
    Run demo = run("demo", "--days", Integer.toString(days), "--seed", "5", "--end", END);
    assertThat(demo.code()).as(demo.err()).isZero();
    return demo;
  }

  /** What the generator wrote, per source, for the same options as {@link #demo}. */
  private List<Sample> generated(int days) {
    ZoneId zone;
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      zone =
          store.dayBoundaries() instanceof DayBoundaries.FixedZone(ZoneId fixed)
              ? fixed
              : ZoneId.systemDefault();
    }
    return SyntheticData.of(
            SyntheticData.Options.defaults()
                .withDays(days)
                .withSeed(5)
                .withEndDate(LocalDate.parse(END))
                .withZone(zone))
        .days()
        .flatMap(d -> d.samples().stream())
        .toList();
  }

  @Test
  void demoFillsTheStoreInBatchesAndSourcesListsEverySource() throws IOException {
    Run demo = demo(3);
    assertThat(demo.out()).contains("Wrote 3 days of demo data (2026-06-12 to 2026-06-14, seed 5)");
    assertThat(demo.err()).contains("Demo data: 3 of 3 days");

    Run sources = run("sources");
    assertThat(sources.code()).isZero();
    assertThat(sources.out())
        .contains("SOURCE", "DEVICE", "SAMPLES")
        .containsPattern("apple_health/Apple Watch +watch")
        .containsPattern("apple_health/iPhone +phone")
        .containsPattern("oura/Oura Ring +ring")
        .containsPattern("withings/Withings Body\\+ +scale")
        .containsPattern("cronometer/Cronometer +app");

    Map<String, Long> expected = new HashMap<>();
    generated(3).forEach(s -> expected.merge(s.source().key(), 1L, Long::sum));
    JsonNode json = JSON.readTree(run("sources", "--json").out());
    Map<String, Long> counted = new HashMap<>();
    for (JsonNode source : json) {
      counted.put(source.get("source").asText(), source.get("samples").asLong());
      assertThat(source.get("device_class").asText()).isNotEmpty();
      assertThat(source.get("first").asText()).startsWith("2026-06-1");
    }
    assertThat(counted).isEqualTo(expected);
  }

  @Test
  void demoTwiceAddsNothing() {
    demo(2);
    Run again = demo(2);

    assertThat(again.out()).contains(": 0 new, 0 updated,");
  }

  @Test
  void demoNeverMixesIntoAStoreWithRealData() {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      OffsetDateTime t = OffsetDateTime.parse("2026-06-01T07:00:00+02:00");
      store.upsert(
          List.of(Sample.of(MetricType.BODY_MASS, t, t, 81.2, new SourceRef("withings", "Body+"))));
    }

    Run demo = run("demo", "--days", "2", "--end", END);

    assertThat(demo.code()).isEqualTo(1);
    assertThat(demo.err())
        .isEqualToIgnoringNewLines(
            "openvitals: The store in "
                + dir
                + " already holds data that is not demo data;"
                + " demo data would mix with it, so choose an empty folder with --data-dir");
    assertThat(run("sources", "--json").out()).doesNotContain("Apple Watch");
  }

  @Test
  void summaryJsonHasOneObjectPerDayAndNeverCountsStepsTwice() throws IOException {
    demo(3);
    List<SyntheticData.Day> days =
        SyntheticData.of(
                SyntheticData.Options.defaults()
                    .withDays(3)
                    .withSeed(5)
                    .withEndDate(LocalDate.parse(END))
                    .withZone(zone()))
            .days()
            .toList();

    Run summary =
        run("summary", "--metric", "steps", "--from", "2026-06-12", "--to", END, "--json");

    assertThat(summary.code()).as(summary.err()).isZero();
    JsonNode rows = JSON.readTree(summary.out());
    assertThat(rows).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode row = rows.get(i);
      SyntheticData.Day day = days.get(i);
      assertThat(row.get("date").asText()).isEqualTo(day.date().toString());
      assertThat(row.get("metric").asText()).isEqualTo("steps");
      assertThat(row.get("unit").asText()).isEqualTo("{count}");
      assertThat(row.get("sources")).isNotEmpty();
      assertThat(row.get("sources").get(0).asText()).isEqualTo("apple_health/Apple Watch");
      long watch = total(day, SyntheticData.APPLE_WATCH);
      long phone = total(day, SyntheticData.IPHONE);
      // At least what the watch saw, at most what really happened: never watch + phone.
      assertThat(row.get("value").asLong()).isBetween(watch, day.truth().steps());
      assertThat(day.truth().steps()).isLessThan(watch + phone);
    }
  }

  @Test
  void summaryOfReadingsIsTheirMeanInTheCanonicalUnit() throws IOException {
    demo(3);

    JsonNode rows =
        JSON.readTree(
            run("summary", "--metric", "heart_rate", "--from", "2026-06-12", "--to", END, "--json")
                .out());

    assertThat(rows).hasSize(3);
    for (JsonNode row : rows) {
      assertThat(row.get("unit").asText()).isEqualTo("/min");
      assertThat(row.get("value").asDouble()).isBetween(45.0, 110.0);
    }
  }

  @Test
  void summaryAsATableAndForDaysWithoutData() {
    demo(2);

    Run table = run("summary", "--metric", "body_mass", "--from", "2026-06-13", "--to", END);
    Run empty = run("summary", "--metric", "blood_glucose", "--from", "2026-06-13", "--to", END);

    assertThat(table.code()).isZero();
    assertThat(table.out()).startsWith("DATE").contains("BODY_MASS", "kg");
    assertThat(empty.code()).isZero();
    assertThat(empty.out())
        .isEqualTo("No blood_glucose data from 2026-06-13 to 2026-06-14." + System.lineSeparator());
  }

  @Test
  void exportCsvAndJsonHoldEveryLiveSample() throws IOException {
    demo(2);
    long stored = generated(2).size();
    Path csv = dir.resolve("out.csv");
    Path json = dir.resolve("out.json");

    Run csvRun = run("export", "--format", "csv", "--out", csv.toString());
    Run jsonRun = run("export", "--format", "json", "--out", json.toString());

    assertThat(csvRun.code()).as(csvRun.err()).isZero();
    assertThat(csvRun.out()).contains(String.format("Exported %,d samples to %s", stored, csv));
    assertThat(jsonRun.code()).as(jsonRun.err()).isZero();

    long rows = 0;
    try (Reader reader = Files.newBufferedReader(csv);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      assertThat(parser.getHeaderNames()).isEqualTo(SampleExporter.FIELDS);
      for (CSVRecord record : parser) {
        rows++;
        MetricType type = MetricType.fromId(record.get("metric"));
        assertThat(record.get("unit")).isEqualTo(type.unit());
        Double.parseDouble(record.get("value"));
      }
    }
    assertThat(rows).isEqualTo(stored);

    long objects = 0;
    try (JsonParser parser = JSON.getFactory().createParser(json.toFile())) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        JsonNode sample = JSON.readTree(parser);
        assertThat(sample.fieldNames())
            .toIterable()
            .containsExactlyElementsOf(SampleExporter.FIELDS);
        objects++;
      }
    }
    assertThat(objects).isEqualTo(stored);
    assertThat(dir).isDirectoryNotContaining("glob:**.part");
  }

  @Test
  void exportToAnUnwritablePlaceFailsWithOneSentence() throws IOException {
    demo(1);
    Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");

    Run run = run("export", "--format", "csv", "--out", notAFolder.resolve("out.csv").toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("openvitals: Cannot write " + notAFolder.resolve("out.csv"));
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void doctorReportsAHealthyStore() throws IOException {
    demo(1);

    Run doctor = run("doctor");
    JsonNode json = JSON.readTree(run("doctor", "--json").out());

    assertThat(doctor.code()).as(doctor.err()).isZero();
    assertThat(doctor.out())
        .contains("Engine:", "sqlite", "Schema version:", "Integrity:", "ok", dir.toString());
    assertThat(json.get("healthy").asBoolean()).isTrue();
    assertThat(json.get("live_samples").asLong()).isEqualTo(generated(1).size());
    assertThat(json.get("integrity").asText()).isEqualTo("ok");
  }

  @Test
  void doctorOnAFolderWithNoStoreYetSaysSoAndCreatesNothing() throws IOException {
    Run doctor = run("doctor");
    JsonNode json = JSON.readTree(run("doctor", "--json").out());

    String sentence =
        "There is no OpenVitals store in "
            + dir
            + " yet; import data or run 'openvitals demo' to create one.";
    assertThat(doctor.code()).as(doctor.err()).isZero();
    assertThat(doctor.err()).isEmpty();
    assertThat(doctor.out()).containsPattern("Store: +none yet").contains(sentence);
    assertThat(json.get("store").asText()).isEqualTo("none yet");
    assertThat(json.get("note").asText()).isEqualTo(sentence);
    assertThat(json.get("healthy").asBoolean()).isTrue();
    assertThat(json.has("engine")).isFalse();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void doctorOnAFolderNotMadeYetLeavesItUnmade() throws IOException {
    Path notYet = dir.resolve("not-yet");
    StringWriter out = new StringWriter();

    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "--data-dir",
            notYet.toString(),
            "doctor",
            "--json");

    assertThat(code).isZero();
    assertThat(JSON.readTree(out.toString()).get("data_folder_writable").asBoolean()).isTrue();
    assertThat(notYet).doesNotExist();
  }

  @Test
  void theEngineAStoreWasCreatedWithIsReopenedWithoutSayingSoAgain() throws IOException {
    Run demo = run("--engine", "h2", "demo", "--days", "1", "--end", END);
    assertThat(demo.code()).as(demo.err()).isZero();

    JsonNode doctor = JSON.readTree(run("doctor", "--json").out());

    assertThat(doctor.get("engine").asText()).startsWith("h2");
    assertThat(doctor.get("live_samples").asLong()).isPositive();
  }

  @Test
  void anUnknownMetricIsAUsageErrorNamingIt() {
    Run run = run("summary", "--metric", "stepz", "--from", "2026-06-01", "--to", END);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("openvitals: ")
        .contains("unknown metric 'stepz'", "openvitals metrics")
        .hasLineCount(1);
  }

  @Test
  void aBadDateIsAUsageErrorSayingHowToWriteIt() {
    Run run = run("summary", "--metric", "steps", "--from", "2026-02-30", "--to", END);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("'2026-02-30' is not a date", "YYYY-MM-DD").hasLineCount(1);
  }

  @Test
  void fromAfterToIsAnError() {
    Run run = run("summary", "--metric", "steps", "--from", END, "--to", "2026-06-01");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualToIgnoringNewLines("openvitals: --from 2026-06-14 is after --to 2026-06-01");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Run run = run("frobnicate");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("unknown command or option 'frobnicate'").hasLineCount(1);
  }

  @Test
  void metricsListsTheWholeCatalog() throws IOException {
    Run table = run("metrics");
    JsonNode json = JSON.readTree(run("metrics", "--json").out());

    assertThat(table.code()).isZero();
    assertThat(json).hasSize(MetricType.values().length);
    for (MetricType m : MetricType.values()) {
      assertThat(table.out())
          .containsPattern("(?m)^" + m.id() + " +" + java.util.regex.Pattern.quote(m.unit()) + " ");
    }
    JsonNode steps = json.get(0);
    assertThat(steps.get("id").asText()).isEqualTo("steps");
    assertThat(steps.get("unit").asText()).isEqualTo("{count}");
    assertThat(steps.get("category").asText()).isEqualTo("activity");
    assertThat(steps.get("aggregation").asText()).isEqualTo("cumulative");
  }

  private ZoneId zone() {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      return store.dayBoundaries() instanceof DayBoundaries.FixedZone(ZoneId fixed)
          ? fixed
          : ZoneId.systemDefault();
    }
  }

  private static long total(SyntheticData.Day day, SourceRef source) {
    return day.samples().stream()
        .filter(s -> s.type() == MetricType.STEPS && s.source().equals(source))
        .mapToLong(s -> (long) s.value())
        .sum();
  }
}
