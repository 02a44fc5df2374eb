package org.openvitals.connectors.googlefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.FolderImport;
import org.openvitals.connectors.files.FolderImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.Fixtures;
import org.openvitals.core.time.DayBoundaries;

/**
 * Google Fit's Takeout: the real aggregate CSV from the fixtures, and a Takeout/Fit folder written
 * to the layout the fixtures' NOTES.md describes (test resources googlefit/README.md).
 */
class GoogleFitImporterTest {
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final Path REAL_DAILY =
      Fixtures.path("google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv");

  @TempDir Path dir;

  private static Path takeout() throws Exception {
    return Path.of(GoogleFitImporterTest.class.getResource("/googlefit/Takeout").toURI());
  }

  private static List<Sample> of(MemoryStore store, MetricType type, SourceRef source) {
    return store.of(type).stream().filter(s -> s.source().equals(source)).toList();
  }

  private static FolderImport.Result importFolder(Path folder, SampleStore store) throws Exception {
    return FolderImport.run(
        folder,
        store,
        ImportListener.NONE,
        List.of(new GoogleFitImporter(KOLKATA), new FolderImporter()));
  }

  @Test
  void theRealDailyMetricsNeedNoMappingFile() throws Exception {
    MemoryStore store = new MemoryStore();
    GoogleFitImporter importer = new GoogleFitImporter(KOLKATA);

    assertThat(importer.canRead(REAL_DAILY)).isTrue();
    ImportReport report = importer.importFile(REAL_DAILY, store, ImportListener.NONE);

    assertThat(report.read()).isEqualTo(1053);
    assertThat(report.rejected().count()).isZero();
    assertThat(store.of(MetricType.STEPS)).hasSize(1029);
    assertThat(store.of(MetricType.BODY_MASS)).hasSize(21);
    assertThat(store.of(MetricType.HEART_RATE)).hasSize(7);
    Sample day =
        store.of(MetricType.STEPS).stream()
            .filter(s -> s.start().toLocalDate().toString().equals("2020-04-14"))
            .findFirst()
            .orElseThrow();
    assertThat(day.value()).isEqualTo(12586);
    assertThat(day.start()).hasToString("2020-04-14T00:00+05:30");
    assertThat(day.end()).hasToString("2020-04-15T00:00+05:30");
    assertThat(day.source()).isEqualTo(GoogleFitImporter.DAILY);
    // Calories are total energy (with the resting part): kept as another type, not active energy.
    assertThat(store.of(MetricType.ACTIVE_ENERGY)).isEmpty();
    assertThat(report.other()).containsEntry("Calories (kcal)", 1051L);
    assertThat(report.other()).containsKeys("Heart Points", "Walking duration (ms)");
    // Every column of the file is somewhere: a metric or another type.
    assertThat(report.unmapped()).isEmpty();
  }

  @Test
  void aTakeoutFitFolderIsOneImportOfEveryKindOfFile() throws Exception {
    MemoryStore store = new MemoryStore();

    FolderImport.Result result = importFolder(takeout(), store);

    assertThat(result.skipped()).isEmpty();
    assertThat(result.failed()).isEmpty();
    assertThat(result.imported()).hasSize(9).allMatch(r -> r.format().equals("google_fit"));

    // Daily totals: a local day in the given zone.
    assertThat(of(store, MetricType.STEPS, GoogleFitImporter.DAILY))
        .extracting(s -> s.start().toString(), Sample::value)
        .containsExactly(
            tuple("2025-01-28T00:00+05:30", 1102.0), tuple("2025-01-29T00:00+05:30", 1458.0));
    assertThat(of(store, MetricType.MOVE_TIME, GoogleFitImporter.DAILY)).hasSize(2);
    assertThat(of(store, MetricType.BODY_MASS, GoogleFitImporter.DAILY))
        .extracting(Sample::value)
        .containsExactly(71.2);

    // Per-day buckets: date from the file name, times with their offset; midnight ends the day.
    assertThat(of(store, MetricType.STEPS, GoogleFitImporter.FIT))
        .extracting(s -> s.start().toString(), s -> s.end().toString(), Sample::value)
        .containsExactly(
            tuple("2025-01-29T20:15+05:30", "2025-01-29T20:30+05:30", 612.0),
            tuple("2025-01-29T20:30+05:30", "2025-01-29T20:45+05:30", 846.0));
    assertThat(store.others())
        .filteredOn(
            o -> o.source().equals(GoogleFitImporter.FIT) && o.type().equals("Calories (kcal)"))
        .extracting(o -> o.end().toString())
        .contains("2025-01-30T00:00+05:30");

    // All Data: each data source its own source, nanosecond times.
    SourceRef weightSource =
        new SourceRef(
            "google_fit", "derived:com.google.weight:com.google.android.gms:merge_weight");
    Sample weight = of(store, MetricType.BODY_MASS, weightSource).getFirst();
    assertThat(weight.value()).isEqualTo(71.2);
    assertThat(weight.start().toInstant().toString()).isEqualTo("2025-01-29T13:40:00Z");
    assertThat(weight.metadata())
        .containsEntry(
            "origin_data_source",
            "raw:com.google.weight:com.google.android.apps.fitness:user_input");
    SourceRef stepSource =
        new SourceRef(
            "google_fit",
            "derived:com.google.step_count.delta:com.google.android.gms:estimated_steps");
    assertThat(of(store, MetricType.STEPS, stepSource))
        .extracting(Sample::value)
        .containsExactly(612.0, 846.0);
    assertThat(store.of(MetricType.BLOOD_PRESSURE_SYSTOLIC))
        .extracting(Sample::value)
        .containsExactly(122.0);
    assertThat(store.of(MetricType.BLOOD_PRESSURE_DIASTOLIC))
        .extracting(Sample::value)
        .containsExactly(79.0);
    assertThat(store.others())
        .filteredOn(o -> o.type().equals("com.google.calories.expended"))
        .extracting(OtherSample::value)
        .containsExactly("71.43250274658203");

    // The session and its TCX recording: the local offset from the file names.
    Sample session = of(store, MetricType.WORKOUT, GoogleFitImporter.FIT).getFirst();
    // AssertJ compares OffsetDateTimes by instant; the text checks the offset too.
    assertThat(session.start()).hasToString("2025-01-29T20:23:54.103+05:30");
    assertThat(session.end()).hasToString("2025-01-29T20:40:08.685+05:30");
    assertThat(session.metadata())
        .containsEntry("activity_type", "walking")
        .containsEntry("distance_m", "1033.4")
        .containsEntry("energy_kcal", "71.4")
        .containsEntry("steps", "1458")
        .containsEntry("heart_minutes", "16");
    Sample recording = of(store, MetricType.WORKOUT, GoogleFitImporter.TCX).getFirst();
    assertThat(recording.start()).hasToString(session.start().toString());
    assertThat(recording.metadata()).containsEntry("activity_type", "Walking");
  }

  @Test
  void theSessionAndItsRecordingAreOneWorkoutAndTheFolderTwiceChangesNothing() throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir.resolve("data")))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(KOLKATA));
      FolderImport.Result first = importFolder(takeout(), store);
      FolderImport.Result again = importFolder(takeout(), store);

      assertThat(first.stored()).isPositive();
      assertThat(again.stored()).isZero();
      assertThat(again.updated()).isZero();
      assertThat(again.duplicates()).isEqualTo(first.stored());

      LocalDate day = LocalDate.of(2025, 1, 29);
      var workouts = new RulesService(store, Clock.systemUTC()).daily(MetricType.WORKOUT, day, day);
      assertThat(workouts).hasSize(1);
      assertThat(workouts.getFirst().count()).isEqualTo(1);
      // Steps from the daily file, the buckets and the data points are not added up.
      var steps = new RulesService(store, Clock.systemUTC()).daily(MetricType.STEPS, day, day);
      assertThat(steps.getFirst().value()).isCloseTo(1458.0, within(1e-6));
    }
  }

  @Test
  void aTakeoutWithFitbitAndGoogleFitImportsBoth() throws Exception {
    Path both = dir.resolve("Takeout");
    copyTree(takeout(), both);
    copyTree(Path.of(GoogleFitImporterTest.class.getResource("/fitbit/Takeout").toURI()), both);
    assertThat(FileImporters.detect(both).orElseThrow().id()).isEqualTo("folder");

    MemoryStore store = new MemoryStore();
    ImportReport report = new FolderImporter().importFile(both, store, ImportListener.NONE);

    assertThat(report.details().keySet())
        .anySatisfy(k -> assertThat(k).isEqualTo("imported: Fitbit (fitbit_takeout)"))
        .anySatisfy(k -> assertThat(k).startsWith("imported: Fit").endsWith("(google_fit)"));
    assertThat(store.of(MetricType.STEPS).stream().map(s -> s.source().provider()).distinct())
        .contains("fitbit")
        .anySatisfy(provider -> assertThat(provider).isNotEqualTo("fitbit"));
  }

  @Test
  void aTakeoutZipWithFitbitAndGoogleFitImportsBothInOneReport() throws Exception {
    Path zip = dir.resolve("takeout-20250130T000000Z-001.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (Path root :
          List.of(
              takeout(),
              Path.of(GoogleFitImporterTest.class.getResource("/fitbit/Takeout").toURI()))) {
        try (var walk = Files.walk(root)) {
          for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
            out.putNextEntry(new java.util.zip.ZipEntry("Takeout/" + root.relativize(p)));
            Files.copy(p, out);
            out.closeEntry();
          }
        }
      }
    }
    FileImporter detected = FileImporters.detect(zip).orElseThrow();
    assertThat(detected.id()).isEqualTo("folder");

    MemoryStore store = new MemoryStore();
    ImportReport report = detected.importFile(zip, store, ImportListener.NONE);

    assertThat(report.file()).isEqualTo(zip.toString());
    assertThat(report.details().keySet())
        .anySatisfy(k -> assertThat(k).isEqualTo("imported: Takeout/Fitbit (fitbit_takeout)"))
        .anySatisfy(
            k -> assertThat(k).startsWith("imported: Takeout/Fit").endsWith("(google_fit)"));
    assertThat(store.of(MetricType.STEPS).stream().map(s -> s.source().provider()).distinct())
        .contains("fitbit")
        .anySatisfy(provider -> assertThat(provider).isNotEqualTo("fitbit"));
    // The Fitbit part read whole: its Profile.csv (New York) sets the night's local times.
    assertThat(store.of(MetricType.WORKOUT))
        .filteredOn(w -> w.source().provider().equals("fitbit"))
        .singleElement()
        .satisfies(w -> assertThat(w.device()).isEqualTo("Charge 4"));
    assertThat(store.of(MetricType.SLEEP_IN_BED))
        .filteredOn(w -> w.source().provider().equals("fitbit"))
        .singleElement()
        .satisfies(w -> assertThat(w.start().getOffset()).hasToString("-05:00"));
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void detectionTakesGoogleFitFilesAndLeavesOthers() throws Exception {
    Path fit = takeout().resolve("Fit");
    assertThat(
            FileImporters.detect(
                    fit.resolve("All Data/derived_com.google.weight_com.google.an.json"))
                .orElseThrow()
                .id())
        .isEqualTo("google_fit");
    assertThat(
            FileImporters.detect(
                    fit.resolve(
                        "Activities/2025-01-29T20_23_54.103+05_30_PT16M14.582S_Walking.tcx"))
                .orElseThrow()
                .id())
        .isEqualTo("google_fit");
    assertThat(FileImporters.detect(REAL_DAILY).orElseThrow().id()).isEqualTo("google_fit");
    assertThat(FileImporters.detect(takeout()).orElseThrow().id()).isEqualTo("google_fit");

    Path moved =
        Files.copy(
            fit.resolve("All Sessions/2025-01-29T20_23_54.103+05_30_WALKING.json"),
            dir.resolve("walk.json"));
    assertThat(new GoogleFitImporter().canRead(moved)).isTrue();
    Path other = Files.writeString(dir.resolve("x.json"), "{\"steps\": 3}");
    Path csv = Files.writeString(dir.resolve("weights.csv"), "Date,Weight (kg)\n2024-01-01,70\n");
    Path elsewhere = Files.createDirectories(dir.resolve("profit/All Data"));
    Path lookalike = Files.writeString(elsewhere.resolve("a.json"), "{\"a\": 1}");
    assertThat(new GoogleFitImporter().canRead(other)).isFalse();
    assertThat(new GoogleFitImporter().canRead(csv)).isFalse();
    assertThat(new GoogleFitImporter().canRead(lookalike)).isFalse();
  }

  @Test
  void aBadDataPointIsNamedAndSkippedABrokenFileKeepsWhatCameBefore() throws Exception {
    Path allData = Files.createDirectories(dir.resolve("Takeout/Fit/All Data"));
    String good =
        Files.readString(
            takeout()
                .resolve("Fit/All Data/derived_com.google.step_count.delta_com.google.an.json"));
    Files.writeString(
        allData.resolve("steps.json"),
        good.replaceFirst(
            "\"startTimeNanos\": 1738162800000000000", "\"startTimeNanos\": \"soon\""));
    MemoryStore store = new MemoryStore();

    ImportReport report =
        new GoogleFitImporter(KOLKATA)
            .importFile(allData.resolve("steps.json"), store, ImportListener.NONE);

    assertThat(report.rejected().reasons())
        .containsExactly(
            "steps.json data point 2: times 'soon', '1738163700000000000' are not nanoseconds since 1970");
    assertThat(store.of(MetricType.STEPS)).hasSize(1);

    Path cut = allData.resolve("cut.json");
    Files.writeString(cut, good.substring(0, good.indexOf("\"intVal\": 846")));
    MemoryStore second = new MemoryStore();
    assertThatThrownBy(
            () -> new GoogleFitImporter(KOLKATA).importFile(cut, second, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("cut.json, cut.json line ")
        .hasMessageContaining("not valid JSON");
    assertThat(second.of(MetricType.STEPS)).hasSize(1);
  }

  @Test
  void aTakeoutZipIsReadWhole() throws Exception {
    Path zip = dir.resolve("takeout-20250130T000000Z-001.zip");
    Path root = takeout().getParent();
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(root.resolve("Takeout"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
        out.putNextEntry(
            new java.util.zip.ZipEntry(root.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    MemoryStore fromZip = new MemoryStore();
    MemoryStore fromFolder = new MemoryStore();

    assertThat(FileImporters.detect(zip).orElseThrow().id()).isEqualTo("google_fit");
    new GoogleFitImporter(KOLKATA).importFile(zip, fromZip, ImportListener.NONE);
    importFolder(takeout(), fromFolder);

    assertThat(fromZip.all()).containsExactlyInAnyOrderElementsOf(fromFolder.all());
    assertThat(fromZip.others()).containsExactlyInAnyOrderElementsOf(fromFolder.others());
  }

  @Test
  void aColumnKeptAsAnotherTypeBecomesASampleOnceMapped() {
    OffsetDateTime day = OffsetDateTime.parse("2025-01-29T00:00+05:30");
    GoogleFitImporter importer = new GoogleFitImporter(KOLKATA);
    OtherSample steps =
        new OtherSample(
            "Step count",
            null,
            day,
            day.plusDays(1),
            "1458",
            GoogleFitImporter.DAILY,
            null,
            "2025-01-29T00:00/Step count",
            null);
    OtherSample calories =
        new OtherSample(
            "Calories (kcal)",
            "kcal",
            day,
            day.plusDays(1),
            "1720",
            GoogleFitImporter.DAILY,
            null,
            null,
            null);
    OtherSample elsewhere =
        new OtherSample(
            "Step count",
            null,
            day,
            day.plusDays(1),
            "1458",
            new SourceRef("csv", "x"),
            null,
            null,
            null);

    Sample promoted = importer.promote(steps).orElseThrow();

    assertThat(promoted.type()).isEqualTo(MetricType.STEPS);
    assertThat(promoted.value()).isEqualTo(1458.0);
    assertThat(promoted.externalId()).isEqualTo("2025-01-29T00:00/Step count");
    assertThat(importer.promote(calories)).isEmpty();
    assertThat(importer.promote(elsewhere)).isEmpty();
  }
}
