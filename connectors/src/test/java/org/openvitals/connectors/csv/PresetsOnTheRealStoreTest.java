package org.openvitals.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cronometer.CronometerImporter;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.fitbit.FitbitTakeoutImporter;
import org.openvitals.connectors.myfitnesspal.MyFitnessPalImporter;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.Fixtures;
import org.openvitals.core.time.DayBoundaries;

/** The presets against the real SQLite store: idempotent there too, and rolled up per day. */
class PresetsOnTheRealStoreTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  @TempDir Path dataDir;

  private static Path resource(String name) throws Exception {
    return Path.of(PresetsOnTheRealStoreTest.class.getResource(name).toURI());
  }

  @Test
  void everyPresetImportsOnceAndReimportsAsDuplicates() throws Exception {
    List<FileImporter> importers =
        List.of(
            new CronometerImporter(BERLIN),
            new CronometerImporter(BERLIN),
            new CronometerImporter(BERLIN),
            new MyFitnessPalImporter(BERLIN, null),
            new FitbitTakeoutImporter(BERLIN, ZoneOffset.UTC),
            new FitbitTakeoutImporter(BERLIN, ZoneOffset.UTC),
            CsvImporter.withMapping(resource("/csv/google_fit_daily.mapping.json")));
    List<Path> files =
        List.of(
            Fixtures.path("cronometer/dhjelmar_Diabetes/servings.csv"),
            Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv"),
            resource("/cronometer/dailysummary.csv"),
            resource("/myfitnesspal/File-Export-2024-07-02-to-2024-07-04"),
            Fixtures.path("fitbit/mrphil007_fitbit-to-sqlite_account_export"),
            resource("/fitbit/Takeout"),
            Fixtures.path(
                "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv"));
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dataDir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      for (int i = 0; i < files.size(); i++) {
        ImportReport first = importers.get(i).importFile(files.get(i), store, ImportListener.NONE);
        ImportReport again = importers.get(i).importFile(files.get(i), store, ImportListener.NONE);

        assertThat(first.stored()).as(files.get(i).toString()).isPositive();
        assertThat(again.stored()).as(files.get(i).toString()).isZero();
        assertThat(again.updated()).as(files.get(i).toString()).isZero();
        assertThat(again.duplicates()).as(files.get(i).toString()).isEqualTo(first.stored());
      }

      // MyFitnessPal meals of one day roll up to the day's total under its own source.
      DailyRollup mfp =
          store
              .daily(MetricType.DIETARY_ENERGY, LocalDate.of(2024, 7, 2), LocalDate.of(2024, 7, 2))
              .stream()
              .filter(r -> r.source().equals(MyFitnessPalImporter.SOURCE))
              .findFirst()
              .orElseThrow();
      assertThat(mfp.sum()).isCloseTo(518.0 + 1050.0 + 733.5, within(1e-9));
      assertThat(mfp.count()).isEqualTo(3);
      DailyRollup cronometer =
          store
              .daily(
                  MetricType.DIETARY_ENERGY, LocalDate.of(2022, 11, 3), LocalDate.of(2022, 11, 3))
              .getFirst();
      assertThat(cronometer.source()).isEqualTo(CronometerImporter.MEALS_SOURCE);
      assertThat(cronometer.sum()).isCloseTo(1058.29 + 701.25 + 691.06 + 302.0, within(1e-6));
    }
  }
}
