package org.openvitals.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.Fixtures;

/** A folder of exports (as unpacked from a Takeout or copied off a phone) imports as one run. */
class FolderImportTest {
  @TempDir Path temp;

  private Path folder() throws Exception {
    Path root = Files.createDirectories(temp.resolve("exports"));
    Path cronometer = Files.createDirectories(root.resolve("Cronometer"));
    Files.copy(
        Fixtures.path("cronometer/dhjelmar_Diabetes/servings.csv"),
        cronometer.resolve("servings.csv"));
    Files.copy(
        Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv"),
        cronometer.resolve("biometrics.csv"));
    Path apple = Files.createDirectories(root.resolve("apple_health_export/workout-routes"));
    Path resources = Path.of("src/test/resources/applehealth").toAbsolutePath();
    Files.copy(resources.resolve("v14_export.xml"), apple.getParent().resolve("export.xml"));
    Files.copy(
        resources.resolve("workout-routes/route_2025-03-01_6.00pm.gpx"),
        apple.resolve("route_2025-03-01_6.00pm.gpx"));
    Files.writeString(root.resolve("apple_health_export/export_cda.xml"), "<ClinicalDocument/>");
    Files.writeString(root.resolve(".DS_Store"), "litter");
    Files.write(root.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    Files.writeString(
        Files.createDirectories(root.resolve("broken")).resolve("export.xml"),
        "<HealthData><Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"iPhone\" "
            + "unit=\"count\" startDate=\"2024-01-01 08:00:00 +0000\" "
            + "endDate=\"2024-01-01 08:10:00 +0000\" value=\"5\"/><Record");
    return root;
  }

  @Test
  void importsEveryReadableFileSaysWhichItSkippedAndWhyAndKeepsGoingPastABrokenOne()
      throws Exception {
    Path root = folder();
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve("data")))) {
      FolderImport.Result result = FolderImport.run(root, store, ImportListener.NONE);

      assertThat(result.imported())
          .extracting(r -> root.relativize(Path.of(r.file())).toString(), ImportReport::format)
          .containsExactly(
              tuple("Cronometer/biometrics.csv", "cronometer"),
              tuple("Cronometer/servings.csv", "cronometer"),
              tuple("apple_health_export/export.xml", "apple_health"));
      assertThat(result.skipped())
          .extracting(s -> s.file().toString(), FolderImport.Skipped::reason)
          .containsExactlyInAnyOrder(
              tuple(".DS_Store", "hidden file"),
              tuple("photo.jpg", "no importer recognises it"),
              tuple(
                  "apple_health_export/export_cda.xml",
                  "part of the Apple Health export in apple_health_export (read with its"
                      + " export.xml)"),
              tuple(
                  "apple_health_export/workout-routes/route_2025-03-01_6.00pm.gpx",
                  "part of the Apple Health export in apple_health_export (read with its"
                      + " export.xml)"));
      assertThat(result.failed())
          .singleElement()
          .satisfies(f -> {
            assertThat(f.file().toString()).isEqualTo("broken/export.xml");
            assertThat(f.message()).contains("export.xml");
          });
      // The routes beside export.xml were joined to the workout by the Apple Health importer.
      assertThat(store.samples(MetricType.WORKOUT, Instant.EPOCH, Instant.now()))
          .anySatisfy(w -> assertThat(w.metadata()).containsKey("route_points"));
      assertThat(store.samples(MetricType.BLOOD_GLUCOSE, Instant.EPOCH, Instant.now()))
          .filteredOn(s -> s.source().provider().equals("cronometer"))
          .hasSize(91);
      long stored = result.stored();
      assertThat(stored)
          .isEqualTo(
              result.imported().stream().mapToLong(ImportReport::stored).sum()
                  + result.failed().getFirst().partial().stored());

      // Again: nothing new, every sample a duplicate.
      FolderImport.Result again = FolderImport.run(root, store, ImportListener.NONE);
      assertThat(again.stored()).isZero();
      assertThat(again.duplicates()).isEqualTo(stored);
    }
  }

  @Test
  void aFolderIsDetectedLikeAFormatAndReportsAsOneImport() throws Exception {
    Path root = folder();
    FileImporter importer = FileImporters.detect(root).orElseThrow();
    assertThat(importer.id()).isEqualTo(FolderImporter.ID);
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve("data")))) {
      ImportReport report = importer.importFile(root, store, ImportListener.NONE);

      assertThat(report.format()).isEqualTo("folder");
      assertThat(report.stored())
          .isEqualTo(store.sources().stream().mapToLong(s -> s.sampleCount()).sum());
      assertThat(report.other()).containsEntry("Sleep (Garmin)", 3L);
      assertThat(report.details())
          .containsEntry("skipped: photo.jpg (no importer recognises it)", 1L)
          .containsEntry("failed: broken/export.xml", 1L)
          .containsKey("imported: Cronometer/servings.csv (cronometer)");
      assertThat(report.rejected().reasons())
          .anySatisfy(r -> assertThat(r).startsWith("broken/export.xml: import stopped: "));
    }
  }
}
