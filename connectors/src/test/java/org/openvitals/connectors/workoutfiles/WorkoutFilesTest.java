package org.openvitals.connectors.workoutfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.garmin.fit.Activity;
import com.garmin.fit.DateTime;
import com.garmin.fit.Event;
import com.garmin.fit.EventType;
import com.garmin.fit.FileEncoder;
import com.garmin.fit.FileIdMesg;
import com.garmin.fit.Fit;
import com.garmin.fit.GarminProduct;
import com.garmin.fit.Manufacturer;
import com.garmin.fit.RecordMesg;
import com.garmin.fit.SessionMesg;
import com.garmin.fit.Sport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.FolderImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.Fixtures;
import org.openvitals.core.time.DayBoundaries;
import org.openvitals.core.workouts.Polyline;

/**
 * FIT, GPX and TCX files as workouts: the GPX and TCX files in test resources are written to the
 * formats' schemas (with Garmin's heart-rate extensions), the FIT file is made here with the FIT
 * SDK's encoder.
 */
class WorkoutFilesTest {
  private static final OffsetDateTime START = OffsetDateTime.parse("2024-05-04T07:00:00Z");

  @TempDir Path dir;

  static Path resource(String name) throws Exception {
    return Path.of(WorkoutFilesTest.class.getResource("/workoutfiles/" + name).toURI());
  }

  private static Sample workout(MemoryStore store) {
    List<Sample> workouts = store.of(MetricType.WORKOUT);
    assertThat(workouts).hasSize(1);
    return workouts.getFirst();
  }

  @Test
  void gpxTrackIsAWorkoutWithHeartRateAndRoute() throws Exception {
    MemoryStore store = new MemoryStore();

    ImportReport report =
        new GpxImporter().importFile(resource("morning-run.gpx"), store, ImportListener.NONE);

    Sample w = workout(store);
    assertThat(w.source()).isEqualTo(new SourceRef("gpx", "StravaGPX"));
    assertThat(w.start()).isEqualTo(START);
    assertThat(w.end()).isEqualTo(START.plusMinutes(1));
    assertThat(w.value()).isEqualTo(1.0); // minutes
    assertThat(w.metadata())
        .containsEntry("activity_type", "running")
        .containsEntry("name", "Morning Run")
        .containsEntry("route_points", "4")
        .containsEntry("route_elevation_gain_m", "3.5")
        .containsEntry("average_heart_rate", "129.8")
        .containsEntry("max_heart_rate", "141")
        .containsEntry("file", "morning-run.gpx");
    // The track itself, thinned, for the Workouts page to draw.
    assertThat(Polyline.decode(w.metadata().get("route_polyline"))).hasSizeBetween(2, 4);
    // Three steps of 0.00045 degrees of latitude: 50.04 m each.
    assertThat(Double.parseDouble(w.metadata().get("distance_m"))).isCloseTo(150.1, within(0.2));
    assertThat(store.of(MetricType.HEART_RATE))
        .extracting(Sample::value)
        .containsExactly(118.0, 126.0, 134.0, 141.0);
    assertThat(store.of(MetricType.HEART_RATE).get(1).start()).isEqualTo(START.plusSeconds(20));
    assertThat(report.stored()).isEqualTo(5);
    assertThat(report.read()).isEqualTo(4);
    assertThat(report.details())
        .containsEntry("workouts", 1L)
        .containsEntry("heart_rate_samples", 4L)
        .containsEntry("workouts_with_route", 1L);
    assertThat(report.span())
        .isEqualTo(new ImportReport.Span(START.toInstant(), START.plusMinutes(1).toInstant()));
  }

  @Test
  void tcxActivityAddsUpItsLaps() throws Exception {
    MemoryStore store = new MemoryStore();

    new TcxImporter().importFile(resource("morning-run.tcx"), store, ImportListener.NONE);

    Sample w = workout(store);
    assertThat(w.source()).isEqualTo(new SourceRef("tcx", "Forerunner 255"));
    assertThat(w.device()).isEqualTo("Forerunner 255");
    assertThat(w.start()).isEqualTo(START);
    assertThat(w.end()).isEqualTo(START.plusMinutes(1));
    assertThat(w.metadata())
        .containsEntry("activity_type", "Running")
        .containsEntry("distance_m", "210") // laps, not track point distances
        .containsEntry("energy_kcal", "22")
        .containsEntry("moving_time_s", "60")
        .containsEntry("average_heart_rate", "130") // lap averages weighted by lap time
        .containsEntry("max_heart_rate", "150")
        .containsEntry("route_points", "4");
    assertThat(store.of(MetricType.HEART_RATE))
        .extracting(Sample::value)
        .containsExactly(115.0, 130.0, 145.0, 150.0);
  }

  @Test
  void fitFileMadeWithTheSdkEncoder() throws Exception {
    Path fit = writeFit(dir.resolve("2024-05-04-run.fit"), true);
    MemoryStore store = new MemoryStore();
    FitImporter importer = new FitImporter();

    assertThat(importer.canRead(fit)).isTrue();
    ImportReport report = importer.importFile(fit, store, ImportListener.NONE);

    Sample w = workout(store);
    assertThat(w.source()).isEqualTo(new SourceRef("fit", "Garmin FR255"));
    // The activity's local_timestamp is two hours ahead of UTC: the workout keeps that offset.
    assertThat(w.start()).hasToString("2024-05-04T09:00+02:00"); // AssertJ compares instants
    assertThat(w.start().toInstant()).isEqualTo(START.toInstant());
    assertThat(w.end().toInstant()).isEqualTo(START.plusSeconds(65).toInstant());
    assertThat(w.metadata())
        .containsEntry("activity_type", "running")
        .containsEntry("distance_m", "210")
        .containsEntry("energy_kcal", "22")
        .containsEntry("moving_time_s", "60")
        .containsEntry("average_heart_rate", "133")
        .containsEntry("max_heart_rate", "150")
        .containsEntry("route_points", "4");
    assertThat(Double.parseDouble(w.metadata().get("route_distance_m")))
        .isCloseTo(211.3, within(0.5));
    assertThat(store.of(MetricType.HEART_RATE))
        .extracting(Sample::value)
        .containsExactly(115.0, 130.0, 145.0, 150.0);
    assertThat(store.of(MetricType.HEART_RATE).getLast().start())
        .hasToString("2024-05-04T09:01+02:00");
    assertThat(report.stored()).isEqualTo(5);
  }

  @Test
  void theSameFileTwiceChangesNothing() throws Exception {
    Path fit = writeFit(dir.resolve("run.fit"), true);
    for (var c :
        List.of(
            new Case(new GpxImporter(), resource("morning-run.gpx")),
            new Case(new TcxImporter(), resource("morning-run.tcx")),
            new Case(new FitImporter(), fit))) {
      MemoryStore store = new MemoryStore();
      ImportReport first = c.importer().importFile(c.file(), store, ImportListener.NONE);
      ImportReport again = c.importer().importFile(c.file(), store, ImportListener.NONE);

      assertThat(first.stored()).as(c.file().toString()).isEqualTo(5);
      assertThat(again.stored()).as(c.file().toString()).isZero();
      assertThat(again.updated()).as(c.file().toString()).isZero();
      assertThat(again.duplicates()).as(c.file().toString()).isEqualTo(5);
      assertThat(store.all()).hasSize(5);
    }
  }

  private record Case(WorkoutFileImporter importer, Path file) {}

  @Test
  void theSameRunFromTheWatchAndStravaIsOneWorkoutOnTheRealStore() throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir.resolve("data")))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
      new GpxImporter().importFile(resource("morning-run.gpx"), store, ImportListener.NONE);
      new TcxImporter().importFile(resource("morning-run.tcx"), store, ImportListener.NONE);
      new FitImporter()
          .importFile(writeFit(dir.resolve("run.fit"), true), store, ImportListener.NONE);

      LocalDate day = LocalDate.of(2024, 5, 4);
      var resolved =
          new RulesService(store, java.time.Clock.systemUTC()).daily(MetricType.WORKOUT, day, day);

      assertThat(resolved).hasSize(1);
      assertThat(resolved.getFirst().count()).isEqualTo(1); // three files, one run
      assertThat(resolved.getFirst().contributions()).hasSize(1);
    }
  }

  @Test
  void aTruncatedFileNamesFileAndLineAndStoresNothing() throws Exception {
    String gpx = Files.readString(resource("morning-run.gpx"));
    Path cut = dir.resolve("cut.gpx");
    Files.writeString(cut, gpx.substring(0, gpx.indexOf("<trkpt lat=\"52.520900\"") + 40));
    MemoryStore store = new MemoryStore();

    assertThatThrownBy(() -> new GpxImporter().importFile(cut, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("cut.gpx, line ")
        .hasMessageContaining("not well-formed GPX");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void aFitFileWithABrokenChecksumIsRefusedWhole() throws Exception {
    Path fit = writeFit(dir.resolve("broken.fit"), true);
    byte[] bytes = Files.readAllBytes(fit);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(fit, bytes);
    MemoryStore store = new MemoryStore();

    assertThatThrownBy(() -> new FitImporter().importFile(fit, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("broken.fit, decoding: not a valid FIT file");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void aBadPointIsSkippedAndNamedTheRestIsKept() throws Exception {
    String gpx = Files.readString(resource("morning-run.gpx"));
    Path file = dir.resolve("bad-point.gpx");
    Files.writeString(file, gpx.replace("2024-05-04T07:00:40Z", "yesterday"));
    MemoryStore store = new MemoryStore();

    ImportReport report = new GpxImporter().importFile(file, store, ImportListener.NONE);

    assertThat(report.rejected().count()).isEqualTo(1);
    assertThat(report.rejected().reasons().getFirst())
        .startsWith("bad-point.gpx, track 1 point 3 (line ")
        .endsWith("time 'yesterday' is not an ISO 8601 date-time");
    assertThat(store.of(MetricType.HEART_RATE)).hasSize(3);
    assertThat(store.of(MetricType.WORKOUT)).hasSize(1);
  }

  @Test
  void aPlannedRouteWithoutTimesIsNoWorkout() throws Exception {
    Path file = dir.resolve("course.gpx");
    Files.writeString(
        file,
        """
        <gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">
         <trk><name>Planned</name><trkseg>
          <trkpt lat="52.5" lon="13.4"/><trkpt lat="52.6" lon="13.4"/>
         </trkseg></trk>
        </gpx>
        """);
    MemoryStore store = new MemoryStore();

    ImportReport report = new GpxImporter().importFile(file, store, ImportListener.NONE);

    assertThat(store.all()).isEmpty();
    assertThat(report.rejected().reasons())
        .containsExactly(
            "course.gpx, track 1: no point has a time (a planned route, not a recorded workout)");
  }

  @Test
  void theRealAppleHealthRouteFileReadsAsAWorkout() throws Exception {
    Path route =
        Fixtures.path(
            "apple_health/dogsheep_healthkit-to-sqlite/zip_layout/apple_health_export/"
                + "workout-routes/route_2019-06-11_3.00pm.gpx");
    MemoryStore store = new MemoryStore();

    new GpxImporter().importFile(route, store, ImportListener.NONE);

    Sample w = workout(store);
    assertThat(w.source()).isEqualTo(new SourceRef("gpx", "Apple Health Export"));
    assertThat(w.start()).isEqualTo(OffsetDateTime.parse("2019-06-11T22:00:42Z"));
    assertThat(w.end()).isEqualTo(OffsetDateTime.parse("2019-06-11T22:00:43Z"));
    assertThat(w.metadata()).containsEntry("route_points", "3");
  }

  @Test
  void detectionAndFoldersFindEachFormat() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("watch"));
    Files.copy(resource("morning-run.gpx"), folder.resolve("a.gpx"));
    Files.copy(resource("morning-run.tcx"), folder.resolve("b.TCX"));
    writeFit(folder.resolve("c.fit"), true);
    Files.writeString(folder.resolve("d.fit"), "not a fit file at all");

    assertThat(FileImporters.detect(folder.resolve("a.gpx")).orElseThrow().id()).isEqualTo("gpx");
    assertThat(FileImporters.detect(folder.resolve("b.TCX")).orElseThrow().id()).isEqualTo("tcx");
    assertThat(FileImporters.detect(folder.resolve("c.fit")).orElseThrow().id()).isEqualTo("fit");
    assertThat(FileImporters.detect(folder.resolve("d.fit"))).isEmpty();

    MemoryStore store = new MemoryStore();
    ImportReport report = new FolderImporter().importFile(folder, store, ImportListener.NONE);

    assertThat(store.of(MetricType.WORKOUT)).hasSize(3);
    assertThat(report.stored()).isEqualTo(15);
    assertThat(report.details())
        .containsKeys("imported: a.gpx (gpx)", "imported: b.TCX (tcx)", "imported: c.fit (fit)")
        .containsKey("skipped: d.fit (no importer recognises it)");
  }

  /**
   * A one-minute run as a Garmin FR255 writes it: file_id, four records (position, altitude, heart
   * rate), a session and an activity message whose local time is UTC+2.
   */
  static Path writeFit(Path file, boolean withSession) {
    FileEncoder encoder = new FileEncoder(file.toFile(), Fit.ProtocolVersion.V2_0);
    DateTime start = new DateTime(Date.from(Instant.parse("2024-05-04T07:00:00Z")));
    FileIdMesg id = new FileIdMesg();
    id.setType(com.garmin.fit.File.ACTIVITY);
    id.setManufacturer(Manufacturer.GARMIN);
    id.setProduct(GarminProduct.FR255);
    id.setSerialNumber(3456789012L);
    id.setTimeCreated(start);
    encoder.write(id);
    double[] lat = {52.52, 52.5209, 52.5214, 52.5219};
    int[] seconds = {0, 30, 45, 60};
    short[] hr = {115, 130, 145, 150};
    for (int i = 0; i < 4; i++) {
      RecordMesg r = new RecordMesg();
      r.setTimestamp(at(start, seconds[i]));
      r.setPositionLat(semicircles(lat[i]));
      r.setPositionLong(semicircles(13.405));
      r.setEnhancedAltitude(34f + i);
      r.setHeartRate(hr[i]);
      encoder.write(r);
    }
    if (withSession) {
      SessionMesg s = new SessionMesg();
      s.setTimestamp(at(start, 65));
      s.setStartTime(start);
      s.setSport(Sport.RUNNING);
      s.setTotalElapsedTime(65f);
      s.setTotalTimerTime(60f);
      s.setTotalDistance(210f);
      s.setTotalCalories(22);
      s.setAvgHeartRate((short) 133);
      s.setMaxHeartRate((short) 150);
      s.setEvent(Event.SESSION);
      s.setEventType(EventType.STOP);
      encoder.write(s);
    }
    com.garmin.fit.ActivityMesg a = new com.garmin.fit.ActivityMesg();
    a.setTimestamp(at(start, 65));
    a.setLocalTimestamp(at(start, 65).getTimestamp() + 7200);
    a.setNumSessions(1);
    a.setType(Activity.MANUAL);
    a.setTotalTimerTime(60f);
    encoder.write(a);
    encoder.close();
    return file;
  }

  private static DateTime at(DateTime start, long seconds) {
    DateTime t = new DateTime(start);
    t.add(seconds);
    return t;
  }

  private static int semicircles(double degrees) {
    return (int) Math.round(degrees * (1L << 31) / 180.0);
  }
}
