package org.openvitals.connectors.fitbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.testing.Fixtures;

class FitbitTakeoutImporterTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private final FitbitTakeoutImporter importer = new FitbitTakeoutImporter(LONDON, ZoneOffset.UTC);
  @TempDir Path dir;

  private static Path takeout() throws Exception {
    return Path.of(FitbitTakeoutImporterTest.class.getResource("/fitbit/Takeout").toURI());
  }

  @Test
  void takeoutFolderImportsEveryKindItKnows() throws Exception {
    MemoryStore store = new MemoryStore();

    ImportReport report = importer.importFile(takeout(), store, ImportListener.NONE);

    assertThat(report.rejected().reasons())
        .containsExactly(
            "Fitbit/Global Export Data/heart_rate-2021-01-02.json element 4: 'bpm' is not a number: \"x\"");
    List<Sample> steps = store.of(MetricType.STEPS);
    assertThat(steps).extracting(Sample::value).containsExactly(12.0, 104.0, 98.0);
    assertThat(steps.getFirst().start()).isEqualTo(OffsetDateTime.parse("2021-01-02T13:59Z"));
    assertThat(steps.getFirst().end()).isEqualTo(OffsetDateTime.parse("2021-01-02T14:00Z"));
    assertThat(store.of(MetricType.HEART_RATE))
        .extracting(Sample::value)
        .containsExactly(71.0, 74.0, 78.0);

    List<Sample> weight = store.of(MetricType.BODY_MASS);
    assertThat(weight).extracting(Sample::value).containsExactly(81.7, 81.4);
    assertThat(weight.getFirst().start()).isEqualTo(OffsetDateTime.parse("2021-01-02T07:58:51Z"));
    assertThat(store.of(MetricType.BODY_FAT_PERCENTAGE))
        .extracting(Sample::value)
        .containsExactly(21.5);
    assertThat(store.of(MetricType.BODY_MASS_INDEX)).hasSize(2);

    // Sleep times are local: the archive's Profile.csv says New York.
    Sample inBed = store.of(MetricType.SLEEP_IN_BED).getFirst();
    assertThat(inBed.start()).isEqualTo(OffsetDateTime.parse("2021-01-01T23:10:30-05:00"));
    assertThat(inBed.value()).isEqualTo(450.0);
    assertThat(inBed.metadata())
        .containsEntry("deep_minutes", "62")
        .containsEntry("main_sleep", "true");
    assertThat(store.of(MetricType.SLEEP_CORE))
        .extracting(Sample::value)
        .containsExactly(30.0, 257.0);
    assertThat(store.of(MetricType.SLEEP_DEEP)).extracting(Sample::value).containsExactly(62.0);
    assertThat(store.of(MetricType.SLEEP_REM)).extracting(Sample::value).containsExactly(91.0);
    assertThat(store.of(MetricType.SLEEP_AWAKE)).extracting(Sample::value).containsExactly(10.0);

    Sample walk = store.of(MetricType.WORKOUT).getFirst();
    assertThat(walk.value()).isCloseTo(30.7167, within(1e-4));
    assertThat(walk.device()).isEqualTo("Charge 4");
    assertThat(walk.externalId()).isEqualTo("exercise/2021-01-02T13:58:00Z");
    assertThat(walk.metadata())
        .containsEntry("log_id", "37112648751")
        .containsEntry("activity", "Walk")
        .containsEntry("distance_unit", "Mile");
    assertThat(report.unmapped()).containsEntry("Fitbit calories files", 1L);
  }

  @Test
  void theZipReadsLikeTheFolderAndTwiceStoresNothingNew() throws Exception {
    Path zip = dir.resolve("takeout-20210105T000000Z-001.zip");
    Path root = takeout();
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(
            new ZipEntry("Takeout/" + root.relativize(file).toString().replace('\\', '/')));
        z.write(Files.readAllBytes(file));
        z.closeEntry();
      }
    }
    MemoryStore fromFolder = new MemoryStore();
    importer.importFile(root, fromFolder, ImportListener.NONE);
    MemoryStore fromZip = new MemoryStore();

    assertThat(importer.canRead(zip)).isTrue();
    ImportReport first = importer.importFile(zip, fromZip, ImportListener.NONE);
    ImportReport second = importer.importFile(zip, fromZip, ImportListener.NONE);

    assertThat(fromZip.all()).containsExactlyInAnyOrderElementsOf(fromFolder.all());
    assertThat(second.stored()).isZero();
    assertThat(second.duplicates()).isEqualTo(first.stored());
  }

  @Test
  void realAccountExportFiles() throws Exception {
    Path export = Fixtures.path("fitbit/mrphil007_fitbit-to-sqlite_account_export");
    MemoryStore store = new MemoryStore();

    assertThat(importer.canRead(export)).isTrue();
    ImportReport report = importer.importFile(export, store, ImportListener.NONE);

    assertThat(report.rejected().count()).isZero();
    // Distance is centimetres per minute; minutes without movement are left out.
    assertThat(store.of(MetricType.DISTANCE))
        .extracting(Sample::value)
        .containsExactly(41.1, 43.4, 34.9, 8.5);
    List<Sample> workouts = store.of(MetricType.WORKOUT);
    assertThat(workouts).hasSize(3);
    assertThat(workouts.getFirst().value()).isCloseTo(20.4833, within(1e-4));
    assertThat(workouts.getFirst().start()).isEqualTo(OffsetDateTime.parse("2018-01-01T14:25:33Z"));
    assertThat(workouts.getLast().device()).isEqualTo("Charge 2");
    assertThat(workouts.getLast().metadata())
        .containsEntry("activity", "Run")
        .containsEntry("distance", "2.087447");
    List<Sample> inBed = store.of(MetricType.SLEEP_IN_BED);
    assertThat(inBed).extracting(Sample::value).containsExactly(486.0, 510.0);
    assertThat(inBed.getFirst().start()).isEqualTo(OffsetDateTime.parse("2018-02-01T22:36Z"));
    assertThat(inBed.getLast().metadata())
        .containsEntry("type", "classic")
        .containsEntry("restless_minutes", "195");
    assertThat(store.of(MetricType.RESTING_HEART_RATE))
        .extracting(Sample::value)
        .containsExactly(59.420772552490234, 58.29636573791504);
    List<Sample> active = store.of(MetricType.EXERCISE_TIME);
    assertThat(active).hasSize(6);
    assertThat(active.stream().filter(s -> s.start().toLocalDate().toString().equals("2018-01-01")))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(33.0, 22.0);
    assertThat(report.unmapped())
        .containsKeys(
            "Fitbit lightly_active_minutes files",
            "Fitbit sedentary_minutes files",
            "Fitbit heart_rate_zones files",
            "Fitbit sleep_score files");
  }

  @Test
  void realWebApiIntradayResponses() throws Exception {
    MemoryStore store = new MemoryStore();
    Path heart = Fixtures.path("fitbit/korymath_python-fitbit/2017-07-03_datadumpHeart.json");
    Path steps = Fixtures.path("fitbit/korymath_python-fitbit/datadumpSteps_intraday_1min.json");
    Path second = Fixtures.path("fitbit/korymath_python-fitbit/datadumpHeart_intraday_1sec.json");

    assertThat(importer.canRead(heart)).isTrue();
    importer.importFile(heart, store, ImportListener.NONE);
    importer.importFile(steps, store, ImportListener.NONE);
    importer.importFile(second, store, ImportListener.NONE);

    List<Sample> hr = store.of(MetricType.HEART_RATE);
    assertThat(hr).hasSize(5641 + 8478);
    assertThat(hr.getFirst().value()).isEqualTo(95.0);
    assertThat(hr.getFirst().start()).isEqualTo(OffsetDateTime.parse("2017-07-03T00:00:08+01:00"));
    assertThat(store.of(MetricType.RESTING_HEART_RATE))
        .extracting(Sample::value)
        .containsExactly(56.0, 56.0);
    List<Sample> minutes = store.of(MetricType.STEPS);
    assertThat(minutes).hasSize(238);
    assertThat(minutes.stream().mapToDouble(Sample::value).sum()).isEqualTo(7796.0);
  }

  @Test
  void realSleepLogResponse() throws Exception {
    MemoryStore store = new MemoryStore();

    importer.importFile(
        Fixtures.path("fitbit/hovdebo_deviceconnect_sleep_v1.2_trimmed.json"),
        store,
        ImportListener.NONE);

    Sample inBed = store.of(MetricType.SLEEP_IN_BED).getFirst();
    assertThat(inBed.value()).isEqualTo(462.0);
    assertThat(inBed.externalId()).isEqualTo("26013218219");
    // Four stages in levels.data; the shortData wake periods overlap them and are not added.
    assertThat(store.of(MetricType.SLEEP_AWAKE)).extracting(Sample::value).containsExactly(10.5);
    assertThat(store.of(MetricType.SLEEP_CORE))
        .extracting(Sample::value)
        .containsExactly(0.5, 31.0);
    assertThat(store.of(MetricType.SLEEP_DEEP)).extracting(Sample::value).containsExactly(14.5);
  }
}
