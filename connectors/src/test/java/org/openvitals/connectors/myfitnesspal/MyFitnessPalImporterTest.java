package org.openvitals.connectors.myfitnesspal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

class MyFitnessPalImporterTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final MyFitnessPalImporter importer = new MyFitnessPalImporter(BERLIN, null);
  @TempDir Path dir;

  private static Path resource(String name) throws Exception {
    return Path.of(MyFitnessPalImporterTest.class.getResource("/myfitnesspal/" + name).toURI());
  }

  private static Path export() throws Exception {
    return resource("File-Export-2024-07-02-to-2024-07-04");
  }

  private static Sample find(List<Sample> samples, String externalId) {
    return samples.stream()
        .filter(s -> externalId.equals(s.externalId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theExportFolderImportsNutritionPerMealExerciseAndMeasurements() throws Exception {
    MemoryStore store = new MemoryStore();

    ImportReport report = importer.importFile(export(), store, ImportListener.NONE);

    assertThat(report.rejected().reasons()).isEmpty();
    assertThat(report.read()).isEqualTo(6 + 4 + 2);
    List<Sample> energy = store.of(MetricType.DIETARY_ENERGY);
    assertThat(energy).hasSize(6);
    assertThat(find(energy, "2024-07-02/Breakfast").value()).isEqualTo(518.0);
    assertThat(find(energy, "2024-07-02/Lunch").value()).isEqualTo(1050.0);
    assertThat(find(energy, "2024-07-03/Post-Workout").metadata())
        .containsEntry("meal", "Post-Workout");
    assertThat(find(energy, "2024-07-02/Breakfast").source())
        .isEqualTo(MyFitnessPalImporter.SOURCE);
    assertThat(find(energy, "2024-07-02/Breakfast").start())
        .isEqualTo(OffsetDateTime.parse("2024-07-02T00:00+02:00"));
    assertThat(find(store.of(MetricType.SODIUM), "2024-07-02/Breakfast").value()).isEqualTo(574.5);
    assertThat(find(store.of(MetricType.FAT_SATURATED), "2024-07-02/Breakfast").value())
        .isEqualTo(7.9);
    assertThat(find(store.of(MetricType.CHOLESTEROL), "2024-07-02/Lunch").value()).isEqualTo(95.0);
    // Vitamin A/C, Calcium and Iron are % of daily value in MyFitnessPal: never stored as mg.
    assertThat(store.of(MetricType.CALCIUM)).isEmpty();
    assertThat(store.of(MetricType.VITAMIN_C)).isEmpty();
    assertThat(store.of(MetricType.VITAMIN_A)).isEmpty();
    assertThat(report.unmapped())
        .containsKeys(
            "MyFitnessPal column 'Vitamin A'",
            "MyFitnessPal column 'Vitamin C'",
            "MyFitnessPal column 'Iron'");
    // The snack row filled few columns: the rest stay absent, not zero.
    assertThat(store.of(MetricType.FIBER)).hasSize(5);

    List<Sample> workouts = store.of(MetricType.WORKOUT);
    assertThat(workouts).extracting(Sample::value).containsExactly(18.0, 10.0);
    assertThat(workouts.getFirst().metadata())
        .containsEntry("exercise", "Walking, 3.5 mph, brisk pace");
    assertThat(store.of(MetricType.STEPS)).extracting(Sample::value).containsExactly(9840.0);
    assertThat(store.of(MetricType.ACTIVE_ENERGY))
        .extracting(Sample::value)
        .containsExactly(573.0, 178.0, 95.0);
    assertThat(report.unmapped())
        .containsEntry("MyFitnessPal strength entries without minutes, calories or steps", 1L);

    assertThat(store.of(MetricType.BODY_MASS))
        .extracting(Sample::value)
        .containsExactly(85.5, 84.5);
  }

  @Test
  void theZipReadsTheSameEvenWhenMeasurementsComeBeforeTheUnit() throws Exception {
    Path zip = dir.resolve("File-Export-2024-07-02-to-2024-07-04.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (String kind : List.of("Measurement", "Nutrition", "Exercise")) {
        String name = kind + "-Summary-2024-07-02-to-2024-07-04.csv";
        z.putNextEntry(new ZipEntry("File-Export-2024-07-02-to-2024-07-04/" + name));
        z.write(Files.readAllBytes(export().resolve(name)));
        z.closeEntry();
      }
    }
    MemoryStore fromFolder = new MemoryStore();
    importer.importFile(export(), fromFolder, ImportListener.NONE);
    MemoryStore fromZip = new MemoryStore();

    assertThat(importer.canRead(zip)).isTrue();
    importer.importFile(zip, fromZip, ImportListener.NONE);

    assertThat(fromZip.all()).containsExactlyInAnyOrderElementsOf(fromFolder.all());
  }

  @Test
  void aMeasurementFileTakesTheUnitFromTheExerciseFileBesideIt() throws Exception {
    MemoryStore store = new MemoryStore();

    importer.importFile(
        resource("imperial/Measurement-Summary-2018-07-01-to-2018-07-02.csv"),
        store,
        ImportListener.NONE);

    assertThat(store.of(MetricType.BODY_MASS).getFirst().value()).isCloseTo(93.122, within(0.001));
    assertThat(store.of(MetricType.BODY_FAT_PERCENTAGE))
        .extracting(Sample::value)
        .containsExactly(31.3);
  }

  @Test
  void aLoneMeasurementFileSaysWhereTheUnitMustComeFrom() throws Exception {
    Path lone = dir.resolve("Measurement-Summary-2024-07-02-to-2024-07-04.csv");
    Files.copy(export().resolve(lone.getFileName().toString()), lone);

    assertThatThrownBy(() -> importer.importFile(lone, new MemoryStore(), ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("does not write the unit of weights");
    MemoryStore store = new MemoryStore();
    new MyFitnessPalImporter(BERLIN, "kg").importFile(lone, store, ImportListener.NONE);
    assertThat(store.of(MetricType.BODY_MASS)).hasSize(2);
  }

  @Test
  void foodEntriesWithTimesAreSummedPerMeal() throws Exception {
    MemoryStore store = new MemoryStore();

    importer.importFile(
        resource("imperial/Nutrition-Summary-2018-07-01-to-2018-07-02.csv"),
        store,
        ImportListener.NONE);

    Sample breakfast = find(store.of(MetricType.DIETARY_ENERGY), "2018-07-01/Breakfast");
    assertThat(breakfast.value()).isEqualTo(350.0);
    assertThat(breakfast.metadata())
        .containsEntry("entries", "2")
        .containsEntry("first_entry", "10:00");
    assertThat(find(store.of(MetricType.DIETARY_ENERGY), "2018-07-01/Dinner").metadata())
        .doesNotContainKey("first_entry");
    assertThat(find(store.of(MetricType.PROTEIN), "2018-07-01/Breakfast").value())
        .isCloseTo(19.8, within(1e-9));
  }

  @Test
  void reimportingTheExportAddsNothing() throws Exception {
    MemoryStore store = new MemoryStore();
    ImportReport first = importer.importFile(export(), store, ImportListener.NONE);

    ImportReport second = importer.importFile(export(), store, ImportListener.NONE);

    assertThat(second.stored()).isZero();
    assertThat(second.updated()).isZero();
    assertThat(second.duplicates()).isEqualTo(first.stored());
  }

  @Test
  void recognisesItsFilesButNotAnyDateWeightTable() throws Exception {
    Path generic = dir.resolve("weights.csv");
    Files.writeString(generic, "Date,Weight\n2024-01-01,80\n");

    assertThat(importer.canRead(export())).isTrue();
    assertThat(importer.canRead(resource("imperial/Exercise-Summary-2018-07-01-to-2018-07-02.csv")))
        .isTrue();
    assertThat(
            importer.canRead(resource("imperial/Measurement-Summary-2018-07-01-to-2018-07-02.csv")))
        .isTrue();
    assertThat(importer.canRead(generic)).isFalse();
  }
}
