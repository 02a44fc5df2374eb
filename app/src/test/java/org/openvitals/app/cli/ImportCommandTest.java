package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.Fixtures;

class ImportCommandTest {
  @TempDir Path temp;

  private record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void importsAnAppleHealthZipAndReportsJson() throws Exception {
    Path data = temp.resolve("data");
    String zip =
        Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip").toString();

    Run first = run("--data-dir", data.toString(), "import", zip, "--json");

    assertThat(first.exit()).as(first.err()).isZero();
    JsonNode j = first.json();
    assertThat(j.get("format").asText()).isEqualTo("apple_health");
    assertThat(j.get("read").asLong()).isEqualTo(8);
    assertThat(j.get("stored").asLong()).isEqualTo(8);
    assertThat(j.get("duplicates").asLong()).isZero();
    assertThat(j.get("rejected").get("count").asLong()).isZero();
    assertThat(j.get("rejected").get("reasons").isArray()).isTrue();
    assertThat(j.get("unmapped").isObject()).isTrue();
    assertThat(j.get("completed").asBoolean()).isTrue();
    try (SampleStore store = Stores.open(StoreConfig.sqlite(data))) {
      assertThat(
              store.samples(
                  MetricType.HEART_RATE, java.time.Instant.EPOCH, java.time.Instant.now()))
          .extracting(s -> s.value())
          .containsExactly(74.0, 75.0);
    }

    Run second = run("--data-dir", data.toString(), "import", zip, "--json");
    assertThat(second.json().get("stored").asLong()).isZero();
    assertThat(second.json().get("duplicates").asLong()).isEqualTo(8);
  }

  @Test
  void humanSummaryListsRejectsAndOtherTypesAndSourcesListThem() throws Exception {
    Path xml =
        Files.writeString(
            temp.resolve("export.xml"),
            """
            <HealthData locale="en_US">
             <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2024-01-01 08:00:00 +0000" endDate="2024-01-01 08:10:00 +0000" value="100"/>
             <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2024-01-01 09:00:00 +0000" endDate="2024-01-01 09:10:00 +0000" value="many"/>
             <Record type="HKCategoryTypeIdentifierOpenVitalsFutureEvent" sourceName="Breathe" startDate="2024-01-01 09:00:00 +0000" endDate="2024-01-01 09:10:00 +0000" value="HKCategoryValueNotApplicable"/>
            </HealthData>
            """);

    Run r = run("--data-dir", temp.resolve("data").toString(), "import", xml.toString());

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Imported export.xml (Apple Health export)")
        .containsPattern("read +3 records")
        .containsPattern("stored +1 new samples")
        .containsPattern("rejected +1")
        .contains(
            "export.xml line 3, column 2: Record HKQuantityTypeIdentifierStepCount: bad value 'many'")
        .contains("other (types not in the metric catalog yet, stored as written):")
        .containsPattern("HKCategoryTypeIdentifierOpenVitalsFutureEvent +1");

    Run sources = run("--data-dir", temp.resolve("data").toString(), "sources");
    assertThat(sources.out())
        .contains("Other: types not in the metric catalog yet, stored as written")
        .containsPattern(
            "apple_health/Breathe +HKCategoryTypeIdentifierOpenVitalsFutureEvent +- +1");
  }

  @Test
  void aFileThatCannotBeReadToItsEndExitsNonZeroWithTheReason() throws Exception {
    byte[] full =
        Files.readAllBytes(
            Fixtures.path("apple_health/jdecool_healthkit-parser/exporter_fr_FR_v8.xml"));
    Path cut = Files.write(temp.resolve("export.xml"), Arrays.copyOf(full, full.length - 600));

    Run r = run("--data-dir", temp.resolve("data").toString(), "import", cut.toString(), "--json");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("Import stopped:").contains("line ").contains("column ");
    assertThat(r.json().get("completed").asBoolean()).isFalse();
    assertThat(r.json().get("stored").asLong()).isGreaterThan(5);
    assertThat(r.json().get("error").asText()).contains("export.xml");
  }

  @Test
  void unknownFilesAndFormatsAreUsageErrors() throws Exception {
    Path txt = Files.writeString(temp.resolve("notes.dat"), "hello");
    Run unknown = run("--data-dir", temp.resolve("data").toString(), "import", txt.toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("cannot tell what").contains("apple_health");

    Run badFormat =
        run(
            "--data-dir",
            temp.resolve("data").toString(),
            "import",
            txt.toString(),
            "--format",
            "nope");
    assertThat(badFormat.exit()).isEqualTo(2);
    assertThat(badFormat.err()).contains("Unknown format 'nope'");

    Run missing = run("--data-dir", temp.resolve("data").toString(), "import", "/no/such/file.zip");
    assertThat(missing.exit()).isEqualTo(1);
  }

  @Test
  void aCsvFileTheHeaderLeavesOpenImportsWithAMappingFile() throws Exception {
    Path googleFit =
        Fixtures.path(
            "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv");
    Path data = temp.resolve("data");

    // Calories could be eaten or burnt: the header alone does not say.
    Path open =
        Files.writeString(
            temp.resolve("activity.csv"),
            "Date,Calories (kcal),Step count\n2024-01-01,2100,8000\n");
    Run inferred = run("--data-dir", data.toString(), "import", open.toString());
    assertThat(inferred.exit()).isEqualTo(1);
    assertThat(inferred.err()).contains("--mapping").contains("\"column\" : \"Step count\"");

    // A mapping file wins over the Google Fit preset that would otherwise read this file.

    Path mapping = temp.resolve("mapping.json");
    try (var json = getClass().getResourceAsStream("/csv/google_fit_daily.mapping.json")) {
      Files.copy(json, mapping);
    }
    String[] withMapping = {
      "--data-dir",
      data.toString(),
      "import",
      googleFit.toString(),
      "--mapping",
      mapping.toString(),
      "--json"
    };
    Run first = run(withMapping);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.json().get("format").asText()).isEqualTo("csv");
    assertThat(first.json().get("stored").asLong()).isGreaterThan(1029 + 21 + 7 + 1051);
    Run sources = run("--data-dir", data.toString(), "sources");
    assertThat(sources.out()).contains("Google Fit");
    Run again = run(withMapping);
    assertThat(again.json().get("stored").asLong()).isZero();

    Files.writeString(mapping, "{\"timestamp\": {}}");
    Run broken =
        run(
            "--data-dir",
            data.toString(),
            "import",
            googleFit.toString(),
            "--mapping",
            mapping.toString());
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains("mapping.json").contains("timestamp.column");

    Run wrongFormat =
        run(
            "--data-dir",
            data.toString(),
            "import",
            googleFit.toString(),
            "--mapping",
            mapping.toString(),
            "--format",
            "cronometer");
    assertThat(wrongFormat.exit()).isEqualTo(2);
  }

  @Test
  void aFolderImportsEveryFileInsideAndNamesWhatItSkipped() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("Takeout/Cronometer"));
    Files.copy(
        Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv"),
        folder.resolve("biometrics.csv"));
    Files.writeString(folder.resolve("readme.pdf"), "%PDF-1.4");
    Path data = temp.resolve("data");

    Run r = run("--data-dir", data.toString(), "import", temp.resolve("Takeout").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("No such file");
    assertThat(r.out())
        .contains("1 files imported, 1 skipped, 0 failed")
        .containsPattern("imported +Cronometer/biometrics.csv \\(cronometer\\): 127 read, 124 new")
        .contains("skipped   Cronometer/readme.pdf: no importer recognises it");

    Run json =
        run("--data-dir", data.toString(), "import", temp.resolve("Takeout").toString(), "--json");
    assertThat(json.json().get("stored").asLong()).isZero();
    assertThat(json.json().get("imported").get(0).get("duplicates").asLong()).isEqualTo(124);
  }

  @Test
  void googleFitAndWorkoutFilesAreRecognisedInAFolderAndAlone() throws Exception {
    String session = "2025-01-29T20_23_54.103+05_30_WALKING.json";
    String activity = "2025-01-29T20_23_54.103+05_30_PT16M14.582S_Walking.tcx";
    Path fit = temp.resolve("Takeout/Fit");
    copyResource(
        "/googlefit/Takeout/Fit/All Sessions/" + session, fit.resolve("All Sessions/" + session));
    copyResource(
        "/googlefit/Takeout/Fit/Activities/" + activity, fit.resolve("Activities/" + activity));
    copyResource("/workoutfiles/morning-run.gpx", temp.resolve("Takeout/Garmin/morning-run.gpx"));
    Path data = temp.resolve("data");

    Run r = run("--data-dir", data.toString(), "import", temp.resolve("Takeout").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("3 files imported, 0 skipped, 0 failed")
        .containsPattern(
            "imported +Fit/All Sessions/"
                + session.replace(".", "\\.").replace("+", "\\+")
                + " \\(google_fit\\): 1 read, 1 new")
        .containsPattern("imported +Garmin/morning-run\\.gpx \\(gpx\\): 4 read, 5 new");

    Run daily =
        run(
            "--data-dir",
            data.toString(),
            "import",
            Fixtures.path(
                    "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv")
                .toString(),
            "--json");
    assertThat(daily.exit()).as(daily.err()).isZero();
    assertThat(daily.json().get("format").asText()).isEqualTo("google_fit");
    assertThat(daily.json().get("stored").asLong()).isGreaterThan(1029 + 21 + 7);
  }

  private void copyResource(String name, Path to) throws Exception {
    Files.createDirectories(to.getParent());
    try (var in = getClass().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      Files.copy(in, to);
    }
  }
}
