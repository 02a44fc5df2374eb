package org.openvitals.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.core.testing.Fixtures;

/** Every file finds its importer through the service registration, whatever its order. */
class PresetDetectionTest {

  private static String detect(Path file) throws Exception {
    return FileImporters.detect(file).map(FileImporter::id).orElse("none");
  }

  private static Path resource(String name) throws Exception {
    return Path.of(PresetDetectionTest.class.getResource(name).toURI());
  }

  @Test
  void eachFixtureGoesToItsImporter() throws Exception {
    assertThat(detect(Fixtures.path("cronometer/dhjelmar_Diabetes/servings.csv")))
        .isEqualTo("cronometer");
    assertThat(detect(Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv")))
        .isEqualTo("cronometer");
    assertThat(detect(resource("/cronometer/dailysummary.csv"))).isEqualTo("cronometer");
    assertThat(detect(resource("/myfitnesspal/File-Export-2024-07-02-to-2024-07-04")))
        .isEqualTo("myfitnesspal");
    assertThat(detect(Fixtures.path("fitbit/mrphil007_fitbit-to-sqlite_account_export")))
        .isEqualTo("fitbit_takeout");
    assertThat(
            detect(Fixtures.path("fitbit/korymath_python-fitbit/datadumpSteps_intraday_1min.json")))
        .isEqualTo("fitbit_takeout");
    assertThat(detect(resource("/fitbit/Takeout"))).isEqualTo("fitbit_takeout");
    assertThat(
            detect(
                Fixtures.path(
                    "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv")))
        .isEqualTo("google_fit");
  }
}
