package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.connectors.applehealth.AppleHealthFixturesTest.resource;
import static org.openvitals.connectors.applehealth.AppleHealthSafetyTest.syntheticExport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/** The same guarantees against the real SQLite store. */
class AppleHealthSqliteTest {
  @TempDir Path temp;

  @Test
  void importTwiceAndResumeAgainstSqlite() throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve("data")))) {
      AppleHealthImporter importer = new AppleHealthImporter();
      ImportReport first =
          importer.importFile(resource("v14_export.xml"), store, ImportListener.NONE);
      assertThat(first.stored()).isEqualTo(33);
      assertThat(first.details()).containsEntry("correlation_records_already_stored", 4L);

      ImportReport second =
          importer.importFile(resource("v14_export.xml"), store, ImportListener.NONE);
      assertThat(second.stored()).isZero();
      assertThat(second.updated()).isZero();
      assertThat(second.duplicates()).isEqualTo(33);

      var bp = store.samples(MetricType.BLOOD_PRESSURE_SYSTOLIC, Instant.EPOCH, Instant.now());
      assertThat(bp).extracting(Sample::value).containsExactly(121.0);
      var workouts = store.samples(MetricType.WORKOUT, Instant.EPOCH, Instant.now());
      assertThat(workouts).hasSize(2);
      assertThat(workouts.get(1).metadata()).containsEntry("route_points", "4");
      assertThat(workouts.get(1).start().getOffset().getTotalSeconds()).isEqualTo(3600);
      assertThat(store.state("apple_health.me.BiologicalSex")).contains("HKBiologicalSexFemale");
    }
  }

  @Test
  void cancelThenResumeAgainstSqlite() throws Exception {
    Path file = Files.write(temp.resolve("export.xml"), syntheticExport(4_000));
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve("data")))) {
      AppleHealthImporter importer = new AppleHealthImporter(500);
      ImportReport cancelled =
          importer.importFile(
              file,
              store,
              new ImportListener() {
                int polls;

                @Override
                public boolean cancelled() {
                  return ++polls > 2;
                }
              });
      assertThat(cancelled.cancelled()).isTrue();
      long committed = store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()).size();
      assertThat(committed).isEqualTo(cancelled.stored()).isBetween(500L, 3_500L);

      ImportReport resumed = importer.importFile(file, store, ImportListener.NONE);

      assertThat(resumed.stored()).isEqualTo(4_000 - committed);
      assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now())).hasSize(4_000);
    }
  }
}
