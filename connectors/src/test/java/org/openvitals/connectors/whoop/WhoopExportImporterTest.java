package org.openvitals.connectors.whoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.time.DayBoundaries;

/** The WHOOP app export (test files in the export's format, see whoop_export/SOURCE.txt). */
class WhoopExportImporterTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:30Z"));
  private final WhoopExportImporter importer = new WhoopExportImporter();
  private FakeProvider fake;
  private FakeWhoop whoop;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    fake.requirePkce = false;
    whoop = new FakeWhoop(fake, clock);
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("America/New_York")));
    kit =
        new CloudTestKit(
            dir, fake, clock, store, new WhoopConnector(), Map.of("history_days", "30"));
    kit.connectDirectly();
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  private static Path export() throws Exception {
    return Path.of(
        WhoopExportImporterTest.class
            .getResource("/whoop_export/my_whoop_data_2026_08_12")
            .toURI());
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  private List<OtherSample> others() {
    List<OtherSample> all = new ArrayList<>();
    store.forEachOther(all::add);
    return all;
  }

  @Test
  void recognisesTheExportFolderZipAndEachFileButNotOtherCsvs() throws Exception {
    Path folder = export();
    assertThat(importer.canRead(folder)).isTrue();
    for (String name :
        List.of("physiological_cycles.csv", "sleeps.csv", "workouts.csv", "journal_entries.csv")) {
      assertThat(importer.canRead(folder.resolve(name))).as(name).isTrue();
      assertThat(FileImporters.detect(folder.resolve(name)))
          .get()
          .isInstanceOf(WhoopExportImporter.class);
    }
    assertThat(importer.canRead(zip(folder))).isTrue();
    assertThat(FileImporters.detect(folder)).get().isInstanceOf(WhoopExportImporter.class);
    Path other = dir.resolve("weights.csv");
    Files.writeString(other, "Date,Weight (kg)\n2026-08-01,70.1\n");
    assertThat(importer.canRead(other)).isFalse();
  }

  @Test
  void mapsSleepsRecoveryWorkoutsAndJournalAtEachRowsOffset() throws Exception {
    ImportReport report = importer.importFile(export(), store, ImportListener.NONE);

    assertThat(report.rejected().count()).as(report.rejected().reasons().toString()).isZero();
    Sample night =
        of(MetricType.SLEEP_IN_BED).stream()
            .filter(s -> s.start().toInstant().equals(Instant.parse("2026-08-10T02:25:44Z")))
            .findFirst()
            .orElseThrow();
    assertThat(night.start()).hasToString("2026-08-09T21:25:44-05:00");
    assertThat(night.value()).isEqualTo(480.0);
    assertThat(night.metadata())
        .containsEntry("deep_minutes", "110")
        .containsEntry("sleep_performance_percent", "98")
        .doesNotContainKey("nap");
    // "UTCZ" is UTC.
    assertThat(of(MetricType.SLEEP_IN_BED))
        .anySatisfy(s -> assertThat(s.start()).hasToString("2026-08-08T22:10Z"));
    assertThat(of(MetricType.SLEEP_IN_BED))
        .filteredOn(s -> "true".equals(s.metadata().get("nap")))
        .singleElement()
        .satisfies(nap -> assertThat(nap.value()).isEqualTo(35.0));
    // HRV is RMSSD, never SDNN; the recovery sits on the sleep it was measured in.
    assertThat(of(MetricType.HRV_RMSSD))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(31.81, 58.2);
    assertThat(of(MetricType.HRV_SDNN)).isEmpty();
    Sample rhr =
        of(MetricType.RESTING_HEART_RATE).stream()
            .filter(s -> s.value() == 64.0)
            .findFirst()
            .orElseThrow();
    assertThat(rhr.start()).isEqualTo(night.start());
    assertThat(rhr.metadata()).containsEntry("recovery_score", "44");
    assertThat(of(MetricType.SLEEPING_WRIST_TEMPERATURE)).extracting(Sample::value).contains(33.7);
    Sample run =
        of(MetricType.WORKOUT).stream()
            .filter(w -> "Running".equals(w.metadata().get("activity_type")))
            .findFirst()
            .orElseThrow();
    assertThat(run.value()).isEqualTo(40.0);
    assertThat(run.metadata())
        .containsEntry("energy_kcal", "375.1")
        .containsEntry("zone_3_percent", "38")
        .containsEntry("distance_m", "1773");
    assertThat(of(MetricType.WORKOUT))
        .filteredOn(w -> "Weightlifting".equals(w.metadata().get("activity_type")))
        .singleElement()
        .satisfies(w -> assertThat(w.metadata()).doesNotContainKey("distance_m"));
    assertThat(others())
        .extracting(OtherSample::type, OtherSample::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "WHOOP journal: Have any alcoholic drinks?", "true"),
            org.assertj.core.groups.Tuple.tuple("WHOOP day strain", "12.4"),
            org.assertj.core.groups.Tuple.tuple("WHOOP energy burned", "2231"));
  }

  @Test
  void theUnscoredOpenCycleStoresItsTimesButNoScoreValues() throws Exception {
    importer.importFile(export(), store, ImportListener.NONE);

    Instant lastNight = Instant.parse("2026-08-11T02:40:00Z");
    assertThat(of(MetricType.SLEEP_IN_BED))
        .filteredOn(s -> s.start().toInstant().equals(lastNight))
        .singleElement()
        .satisfies(s -> assertThat(s.metadata()).doesNotContainKeys("deep_minutes", "nap"));
    for (MetricType scored :
        List.of(
            MetricType.RESTING_HEART_RATE,
            MetricType.HRV_RMSSD,
            MetricType.RESPIRATORY_RATE,
            MetricType.OXYGEN_SATURATION)) {
      assertThat(of(scored))
          .as(scored.id())
          .noneMatch(s -> s.start().toInstant().equals(lastNight));
    }
    assertThat(of(MetricType.RESTING_HEART_RATE)).noneMatch(s -> s.value() == 0);
    // The open cycle's strain is not final: only the two closed cycles have one.
    assertThat(others()).filteredOn(o -> o.type().equals("WHOOP day strain")).hasSize(2);
  }

  @Test
  void importingTheExportAgainStoresNothingNew() throws Exception {
    ImportReport first = importer.importFile(export(), store, ImportListener.NONE);
    int samples = store.all().size();
    int records = others().size();

    ImportReport again = importer.importFile(export(), store, ImportListener.NONE);

    assertThat(first.stored()).isPositive();
    assertThat(again.stored()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(store.all()).hasSize(samples);
    assertThat(others()).hasSize(records);
  }

  @Test
  void aNightAndRunSyncedFromTheApiAndImportedFromTheExportAreStoredOnce() throws Exception {
    syncTheNightAndRun();
    int synced = store.all().size();

    importer.importFile(export(), store, ImportListener.NONE);

    assertOnce();
    assertThat(of(MetricType.SLEEP_IN_BED).getFirst().source()).isEqualTo(WhoopStreams.SOURCE);
    assertThat(store.all().size()).isGreaterThan(synced); // the export's other nights are added
  }

  @Test
  void theExportFirstThenTheApiStoresThemOnceToo() throws Exception {
    importer.importFile(export(), store, ImportListener.NONE);

    syncTheNightAndRun();

    assertOnce();
  }

  private void syncTheNightAndRun() throws Exception {
    whoop.sleep(
        WhoopSyncTest.sleep(
            WhoopSyncTest.SLEEP_ID, "2026-08-10T02:25:44.774Z", "2026-08-10T10:25:44.774Z", true));
    whoop.recovery(
        WhoopSyncTest.recovery(WhoopSyncTest.SLEEP_ID, true),
        Instant.parse("2026-08-10T02:25:44.774Z"));
    whoop.workout(WhoopSyncTest.workout("w-1", Instant.parse("2026-08-10T22:00:00Z"), true));
    assertThat(kit.engine.sync("whoop").outcome()).isEqualTo(SyncState.OK);
  }

  private void assertOnce() {
    Instant night = Instant.parse("2026-08-10T02:25:00Z");
    for (MetricType type :
        List.of(
            MetricType.SLEEP_IN_BED,
            MetricType.RESTING_HEART_RATE,
            MetricType.HRV_RMSSD,
            MetricType.RESPIRATORY_RATE,
            MetricType.OXYGEN_SATURATION,
            MetricType.SLEEPING_WRIST_TEMPERATURE)) {
      assertThat(of(type))
          .as(type.id())
          .filteredOn(s ->
              s.start()
                  .toInstant()
                  .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                  .equals(night))
          .hasSize(1);
    }
    assertThat(of(MetricType.WORKOUT))
        .filteredOn(w -> w.start().toInstant().equals(Instant.parse("2026-08-10T22:00:00Z")))
        .hasSize(1);
  }

  @Test
  void aBadRowIsRejectedByFileAndRowAndTheRestIsStored() throws Exception {
    Path file = dir.resolve("workouts.csv");
    Files.writeString(
        file,
        Files.readString(export().resolve("workouts.csv"))
            .replaceFirst("UTC-05:00", "Mars/Olympus"),
        StandardCharsets.UTF_8);

    ImportReport report = importer.importFile(file, store, ImportListener.NONE);

    assertThat(report.rejected().count()).isEqualTo(1);
    assertThat(report.rejected().reasons())
        .singleElement()
        .asString()
        .contains("workouts.csv row 2")
        .contains("Mars/Olympus");
    assertThat(of(MetricType.WORKOUT)).hasSize(1);
  }

  @Test
  void aFileThatIsNotCsvToItsEndFailsNamingTheRowAfterKeepingTheRowsBefore() throws Exception {
    Path file = dir.resolve("sleeps.csv");
    Files.writeString(
        file,
        Files.readString(export().resolve("sleeps.csv")) + "2026-08-01 22:00:00,\"unclosed\n");

    assertThatThrownBy(() -> importer.importFile(file, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("sleeps.csv");
    assertThat(of(MetricType.SLEEP_IN_BED)).hasSize(4);
  }

  private Path zip(Path folder) throws Exception {
    Path zip = dir.resolve("my_whoop_data.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        var files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        out.putNextEntry(new ZipEntry("my_whoop_data_2026_08_12/" + f.getFileName()));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return zip;
  }
}
