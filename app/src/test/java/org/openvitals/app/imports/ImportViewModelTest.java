package org.openvitals.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.ManualExecutor;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.testing.Fixtures;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Import screen's logic with real files and a real SQLite store, no window. Imports run at once
 * on the test's thread, except in the tests of what happens while one runs (cancel, queue).
 */
class ImportViewModelTest {
  private static final Path APPLE_ZIP =
      Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip");

  @TempDir Path dir;
  private AppContext context;
  private ImportViewModel model;

  @BeforeEach
  void open() {
    context = open(TaskExecutor.immediate());
    model = new ImportViewModel(context);
  }

  private AppContext open(TaskExecutor executor) {
    return new AppContext(StoreConfig.sqlite(dir.resolve("data")), Clock.systemUTC(), executor);
  }

  /** Imports run in the background from here on, with results on the FX thread. */
  private void inTheBackground() throws Exception {
    FxToolkit.registerPrimaryStage();
    context.close();
    context = open(TaskExecutor.background());
    model = fx(() -> new ImportViewModel(context));
  }

  @AfterEach
  void close() {
    context.close();
  }

  private static <T> T fx(Callable<T> action) throws Exception {
    return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
  }

  /** Chooses {@code file} and waits for its detection (in the background tests). */
  private void chooseAndWait(Path file) throws Exception {
    var detect = fx(() -> model.choose(file));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !detect.isRunning()));
  }

  /** Imports the chosen file (at once) and returns its outcome. */
  private ImportViewModel.Outcome importNow() {
    int before = model.history().size();
    model.start();
    assertThat(model.history()).hasSize(before + 1);
    return model.history().getFirst();
  }

  private List<ImportViewModel.Outcome> awaitOutcomes(int count) throws Exception {
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> model.history().size() >= count && !model.runningProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
    return fx(() -> List.copyOf(model.history()));
  }

  private long storedSteps() {
    return context.store().samples(MetricType.STEPS, Instant.EPOCH, Instant.now()).size();
  }

  @Test
  void importsAnAppleHealthExportWithProgressAndAReport() throws Exception {
    model.choose(APPLE_ZIP);
    assertThat(model.formatProperty().get().id()).isEqualTo("apple_health");
    assertThat(model.detectionProperty().get()).isEqualTo("Detected: Apple Health export");
    List<ImportProgress> seen = new ArrayList<>();
    model.progressProperty().addListener((o, was, now) -> seen.add(now));
    long versionBefore = context.dataVersionProperty().get();

    ImportViewModel.Outcome outcome = importNow();

    assertThat(outcome.error()).isNull();
    ImportReport report = outcome.report();
    assertThat(report.read()).isEqualTo(8);
    assertThat(report.stored()).isEqualTo(8);
    assertThat(report.duplicates()).isZero();
    assertThat(report.cancelled()).isFalse();
    assertThat(outcome.headline())
        .startsWith("Imported export.zip as Apple Health export in ")
        .endsWith(": 8 new, 0 updated, 0 duplicates, 0 rejected");
    assertThat(seen).isNotEmpty();
    assertThat(seen.getLast().records()).isEqualTo(8);
    assertThat(seen.getLast().bytesRead()).isEqualTo(Files.size(APPLE_ZIP));
    assertThat(ImportViewModel.describe(seen.getLast()))
        .contains("8 records")
        .contains("records/s");
    assertThat(context.dataVersionProperty().get()).isGreaterThan(versionBefore);
    assertThat(model.fileProperty().get()).as("done: ready for the next file").isNull();
    assertThat(model.canStart().get()).isFalse();
    assertThat(context.store().sources())
        .extracting(s -> s.source().key())
        .contains("apple_health/Alexandre's Apple Watch", "apple_health/Alexandre's iPhone");

    model.choose(APPLE_ZIP);
    long versionAfterFirst = context.dataVersionProperty().get();
    ImportReport again = importNow().report();

    assertThat(again.stored()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.duplicates()).isEqualTo(8);
    assertThat(context.dataVersionProperty().get())
        .as("nothing written, nothing to reload")
        .isEqualTo(versionAfterFirst);
    assertThat(model.history().size()).isEqualTo(2);
  }

  @Test
  void cancelStopsAfterABatchKeepsWhatWasCommittedAndARerunFinishesTheRest() throws Exception {
    inTheBackground();
    Path export = stepsExport(5_000);
    chooseAndWait(export);

    fx(() -> {
      model.start();
      model.cancel(); // before the first batch: the import stops at its first check
      return null;
    });
    ImportViewModel.Outcome cancelled = awaitOutcomes(1).getFirst();

    assertThat(cancelled.error()).isNull();
    assertThat(cancelled.report().cancelled()).isTrue();
    assertThat(cancelled.headline()).startsWith("Cancelled import of export.xml");
    long committed = cancelled.report().stored();
    assertThat(committed).isBetween(1L, 4_999L);
    assertThat(storedSteps()).isEqualTo(committed);

    chooseAndWait(export);
    fx(model::start);
    ImportReport rest = awaitOutcomes(2).getFirst().report();

    assertThat(rest.cancelled()).isFalse();
    assertThat(committed + rest.stored()).isEqualTo(5_000);
    assertThat(storedSteps()).isEqualTo(5_000);
  }

  @Test
  void filesChosenWhileAnImportRunsAreQueuedAndFollow() throws Exception {
    inTheBackground();
    Path export = stepsExport(3_000);
    Path cronometer = Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv");
    chooseAndWait(export);

    fx(() -> {
      model.start();
      assertThat(model.choose(cronometer)).as("queued, not detected now").isNull();
      assertThat(model.queue()).containsExactly(cronometer);
      assertThat(model.noticeProperty().get()).startsWith("Queued biometrics.csv");
      return null;
    });
    List<ImportViewModel.Outcome> outcomes = awaitOutcomes(2);

    assertThat(outcomes.get(1).file()).isEqualTo(export);
    assertThat(outcomes.get(1).report().stored()).isEqualTo(3_000);
    assertThat(outcomes.get(0).file()).isEqualTo(cronometer);
    assertThat(outcomes.get(0).format()).startsWith("Cronometer export");
    assertThat(outcomes.get(0).error()).isNull();
    assertThat(outcomes.get(0).report().stored()).isPositive();
    assertThat(fx(() -> model.queue().isEmpty())).isTrue();
  }

  @Test
  void openingAnotherStoreStopsTheImportAndDropsTheQueue(@TempDir Path elsewhere) {
    ManualExecutor manual = new ManualExecutor();
    context.close();
    context = open(manual.executor());
    model = new ImportViewModel(context);
    model.choose(APPLE_ZIP);
    manual.runAll();
    model.start();
    model.choose(APPLE_ZIP); // queued behind the running import

    context.switchStore(StoreConfig.sqlite(elsewhere));
    manual.runAll();

    assertThat(model.runningProperty().get()).isFalse();
    assertThat(model.history()).as("no outcome of the old store's import").isEmpty();
    assertThat(model.queue()).isEmpty();
    assertThat(model.noticeProperty().get())
        .isEqualTo(
            "The import of export.zip stopped because another store was opened; what it"
                + " committed stays there.");
    assertThat(context.store().info().liveSamples()).isZero();
  }

  @Test
  void aBrokenFileShowsWhereItBrokeAndThePartialReport() throws Exception {
    byte[] full =
        Files.readAllBytes(
            Fixtures.path("apple_health/jdecool_healthkit-parser/exporter_fr_FR_v8.xml"));
    Path cut = Files.write(dir.resolve("export.xml"), Arrays.copyOf(full, full.length - 600));
    model.choose(cut);
    long versionBefore = context.dataVersionProperty().get();

    ImportViewModel.Outcome outcome = importNow();

    assertThat(outcome.error()).contains("export.xml").contains("line ").contains("column ");
    assertThat(outcome.headline()).isEqualTo("Import of export.xml as Apple Health export stopped");
    assertThat(outcome.report()).isNotNull();
    assertThat(outcome.report().stored()).isGreaterThan(5);
    assertThat(context.dataVersionProperty().get())
        .as("what was committed before the break is shown elsewhere too")
        .isGreaterThan(versionBefore);
  }

  @Test
  void aCsvWhoseHeaderLeavesSomethingOpenAsksForAMappingAndImportsWithIt() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("scale.csv"), "Date,Weight\n2024-01-01,72.5\n2024-01-02,72.1\n");
    model.choose(csv);
    assertThat(model.formatProperty().get().id()).isEqualTo("csv");
    assertThat(model.mappingApplies().get()).isTrue();

    ImportViewModel.Outcome unsure = importNow();

    assertThat(unsure.error()).contains("Could not tell how to read scale.csv").contains("CHOOSE");
    assertThat(unsure.report()).isNull();
    assertThat(model.suggestedMappingProperty().get()).isNotNull();
    assertThat(model.suggestedMappingProperty().get().timestamp().column()).isEqualTo("Date");

    Path mapping =
        Files.writeString(
            dir.resolve("scale.mapping.json"),
            """
            {"source": "Bathroom scale", "zone": "UTC",
             "timestamp": {"column": "Date"},
             "metrics": [{"column": "Weight", "metric": "body_mass", "unit": "kg"}]}
            """);
    model.mappingProperty().set(mapping);
    ImportViewModel.Outcome mapped = importNow();

    assertThat(mapped.error()).isNull();
    assertThat(mapped.report().stored()).isEqualTo(2);
    assertThat(model.suggestedMappingProperty().get()).isNull();
    assertThat(context.store().samples(MetricType.BODY_MASS, Instant.EPOCH, Instant.now()))
        .extracting(s -> s.value())
        .containsExactly(72.5, 72.1);
  }

  @Test
  void aFileNoImporterReadsCanBeGivenItsFormat() throws Exception {
    Path unknown = Files.writeString(dir.resolve("notes.dat"), "hello");
    model.choose(unknown);

    assertThat(model.formatProperty().get()).isNull();
    assertThat(model.detectionProperty().get())
        .isEqualTo("OpenVitals cannot tell what notes.dat is; choose its format.");
    assertThat(model.canStart().get()).isFalse();

    model.formatProperty().set(model.importers().getFirst());

    assertThat(model.canStart().get()).isTrue();
  }

  @Test
  void workoutFilesAndGoogleFitAreDetectedAndImported() throws Exception {
    Path gpx = dir.resolve("morning-run.gpx");
    try (var in = getClass().getResourceAsStream("/workoutfiles/morning-run.gpx")) {
      Files.copy(in, gpx);
    }
    model.choose(gpx);
    assertThat(model.detectionProperty().get())
        .isEqualTo("Detected: GPX workout (track with heart rate)");
    assertThat(importNow().report().stored()).isEqualTo(5);

    model.choose(
        Fixtures.path(
            "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv"));
    assertThat(model.formatProperty().get().id()).isEqualTo("google_fit");
    ImportViewModel.Outcome fit = importNow();
    assertThat(fit.error()).isNull();
    assertThat(storedSteps()).isEqualTo(1029);
    assertThat(context.store().sources())
        .extracting(s -> s.source().key())
        .contains("gpx/StravaGPX", "google_fit/Google Fit (daily)");
  }

  @Test
  void aMissingFileSaysSo() throws Exception {
    Path gone = dir.resolve("gone.zip");
    model.choose(gone);

    assertThat(model.detectionProperty().get()).startsWith("Cannot read " + gone);
    assertThat(model.formatProperty().get()).isNull();
  }

  /** An Apple Health export of {@code n} step records, one a minute. */
  private Path stepsExport(int n) throws Exception {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\"?>\n<HealthData locale=\"en_US\">\n");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    var format =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
            .withZone(java.time.ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      Instant from = start.plusSeconds(60L * i);
      xml.append(" <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"Watch\"")
          .append(" unit=\"count\" startDate=\"")
          .append(format.format(from))
          .append("\" endDate=\"")
          .append(format.format(from.plusSeconds(60)))
          .append("\" value=\"")
          .append(10 + i % 50)
          .append("\"/>\n");
    }
    xml.append("</HealthData>\n");
    return Files.writeString(dir.resolve("export.xml"), xml);
  }
}
