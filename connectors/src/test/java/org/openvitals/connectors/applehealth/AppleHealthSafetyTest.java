package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvitals.connectors.applehealth.AppleHealthFixturesTest.resource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

/** Hostile and broken input: refused or skipped with a reason that says where. */
class AppleHealthSafetyTest {
  @TempDir Path temp;

  private final AppleHealthImporter importer = new AppleHealthImporter();
  private final MemoryStore store = new MemoryStore();

  @Test
  void externalEntityIsRefusedAndNothingIsRead() {
    Path xxe = resource("xxe.xml");

    assertThatThrownBy(() -> importer.importFile(xxe, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("xxe.xml")
        .hasMessageContaining("line 9")
        .hasMessageContaining("refused entity reference &xxe;");
    // The record before the entity is kept; nothing anywhere holds the file's content.
    assertThat(store.of(MetricType.STEPS)).extracting(Sample::value).containsExactly(100.0);
    assertThat(store.all().toString()).doesNotContain("root:");
  }

  @Test
  void billionLaughsIsRefusedWithoutExpanding() {
    assertThatThrownBy(
            () -> importer.importFile(resource("billion_laughs.xml"), store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("line 16")
        .hasMessageContaining("refused entity reference &lol9;");
    assertThat(store.of(MetricType.STEPS)).hasSize(1);
  }

  @Test
  void badDatesNumbersAndUnitsSkipTheRecordWithAReasonAndTheRestIsImported() throws Exception {
    ImportReport r = importer.importFile(resource("bad_rows.xml"), store, ImportListener.NONE);

    assertThat(r.read()).isEqualTo(9);
    assertThat(r.stored()).isEqualTo(2);
    assertThat(r.rejected().count()).isEqualTo(7);
    assertThat(r.rejected().reasons())
        .containsExactly(
            "bad_rows.xml line 5, column 2: Record HKQuantityTypeIdentifierStepCount: bad date"
                + " '2024-13-45 08:00:00 +0000'",
            "bad_rows.xml line 6, column 2: Record HKQuantityTypeIdentifierStepCount: bad date"
                + " 'yesterday' (expected yyyy-MM-dd HH:mm:ss ±hhmm)",
            "bad_rows.xml line 7, column 2: Record HKQuantityTypeIdentifierHeartRate: bad value"
                + " 'seventy'",
            "bad_rows.xml line 8, column 2: Record HKQuantityTypeIdentifierHeartRate: heart_rate"
                + " sample has no finite value: NaN",
            "bad_rows.xml line 9, column 2: Record HKQuantityTypeIdentifierBodyMass: Unknown unit"
                + " 'furlong' for body_mass (expected kg)",
            "bad_rows.xml line 10, column 2: Record HKQuantityTypeIdentifierStepCount: steps"
                + " sample ends (2024-01-01T08:50Z) before it starts (2024-01-01T09:00Z)",
            "bad_rows.xml line 11, column 2: Record HKCategoryTypeIdentifierSleepAnalysis: unknown"
                + " sleep analysis value 'HKCategoryValueSleepAnalysisDreaming'");
    assertThat(store.of(MetricType.STEPS)).extracting(Sample::value).containsExactly(100.0, 104.0);
  }

  @Test
  void overlongNamesAndValuesAreRefusedWithAShortReason() throws Exception {
    String huge = "x".repeat(3_000_000);
    String record =
        " <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"%s\" unit=\"count\""
            + " startDate=\"2024-01-01 08:0%d:00 +0000\" endDate=\"2024-01-01 08:0%d:00 +0000\""
            + " value=\"%s\"%s";
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HealthData locale=\"en_US\">\n"
            + String.format(record, "iPhone", 0, 1, "100", "/>\n")
            + String.format(record, huge, 1, 2, "101", "/>\n")
            + String.format(record, "iPhone", 2, 3, huge, "/>\n")
            + String.format(
                record,
                "iPhone",
                3,
                4,
                "103",
                "><MetadataEntry key=\"note\" value=\"" + huge + "\"/></Record>\n")
            + "</HealthData>\n";
    Path file = Files.writeString(temp.resolve("export.xml"), xml);

    ImportReport r = importer.importFile(file, store, ImportListener.NONE);

    assertThat(r.stored()).isEqualTo(1);
    assertThat(r.rejected().count()).isEqualTo(3);
    assertThat(r.rejected().reasons())
        .allSatisfy(reason -> assertThat(reason.length()).isLessThan(400));
    assertThat(r.rejected().reasons().get(0))
        .endsWith("a source name of 3,000,000 characters is longer than the 200 kept");
    assertThat(r.rejected().reasons().get(1)).endsWith("xxx...' (3,000,000 characters)");
    assertThat(r.rejected().reasons().get(2))
        .endsWith(
            "steps sample has a metadata entry of 3,000,000 characters; at most 16,384 are kept");
    assertThat(store.all()).extracting(s -> s.source().name()).containsExactly("iPhone");
  }

  @Test
  void truncatedXmlNamesLineAndColumnAndKeepsWhatCameBefore() throws Exception {
    String full = Files.readString(resource("v14_export.xml"));
    int cut = full.indexOf("<Record type=\"HKQuantityTypeIdentifierRestingHeartRate\"") + 40;
    Path truncated = Files.writeString(temp.resolve("export.xml"), full.substring(0, cut));

    assertThatThrownBy(() -> importer.importFile(truncated, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining(truncated.toString())
        .hasMessageMatching("(?s).*line \\d+, column \\d+.*")
        .hasMessageContaining("end-of-input")
        .satisfies(e -> {
          ImportReport partial = ((ImportException) e).partial();
          assertThat(partial.stored()).isEqualTo(store.all().size()).isGreaterThan(15);
        });
    assertThat(store.of(MetricType.HRV_SDNN)).hasSize(1);
    assertThat(store.of(MetricType.STEPS)).hasSize(3);
    assertThat(store.of(MetricType.RESTING_HEART_RATE)).isEmpty();
  }

  @Test
  void truncatedZipSaysTheFileEndsEarlyAndKeepsWhatCameBefore() throws Exception {
    Path zip =
        Zips.write(
            temp.resolve("full.zip"),
            Map.of("apple_health_export/export.xml", syntheticExport(20_000)));
    byte[] bytes = Files.readAllBytes(zip);
    Path cut = Files.write(temp.resolve("export.zip"), Arrays.copyOf(bytes, bytes.length / 2));
    AppleHealthImporter smallBatches = new AppleHealthImporter(1000);

    assertThatThrownBy(() -> smallBatches.importFile(cut, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("export.zip in apple_health_export/export.xml at line")
        .hasMessageContaining("the file ends early");
    assertThat(store.all()).hasSizeGreaterThan(1000);
  }

  @Test
  void aZipWhoseTableOfContentsIsCutOffSaysTheArchiveIsDamagedAndKeepsEverythingRead()
      throws Exception {
    Path zip =
        Zips.write(
            temp.resolve("full.zip"),
            Map.of("apple_health_export/export.xml", syntheticExport(200)));
    byte[] bytes = Files.readAllBytes(zip);
    // Every entry is whole; only the end of the central directory is gone.
    Path cut = Files.write(temp.resolve("export.zip"), Arrays.copyOf(bytes, bytes.length - 10));

    assertThatThrownBy(() -> importer.importFile(cut, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith(cut + ": the archive is damaged: its table of contents")
        .hasMessageNotContaining("(null)")
        .hasMessageNotContaining(" in apple_health_export/export.xml");
    assertThat(store.of(MetricType.STEPS)).hasSize(200);
  }

  @Test
  void zipBombIsRefusedByItsCompressionRatio() throws Exception {
    byte[] zeros = new byte[64 << 20];
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("apple_health_export/electrocardiograms/ecg.csv", zeros);
    entries.put("apple_health_export/export.xml", syntheticExport(10));
    Path bomb = Zips.write(temp.resolve("bomb.zip"), entries);

    assertThatThrownBy(() -> importer.importFile(bomb, store, ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("zip refused: compression ratio above 200:1");
  }

  @Test
  void entryNamesThatClimbOutOfTheExportAreRefused() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("apple_health_export/export.xml", syntheticExport(10));
    entries.put("apple_health_export/../../evil.gpx", "<gpx/>".getBytes());
    Path zip = Zips.write(temp.resolve("evil.zip"), entries);

    assertThatThrownBy(() -> importer.importFile(zip, store, ImportListener.NONE))
        .hasMessageContaining("unsafe entry name 'apple_health_export/../../evil.gpx'");
    assertThat(ZipGuard.safeName("/etc/passwd")).isFalse();
    assertThat(ZipGuard.safeName("C:\\x")).isFalse();
    assertThat(ZipGuard.safeName("apple_health_export/workout-routes/a..b.gpx")).isTrue();
  }

  @Test
  void routeReferenceOutsideTheExportFolderIsNotFollowed() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("export"));
    Files.writeString(temp.resolve("secret.gpx"), "<gpx/>");
    Files.writeString(
        folder.resolve("export.xml"),
        """
        <HealthData locale="en_US">
         <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="10" durationUnit="min" sourceName="Watch" startDate="2024-01-01 08:00:00 +0000" endDate="2024-01-01 08:10:00 +0000">
          <WorkoutRoute sourceName="Watch" startDate="2024-01-01 08:00:00 +0000" endDate="2024-01-01 08:10:00 +0000">
           <FileReference path="/../secret.gpx"/>
          </WorkoutRoute>
         </Workout>
        </HealthData>
        """);

    ImportReport r = importer.importFile(folder.resolve("export.xml"), store, ImportListener.NONE);

    assertThat(r.rejected().reasons()).anyMatch(s -> s.contains("leads outside the export"));
    assertThat(store.of(MetricType.WORKOUT).getFirst().metadata()).containsKey("route_missing");
  }

  @Test
  void zipWithoutAnExportSaysSo() throws Exception {
    Path zip = Zips.write(temp.resolve("x.zip"), Map.of("notes.txt", "hi".getBytes()));
    assertThatThrownBy(() -> importer.importFile(zip, store, ImportListener.NONE))
        .hasMessageContaining("no apple_health_export/export.xml in this zip");
  }

  /** A small but well-formed export of {@code records} step records, one a minute. */
  static byte[] syntheticExport(int records) {
    StringBuilder sb =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HealthData locale=\"en_US\">\n");
    for (int i = 0; i < records; i++) {
      int minute = i % 60;
      int hour = (i / 60) % 24;
      int day = 1 + (i / 1440) % 28;
      int month = 1 + (i / (1440 * 28)) % 12;
      String t = String.format("2024-%02d-%02d %02d:%02d:00 +0100", month, day, hour, minute);
      sb.append(" <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"iPhone\"")
          .append(" unit=\"count\" startDate=\"")
          .append(t)
          .append("\" endDate=\"")
          .append(t)
          .append("\" value=\"")
          .append(10 + i % 90)
          .append("\"/>\n");
    }
    return sb.append("</HealthData>\n").toString().getBytes();
  }
}
