package org.openvitals.connectors.cronometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.testing.Fixtures;

class CronometerImporterTest {
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private final CronometerImporter importer = new CronometerImporter(CHICAGO);

  private static Path resource(String name) throws Exception {
    return Path.of(CronometerImporterTest.class.getResource("/cronometer/" + name).toURI());
  }

  private static Sample find(List<Sample> samples, String externalId) {
    return samples.stream()
        .filter(s -> externalId.equals(s.externalId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void recognisesEachExportByItsHeader() throws Exception {
    assertThat(importer.canRead(Fixtures.path("cronometer/dhjelmar_Diabetes/servings.csv")))
        .isTrue();
    assertThat(importer.canRead(Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv")))
        .isTrue();
    assertThat(importer.canRead(resource("dailysummary.csv"))).isTrue();
    assertThat(importer.canRead(resource("exercises.csv"))).isTrue();
    assertThat(
            importer.canRead(
                Fixtures.path(
                    "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv")))
        .isFalse();
  }

  @Test
  void realServingsAreSummedPerDayAndMeal() throws Exception {
    MemoryStore store = new MemoryStore();

    ImportReport report =
        importer.importFile(
            Fixtures.path("cronometer/dhjelmar_Diabetes/servings.csv"), store, ImportListener.NONE);

    assertThat(report.read()).isEqualTo(98);
    assertThat(report.rejected().count()).isZero();
    List<Sample> energy = store.of(MetricType.DIETARY_ENERGY);
    assertThat(energy).hasSize(27);
    Sample breakfast = find(energy, "2022-11-03/Breakfast");
    assertThat(breakfast.value()).isCloseTo(1058.29, within(1e-9));
    assertThat(breakfast.source()).isEqualTo(CronometerImporter.MEALS_SOURCE);
    assertThat(breakfast.metadata())
        .containsEntry("meal", "Breakfast")
        .containsEntry("entries", "6")
        .containsEntry("first_entry", "09:51");
    assertThat(breakfast.start()).isEqualTo(OffsetDateTime.parse("2022-11-03T00:00-05:00"));
    assertThat(breakfast.end()).isEqualTo(OffsetDateTime.parse("2022-11-04T00:00-05:00"));
    assertThat(find(store.of(MetricType.PROTEIN), "2022-11-03/Lunch").value())
        .isCloseTo(130.05, within(1e-9));
    // mg stays mg; the canonical unit of sodium is mg.
    assertThat(find(store.of(MetricType.SODIUM), "2022-11-03/Dinner").value())
        .isCloseTo(1655.39, within(1e-9));
    // Every nutrient column of the file has a metric: vitamins, minerals, fatty and amino acids.
    assertThat(report.unmapped()).isEmpty();
    assertThat(report.other()).isEmpty();
    assertThat(find(store.of(MetricType.VITAMIN_B12), "2022-11-03/Breakfast").value())
        .isCloseTo(3.54, within(1e-9));
    assertThat(find(store.of(MetricType.MAGNESIUM), "2022-11-03/Breakfast").value())
        .isCloseTo(176.31, within(1e-9));
    // Vitamin D is written in IU; the catalog keeps µg (1 IU = 0.025 µg).
    assertThat(find(store.of(MetricType.VITAMIN_D), "2022-11-03/Breakfast").value())
        .isCloseTo(403.08 * 0.025, within(1e-9));
    assertThat(find(store.of(MetricType.OMEGA_3), "2022-11-03/Breakfast").value())
        .isCloseTo(0.39, within(1e-9));
    assertThat(find(store.of(MetricType.LEUCINE), "2022-11-03/Breakfast").value())
        .isCloseTo(6.42, within(1e-9));
  }

  @Test
  void realBiometricsKeepUnitsAndSyncedDevices() throws Exception {
    MemoryStore store = new MemoryStore();

    ImportReport report =
        importer.importFile(
            Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv"),
            store,
            ImportListener.NONE);

    assertThat(report.read()).isEqualTo(127);
    assertThat(report.rejected().count()).isZero();
    List<Sample> glucose = store.of(MetricType.BLOOD_GLUCOSE);
    assertThat(glucose).hasSize(91);
    assertThat(glucose.getFirst().value()).isEqualTo(258.0);
    assertThat(glucose.getFirst().start())
        .isEqualTo(OffsetDateTime.parse("2022-11-03T08:30-05:00"));
    List<Sample> heart = store.of(MetricType.HEART_RATE);
    assertThat(heart).hasSize(3);
    assertThat(heart.getFirst().device()).isEqualTo("Garmin");
    assertThat(heart.getFirst().value()).isEqualTo(63.0);
    assertThat(store.of(MetricType.INSULIN_DELIVERY)).hasSize(30);
    // Sleep as a daily total in hours has no metric: kept as written, not dropped.
    assertThat(report.unmapped()).isEmpty();
    assertThat(report.other()).containsExactly(Map.entry("Sleep (Garmin)", 3L));
    assertThat(store.others())
        .extracting(OtherSample::unit, OtherSample::device)
        .containsOnly(org.assertj.core.api.Assertions.tuple("hours", "Garmin"));
  }

  @Test
  void dailySummaryStoresDayTotalsAndLeavesUntrackedNutrientsOut() throws Exception {
    MemoryStore store = new MemoryStore();

    ImportReport report =
        importer.importFile(resource("dailysummary.csv"), store, ImportListener.NONE);

    assertThat(report.read()).isEqualTo(3);
    List<Sample> energy = store.of(MetricType.DIETARY_ENERGY);
    assertThat(energy).extracting(Sample::value).containsExactly(2893.56, 2104.10, 640.0);
    assertThat(energy.getFirst().source()).isEqualTo(CronometerImporter.SOURCE);
    assertThat(energy.getFirst().externalId()).isEqualTo("2023-09-18");
    assertThat(energy.getLast().metadata()).containsEntry("completed", "false");
    // 2023-09-20 logged only energy and protein: no zero carbs appear for it.
    assertThat(store.of(MetricType.CARBOHYDRATES)).hasSize(2);
    assertThat(store.of(MetricType.PROTEIN)).hasSize(3);
    assertThat(store.of(MetricType.WATER).getFirst().value()).isEqualTo(2650.12);
    assertThat(store.of(MetricType.FAT_SATURATED).getFirst().value()).isEqualTo(31.42);
    // All 60 nutrient columns of the daily summary have a metric.
    assertThat(report.unmapped()).isEmpty();
    assertThat(report.other()).isEmpty();
    assertThat(store.of(MetricType.OXALATE).getFirst().value()).isEqualTo(11.88);
    assertThat(store.of(MetricType.OMEGA_6_LA).getFirst().value()).isEqualTo(46.74);
    assertThat(store.of(MetricType.VALINE).getFirst().value()).isEqualTo(21.61);
    assertThat(store.of(MetricType.VITAMIN_D).getFirst().value())
        .isCloseTo(26.88 * 0.025, within(1e-9));
  }

  @Test
  void aColumnWithoutAMetricIsKeptAndPromotedOnceTheCatalogHasIt(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dailysummary.csv"),
            "Date,Energy (kcal),Ergothioneine (mg),Completed\n2023-09-18,2000,3.5,true\n");
    MemoryStore store = new MemoryStore();

    ImportReport report = importer.importFile(file, store, ImportListener.NONE);

    assertThat(report.other()).containsExactly(Map.entry("Ergothioneine (mg)", 1L));
    OtherSample kept = store.others().getFirst();
    assertThat(kept.unit()).isEqualTo("mg");
    assertThat(kept.value()).isEqualTo("3.5");
    assertThat(kept.externalId()).isEqualTo("2023-09-18");
    assertThat(importer.promote(kept)).isEmpty();

    // What an older version, without magnesium in its catalog, kept becomes a sample now.
    OtherSample magnesium =
        new OtherSample(
            "Magnesium (mg)",
            "mg",
            kept.start(),
            kept.end(),
            "310",
            CronometerImporter.SOURCE,
            null,
            "2023-09-18",
            kept.metadata());
    Sample promoted = importer.promote(magnesium).orElseThrow();
    assertThat(promoted.type()).isEqualTo(MetricType.MAGNESIUM);
    assertThat(promoted.value()).isEqualTo(310.0);
    assertThat(promoted.externalId()).isEqualTo("2023-09-18");
  }

  @Test
  void exercisesBecomeWorkoutsAndActiveEnergyWithBadRowsReported() throws Exception {
    MemoryStore store = new MemoryStore();

    ImportReport report =
        importer.importFile(resource("exercises.csv"), store, ImportListener.NONE);

    assertThat(report.read()).isEqualTo(7);
    assertThat(report.rejected().reasons())
        .containsExactly("row 8: column 'Minutes': 'fifty' is not a number");
    List<Sample> workouts = store.of(MetricType.WORKOUT);
    assertThat(workouts).hasSize(5);
    Sample strength = find(workouts, "2026-07-15/Traditional Strength Training (Apple Health)");
    assertThat(strength.value()).isCloseTo(57.6685, within(1e-4));
    assertThat(strength.device()).isEqualTo("Apple Health");
    assertThat(find(workouts, "2026-07-16/Martial Arts#2").value()).isEqualTo(20.0);
    List<Sample> energy = store.of(MetricType.ACTIVE_ENERGY);
    assertThat(find(energy, "2026-07-15/Active Energy Balance (Apple Health)").value())
        .isEqualTo(402.21);
    assertThat(energy).hasSize(6);
  }

  @Test
  void reimportingAndAGrownExportAreIdempotent(@TempDir Path dir) throws Exception {
    Path servings = Fixtures.path("cronometer/dhjelmar_Diabetes/servings.csv");
    List<String> lines = Files.readAllLines(servings);
    Path partial = dir.resolve("servings.csv");
    Files.write(partial, lines.subList(0, 50));
    MemoryStore store = new MemoryStore();

    ImportReport first = importer.importFile(partial, store, ImportListener.NONE);
    ImportReport again = importer.importFile(partial, store, ImportListener.NONE);
    Files.copy(servings, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ImportReport grown = importer.importFile(partial, store, ImportListener.NONE);
    MemoryStore fresh = new MemoryStore();
    importer.importFile(servings, fresh, ImportListener.NONE);

    assertThat(again.stored()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.duplicates()).isEqualTo(first.stored());
    assertThat(grown.stored()).isPositive();
    // The meal that was cut in half is completed by an update, not a second total.
    assertThat(store.all()).containsExactlyInAnyOrderElementsOf(fresh.all());
  }
}
