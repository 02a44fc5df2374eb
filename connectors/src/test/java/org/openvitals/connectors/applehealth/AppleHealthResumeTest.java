package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvitals.connectors.applehealth.AppleHealthFixturesTest.resource;
import static org.openvitals.connectors.applehealth.AppleHealthSafetyTest.syntheticExport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.Sample;

/** Idempotency, newer exports, cancel and resume, store failures. */
class AppleHealthResumeTest {
  @TempDir Path temp;

  private final MemoryStore store = new MemoryStore();

  @Test
  void importingTheSameFileTwiceAddsNothing() throws Exception {
    AppleHealthImporter importer = new AppleHealthImporter();
    ImportReport first =
        importer.importFile(resource("v14_export.xml"), store, ImportListener.NONE);
    List<Sample> after = store.all();

    ImportReport second =
        importer.importFile(resource("v14_export.xml"), store, ImportListener.NONE);

    assertThat(second.stored()).isZero();
    assertThat(second.updated()).isZero();
    assertThat(second.duplicates()).isEqualTo(first.stored());
    assertThat(second.read()).isEqualTo(first.read());
    assertThat(store.all()).isEqualTo(after);
  }

  @Test
  void aNewerExportAddsOnlyItsNewRecords() throws Exception {
    String older = Files.readString(resource("v14_export.xml"));
    // A newer export: the same history (device object addresses differ between exports), one
    // more heart rate, and the Oura steps re-synced as version 4 with a corrected value.
    String newer =
        older
            .replace("0x30265f1e0", "0x28104a7c0")
            .replace(
                "value=\"1104\">\n  <MetadataEntry key=\"HKMetadataKeySyncIdentifier\" value=\"oura-steps-2025-03-01T08\"/>\n  <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"3\"/>",
                "value=\"1120\">\n  <MetadataEntry key=\"HKMetadataKeySyncIdentifier\" value=\"oura-steps-2025-03-01T08\"/>\n  <MetadataEntry key=\"HKMetadataKeySyncVersion\" value=\"4\"/>")
            .replace(
                " <Correlation type=\"HKCorrelationTypeIdentifierBloodPressure\"",
                " <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Anna’s Apple Watch\""
                    + " unit=\"count/min\" startDate=\"2025-03-02 08:00:00 +0000\""
                    + " endDate=\"2025-03-02 08:00:00 +0000\" value=\"61\"/>\n"
                    + " <Correlation type=\"HKCorrelationTypeIdentifierBloodPressure\"");
    assertThat(newer).isNotEqualTo(older).contains("value=\"1120\"");
    Path olderFile = Files.writeString(temp.resolve("older.xml"), older);
    Path newerFile = Files.writeString(temp.resolve("newer.xml"), newer);
    AppleHealthImporter importer = new AppleHealthImporter();
    ImportReport first = importer.importFile(olderFile, store, ImportListener.NONE);

    ImportReport second = importer.importFile(newerFile, store, ImportListener.NONE);

    assertThat(second.stored()).isEqualTo(1);
    assertThat(second.updated()).isEqualTo(1); // the re-synced Oura steps, by sync identifier
    assertThat(second.duplicates()).isEqualTo(first.stored() - 1);
    assertThat(store.all()).hasSize((int) first.stored() + 1);
  }

  @Test
  void cancelKeepsWhatWasCommittedAndTheNextRunCompletesTheRest() throws Exception {
    Path file = Files.write(temp.resolve("export.xml"), syntheticExport(5_000));
    AppleHealthImporter importer = new AppleHealthImporter(500);
    ImportListener cancelEarly =
        new ImportListener() {
          int polls;

          @Override
          public boolean cancelled() {
            return ++polls > 3;
          }
        };

    ImportReport cancelled = importer.importFile(file, store, cancelEarly);

    assertThat(cancelled.cancelled()).isTrue();
    assertThat(cancelled.stored()).isBetween(500L, 4_000L);
    assertThat(store.all()).hasSize((int) cancelled.stored());
    String checkpoint =
        store.stateWithPrefix(ImportRun.CHECKPOINT_PREFIX).values().iterator().next();
    assertThat(Long.parseLong(checkpoint)).isEqualTo(cancelled.stored());

    ImportReport resumed = importer.importFile(file, store, ImportListener.NONE);

    assertThat(resumed.cancelled()).isFalse();
    assertThat(resumed.stored()).isEqualTo(5_000 - cancelled.stored());
    assertThat(resumed.duplicates()).isEqualTo(cancelled.stored());
    assertThat(resumed.details()).containsEntry("resumed_after_element", cancelled.stored());
    assertThat(store.all()).hasSize(5_000);
    assertThat(store.stateWithPrefix(ImportRun.CHECKPOINT_PREFIX)).containsValue("complete");

    ImportReport again = importer.importFile(file, store, ImportListener.NONE);
    assertThat(again.stored()).isZero();
    assertThat(again.duplicates()).isEqualTo(5_000);
  }

  @Test
  void aStoreFailureStopsWithAClearErrorAndKeepsEarlierBatches() throws Exception {
    Path file = Files.write(temp.resolve("export.xml"), syntheticExport(3_000));
    store.failAfterUpserts(2);

    assertThatThrownBy(
            () -> new AppleHealthImporter(500).importFile(file, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("the store refused a write (disk full (simulated))")
        .hasMessageContaining("everything committed before stays");
    assertThat(store.all()).hasSize(1_000);

    store.failAfterUpserts(Integer.MAX_VALUE);
    ImportReport resumed =
        new AppleHealthImporter(500).importFile(file, store, ImportListener.NONE);
    assertThat(resumed.stored()).isEqualTo(2_000);
    assertThat(store.all()).hasSize(3_000);
  }

  @Test
  void resumeStillJoinsRoutesOfWorkoutsBeforeTheCheckpoint() throws Exception {
    // The workout (element 1) waits for its route, which comes after export.xml in the zip; a
    // cancel right after the records leaves a checkpoint past the workout. The next run must
    // still write it.
    StringBuilder xml =
        new StringBuilder(
            """
            <HealthData locale="en_US">
             <Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="20" durationUnit="min" sourceName="Watch" startDate="2024-01-01 07:00:00 +0000" endDate="2024-01-01 07:20:00 +0000">
              <WorkoutRoute sourceName="Watch" startDate="2024-01-01 07:00:00 +0000" endDate="2024-01-01 07:20:00 +0000"><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute>
             </Workout>
            """);
    for (int i = 0; i < 40; i++) {
      xml.append(
          " <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Watch\""
              + " unit=\"count/min\" startDate=\"2024-01-01 08:%02d:00 +0000\" endDate=\"2024-01-01 08:%02d:00 +0000\" value=\"%d\"/>\n"
                  .formatted(i, i, 60 + i));
    }
    xml.append("</HealthData>\n");
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("apple_health_export/export.xml", xml.toString().getBytes());
    entries.put(
        "apple_health_export/workout-routes/route_1.gpx",
        Files.readAllBytes(resource("workout-routes/route_2025-03-01_6.00pm.gpx")));
    Path zip = Zips.write(temp.resolve("export.zip"), entries);
    AppleHealthImporter importer = new AppleHealthImporter(10);

    ImportReport cancelled =
        importer.importFile(
            zip,
            store,
            new ImportListener() {
              int polls;

              @Override
              public boolean cancelled() {
                return ++polls > 3;
              }
            });
    assertThat(cancelled.cancelled()).isTrue();
    assertThat(store.of(org.openvitals.core.model.MetricType.WORKOUT)).isEmpty();

    ImportReport resumed = importer.importFile(zip, store, ImportListener.NONE);

    assertThat(resumed.cancelled()).isFalse();
    assertThat(store.of(org.openvitals.core.model.MetricType.WORKOUT))
        .singleElement()
        .satisfies(w -> assertThat(w.metadata()).containsEntry("route_points", "4"));
    assertThat(store.of(org.openvitals.core.model.MetricType.HEART_RATE)).hasSize(40);
  }

  @Test
  void progressCarriesBytesAndRecords() throws Exception {
    Path file = Files.write(temp.resolve("export.xml"), syntheticExport(3_000));
    java.util.List<ImportProgress> seen = new java.util.ArrayList<>();
    new AppleHealthImporter(500)
        .importFile(
            file,
            store,
            new ImportListener() {
              @Override
              public void progress(ImportProgress p) {
                seen.add(p);
              }
            });
    assertThat(seen.getLast().records()).isEqualTo(3_000);
    assertThat(seen.getLast().fraction()).isEqualTo(1.0);
  }
}
