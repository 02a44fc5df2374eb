package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.testing.Fixtures;

/** Every real export in shared/fixtures/apple_health, and exports written in the same shapes. */
class AppleHealthFixturesTest {
  @TempDir Path temp;

  private final AppleHealthImporter importer = new AppleHealthImporter();
  private final MemoryStore store = new MemoryStore();

  static Path resource(String name) {
    return Path.of("src/test/resources/applehealth", name).toAbsolutePath();
  }

  private ImportReport run(Path file) throws Exception {
    return importer.importFile(file, store, ImportListener.NONE);
  }

  private Map<MetricType, Long> perType() {
    return store.all().stream()
        .collect(Collectors.groupingBy(Sample::type, TreeMap::new, Collectors.counting()));
  }

  private Set<String> sourceNames() {
    return store.all().stream()
        .map(s -> s.source().name())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private Sample only(MetricType type) {
    List<Sample> all = store.of(type);
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  @Test
  void registeredAndDetected() throws Exception {
    assertThat(FileImporters.byId("apple_health")).isPresent();
    Path zip = Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip");
    assertThat(FileImporters.detect(zip)).map(i -> i.id()).contains("apple_health");
    assertThat(
            importer.canRead(
                Fixtures.path("apple_health/jdecool_healthkit-parser/exporter_fr_FR_v8.xml")))
        .isTrue();
    Path notHealth = Files.writeString(temp.resolve("other.xml"), "<gpx/>");
    assertThat(importer.canRead(notHealth)).isFalse();
  }

  @Test
  void dogsheepEnUs2019WithInlineRoute() throws Exception {
    ImportReport r = run(Fixtures.path("apple_health/dogsheep_healthkit-to-sqlite/export.xml"));

    assertThat(r.read()).isEqualTo(5); // 2 records, 1 workout, 2 activity summaries
    assertThat(r.stored()).isEqualTo(3);
    assertThat(r.rejected().count()).isZero();
    assertThat(r.unmapped()).isEmpty();
    assertThat(r.details())
        .containsEntry("activity_summaries", 2L)
        .containsEntry("me_characteristics", 4L)
        .containsEntry("workouts", 1L);
    assertThat(perType())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                MetricType.BODY_MASS_INDEX, 1L, MetricType.HEART_RATE, 1L, MetricType.WORKOUT, 1L));

    Sample bmi = only(MetricType.BODY_MASS_INDEX);
    assertThat(bmi.value()).isEqualTo(22.5312);
    assertThat(bmi.source()).isEqualTo(new SourceRef("apple_health", "Health Mate"));
    assertThat(bmi.start()).isEqualTo(OffsetDateTime.parse("2016-04-18T08:25:32-07:00"));
    assertThat(bmi.start().getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
    assertThat(bmi.metadata())
        .containsEntry("Withings User Identifier", "12345")
        .containsEntry("HKWasUserEntered", "0")
        .containsEntry("source_version", "2160040")
        .containsEntry(
            "Withings Link", "withings-bd2://timeline/measure?userid=12345&date=482685932&type=1");

    Sample hr = only(MetricType.HEART_RATE);
    assertThat(hr.value()).isEqualTo(72);
    assertThat(hr.device())
        .isEqualTo(
            "name:Apple Watch, manufacturer:Apple, model:Watch, hardware:Watch2,4, software:4.3.1");
    assertThat(hr.externalId()).isNull();

    Sample run = only(MetricType.WORKOUT);
    assertThat(run.value()).isCloseTo(5.19412346680959, within(1e-9));
    assertThat(run.metadata())
        .containsEntry("activity_type", "Running")
        .containsEntry("distance_m", "800.126")
        .containsEntry("energy_kcal", "48.745")
        .containsEntry("HKTimeZone", "America/Los_Angeles")
        .containsEntry("HKWeatherTemperature", "56 degF")
        .containsEntry("route_points", "2");
    assertThat(sourceNames()).containsExactly("Apple Watch", "Health Mate");
    assertThat(store.stateWithPrefix(""))
        .containsEntry("apple_health.me.DateOfBirth", "1990-02-02");
  }

  @Test
  void bareExportFindsItsRouteFileInTheFolderBesideIt() throws Exception {
    Path xml =
        Fixtures.path(
            "apple_health/dogsheep_healthkit-to-sqlite/zip_layout/apple_health_export/export.xml");
    ImportReport r = run(xml);

    Sample workout = only(MetricType.WORKOUT);
    assertThat(workout.metadata())
        .containsEntry("route_points", "3")
        .containsEntry("route_start", "2019-06-11T22:00:42Z")
        .containsEntry("route_end", "2019-06-11T22:00:43Z");
    assertThat(r.details()).containsEntry("workout_routes_joined", 1L);
  }

  @Test
  void zipLayoutJoinsRouteWhetherTheGpxComesBeforeOrAfterExportXml() throws Exception {
    Path folder =
        Fixtures.path("apple_health/dogsheep_healthkit-to-sqlite/zip_layout/apple_health_export");
    byte[] xml = Files.readAllBytes(folder.resolve("export.xml"));
    byte[] gpx = Files.readAllBytes(folder.resolve("workout-routes/route_2019-06-11_3.00pm.gpx"));
    String gpxName = "apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx";

    for (boolean gpxFirst : new boolean[] {true, false}) {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      if (gpxFirst) {
        entries.put(gpxName, gpx);
      }
      entries.put("apple_health_export/export.xml", xml);
      if (!gpxFirst) {
        entries.put(gpxName, gpx);
      }
      entries.put("apple_health_export/export_cda.xml", cda());
      entries.put(
          "apple_health_export/electrocardiograms/ecg_2019-06-11.csv", "Name,x\n".getBytes());
      Path zip = Zips.write(temp.resolve("export-" + gpxFirst + ".zip"), entries);
      MemoryStore fresh = new MemoryStore();

      ImportReport r = importer.importFile(zip, fresh, ImportListener.NONE);

      List<Sample> workouts = fresh.of(MetricType.WORKOUT);
      assertThat(workouts).hasSize(1);
      assertThat(workouts.getFirst().metadata()).containsEntry("route_points", "3");
      assertThat(r.details())
          .containsEntry("workout_routes_joined", 1L)
          .containsEntry("route_files", 1L)
          .containsEntry("electrocardiograms", 1L)
          .containsEntry("cda_observations", 2L);
      assertThat(r.stored()).isEqualTo(3);
    }
  }

  static byte[] cda() {
    return """
    <?xml version="1.0"?>
    <ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:l7-org:sdtc">
     <component><section><entry><organizer><component>
      <observation classCode="OBS" moodCode="EVN"><id root="1"/><value value="72" unit="/min"/></observation>
     </component><component>
      <observation classCode="OBS" moodCode="EVN"><id root="1"/><value value="73" unit="/min"/></observation>
     </component></organizer></entry></section></component>
    </ClinicalDocument>
    """
        .getBytes();
  }

  @Test
  void alxdrciriloEnNlXmlAndMacZipGiveTheSameSamples() throws Exception {
    ImportReport xml =
        run(Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.xml"));
    assertThat(xml.read()).isEqualTo(8);
    assertThat(xml.stored()).isEqualTo(8);
    List<Sample> fromXml = store.all();

    MemoryStore fromZip = new MemoryStore();
    ImportReport zip =
        importer.importFile(
            Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip"),
            fromZip,
            ImportListener.NONE);
    assertThat(zip.stored()).isEqualTo(8);
    assertThat(zip.details()).containsEntry("entries_ignored", 3L); // .DS_Store, __MACOSX x2
    assertThat(fromZip.all()).containsExactlyInAnyOrderElementsOf(fromXml);

    assertThat(perType())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                MetricType.HEART_RATE, 2L,
                MetricType.ACTIVE_ENERGY, 2L,
                MetricType.EXERCISE_TIME, 1L,
                MetricType.STAND_TIME, 1L,
                MetricType.SLEEP_IN_BED, 1L,
                MetricType.SLEEP_CORE, 1L));
    assertThat(sourceNames()).containsExactly("Alexandre's Apple Watch", "Alexandre's iPhone");
    Sample inBed = only(MetricType.SLEEP_IN_BED);
    assertThat(inBed.value()).isCloseTo(85 / 60.0, within(1e-9));
    assertThat(inBed.source().name()).isEqualTo("Alexandre's iPhone");
    assertThat(inBed.metadata()).containsEntry("HKTimeZone", "Europe/Amsterdam");
    assertThat(only(MetricType.SLEEP_CORE).value()).isEqualTo(12.5);
    assertThat(store.of(MetricType.ACTIVE_ENERGY))
        .extracting(Sample::value)
        .containsExactly(0.12, 0.08);
    assertThat(store.stateWithPrefix(""))
        .containsEntry("apple_health.me.CardioFitnessMedicationsUse", "None");
  }

  @Test
  void frenchVersion8ExportWithDecimalCommaBeatTimes() throws Exception {
    ImportReport r =
        run(Fixtures.path("apple_health/jdecool_healthkit-parser/exporter_fr_FR_v8.xml"));

    assertThat(r.read()).isEqualTo(13);
    assertThat(r.stored()).isEqualTo(13);
    assertThat(r.rejected().count()).isZero();
    assertThat(perType()).hasSize(13);
    assertThat(only(MetricType.VO2_MAX).value()).isEqualTo(42.095);
    assertThat(only(MetricType.HEIGHT).value()).isEqualTo(183);
    assertThat(only(MetricType.DISTANCE).value()).isCloseTo(6855.2, within(1e-6));
    assertThat(only(MetricType.DISTANCE).metadata())
        .containsEntry("HKExternalUUID", "strava://activities/2071320016");
    assertThat(only(MetricType.WALKING_HEART_RATE).value()).isEqualTo(107.5);
    Sample hrv = only(MetricType.HRV_SDNN);
    assertThat(hrv.value()).isEqualTo(25.5526);
    assertThat(hrv.metadata()).containsEntry("hrv_beats", "[[5.67,78]]");
    assertThat(hrv.start().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(only(MetricType.BASAL_ENERGY).value()).isEqualTo(18087.8);
    // The file writes "Apple\u00A0Watch" (French no-break space): the same watch as elsewhere.
    assertThat(sourceNames()).containsExactly("Apple Watch", "Bar", "Foo", "iPhone");
  }

  @Test
  void version14ExportWithEveryKindOfElement() throws Exception {
    ImportReport r = run(resource("v14_export.xml"));

    assertThat(r.rejected().reasons()).isEmpty();
    // 31 top-level records, 2 correlations, 2 workouts, 2 activity summaries (the clinical
    // record is counted apart).
    assertThat(r.read()).isEqualTo(37);
    assertThat(r.unmapped()).isEmpty();
    // Every type in this export is in the catalog: stand hours, a mindful session, audio levels.
    assertThat(r.other()).isEmpty();
    assertThat(store.others()).isEmpty();
    assertThat(store.of(MetricType.STAND_HOURS))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(1.0, 0.0);
    assertThat(store.of(MetricType.STAND_HOURS).getFirst().metadata())
        .containsKey("category_value");
    assertThat(store.of(MetricType.MINDFUL_MINUTES)).extracting(Sample::value).containsExactly(5.0);
    assertThat(store.of(MetricType.HEADPHONE_AUDIO_EXPOSURE))
        .extracting(Sample::value)
        .containsExactly(71.2);
    // Blood pressure and food values inside correlations are the top-level records again.
    assertThat(store.of(MetricType.BLOOD_PRESSURE_SYSTOLIC)).hasSize(1);
    assertThat(store.of(MetricType.DIETARY_ENERGY)).hasSize(1);
    assertThat(r.details())
        .containsEntry("correlations", 2L)
        .containsEntry("correlation_records_already_stored", 4L)
        .containsEntry("other_elements.ClinicalRecord", 1L)
        .containsEntry("hrv_beat_lists", 1L);
    assertThat(r.stored()).isEqualTo(33L);
    assertThat(store.all()).hasSize(33);

    assertThat(store.of(MetricType.STEPS)).hasSize(3);
    assertThat(sourceNames())
        .contains("Anna’s iPhone", "Anna’s Apple Watch", "Oura", "Health", "Withings", "AutoSleep");
    Sample oura =
        store.of(MetricType.STEPS).stream()
            .filter(s -> s.source().name().equals("Oura"))
            .findFirst()
            .orElseThrow();
    assertThat(oura.externalId()).isEqualTo("oura-steps-2025-03-01T08");

    assertThat(only(MetricType.BLOOD_GLUCOSE).value())
        .isCloseTo(5.5 * 18.01558800000541, within(1e-9));
    assertThat(store.of(MetricType.OXYGEN_SATURATION))
        .extracting(Sample::value)
        .containsExactly(97.0, 98.0);
    assertThat(only(MetricType.BODY_FAT_PERCENTAGE).value()).isCloseTo(24.3, within(1e-9));
    assertThat(only(MetricType.BODY_MASS).value()).isCloseTo(68.0388555, within(1e-6));
    assertThat(only(MetricType.BODY_TEMPERATURE).value()).isCloseTo(37.0, within(1e-9));
    assertThat(only(MetricType.SLEEPING_WRIST_TEMPERATURE).value()).isEqualTo(35.71);
    assertThat(only(MetricType.DISTANCE).value()).isCloseTo(563.2704, within(1e-6));
    assertThat(only(MetricType.SLEEP_DEEP).value()).isEqualTo(30);
    assertThat(only(MetricType.SLEEP_REM).value()).isEqualTo(20);
    assertThat(only(MetricType.SLEEP_AWAKE).value()).isEqualTo(3);
    assertThat(only(MetricType.SLEEP_ASLEEP).value()).isEqualTo(360); // old "Asleep" value
    assertThat(only(MetricType.SLEEP_IN_BED).start().getOffset()).isEqualTo(ZoneOffset.ofHours(1));

    Sample hrv = only(MetricType.HRV_SDNN);
    // 11:59 PM then 12:00 AM: the record crosses midnight.
    assertThat(hrv.metadata()).containsEntry("hrv_beats", "[[1.42,61],[2.38,63],[51.02,60]]");

    List<Sample> workouts = store.of(MetricType.WORKOUT);
    assertThat(workouts).hasSize(2);
    Sample strength = workouts.get(0);
    assertThat(strength.value()).isEqualTo(45);
    assertThat(strength.metadata())
        .containsEntry("activity_type", "TraditionalStrengthTraining")
        .containsEntry("energy_kcal", "28.681");
    Sample run = workouts.get(1);
    assertThat(run.externalId()).isEqualTo("6C1F4C2A-7D7B-4E9B-9F1A-2B9B1E0F5A11");
    assertThat(run.metadata())
        .containsEntry("energy_kcal", "352.4")
        .containsEntry("distance_m", "5210")
        .containsEntry("basal_energy_kcal", "41.2")
        .containsEntry("heart_rate_ave", "148.5")
        .containsEntry("heart_rate_max", "172")
        .containsEntry("events", "Segment:1,Pause:1,Resume:1")
        .containsEntry("activities", "1")
        .containsEntry("HKAverageMETs", "9.81234 kcal/hr·kg")
        .containsEntry("route_points", "4")
        .doesNotContainKey("route_files"); // the duplicated WorkoutRoute is one route
    assertThat(Double.parseDouble(run.metadata().get("route_distance_m")))
        .isCloseTo(257.4, within(1.0));
    assertThat(r.details())
        .containsEntry("workout_routes", 2L)
        .containsEntry("workout_routes_joined", 1L);
  }

  @Test
  void ios8ExportWithCompactDatesAndSourceAttribute() throws Exception {
    ImportReport r = run(resource("ios8_export.xml"));

    assertThat(r.stored()).isEqualTo(4);
    assertThat(sourceNames()).containsExactly("AppleHealthDevice");
    List<Sample> steps = store.of(MetricType.STEPS);
    assertThat(steps).extracting(Sample::value).containsExactly(8.0, 1466.26);
    assertThat(steps.getFirst().start())
        .isEqualTo(OffsetDateTime.parse("2015-01-04T08:43:00-08:00"));
    assertThat(only(MetricType.DISTANCE).value()).isEqualTo(1043.5);
    assertThat(store.stateWithPrefix(""))
        .containsEntry("apple_health.me.BiologicalSex", "0")
        .doesNotContainKey("apple_health.me.DateOfBirth");
  }

  @Test
  void progressIsReported() throws Exception {
    List<org.openvitals.connectors.files.ImportProgress> seen = new java.util.ArrayList<>();
    importer.importFile(
        resource("v14_export.xml"),
        store,
        new ImportListener() {
          @Override
          public void progress(org.openvitals.connectors.files.ImportProgress p) {
            seen.add(p);
          }
        });
    assertThat(seen).isNotEmpty();
    var last = seen.getLast();
    assertThat(last.records()).isEqualTo(37);
    assertThat(last.bytesRead())
        .isEqualTo(last.totalBytes())
        .isEqualTo(Files.size(resource("v14_export.xml")));
  }

  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }
}
