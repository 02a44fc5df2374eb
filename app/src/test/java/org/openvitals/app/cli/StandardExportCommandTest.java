package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;

/**
 * {@code export --format omh|fhir} with a period, metrics and merged or every source's values. The
 * app's class path is the packaged app's, which has no HAPI FHIR (a test dependency of connectors
 * only), so this also shows the FHIR export runs without it. The formats themselves are validated
 * against their schemas and HAPI's R4 validator in connectors' StandardExportTest.
 */
class StandardExportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = temp.resolve("data").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void openMHealthForAPeriodAndMetricsMergedOrEverySource() throws Exception {
    assertThat(run("demo", "--days", "5", "--end", "2026-02-27").exit()).isZero();
    Path merged = temp.resolve("merged.json");
    Run m =
        run(
            "export",
            "--format",
            "omh",
            "--out",
            merged.toString(),
            "--from",
            "2026-02-25",
            "--to",
            "2026-02-27",
            "--metric",
            "steps",
            "--metric",
            "body_mass",
            "--merged");
    assertThat(m.exit()).as(m.err()).isZero();
    JsonNode points = JSON.readTree(merged.toFile());
    long steps = 0;
    for (JsonNode p : points) {
      String name = p.at("/header/schema_id/name").asText();
      assertThat(name).isIn("step-count", "body-weight");
      steps += name.equals("step-count") ? 1 : 0;
    }
    assertThat(steps).isEqualTo(3); // one merged total a day
    assertThat(m.out())
        .contains("Exported " + points.size() + " data points", "omh:step-count:2.0");

    Path all = temp.resolve("all.json");
    Run a =
        run(
            "export",
            "--format",
            "omh",
            "--out",
            all.toString(),
            "--from",
            "2026-02-25",
            "--to",
            "2026-02-27",
            "--metric",
            "steps",
            "--all-sources");
    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(JSON.readTree(all.toFile()).size()).isGreaterThan(3 * 24);
  }

  @Test
  void fhirBundleWithEveryMetricCountsWhatItLeavesOut() throws Exception {
    assertThat(run("demo", "--days", "1", "--end", "2026-02-27").exit()).isZero();
    Path file = temp.resolve("bundle.json");
    Run r = run("export", "--format", "fhir", "--out", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();

    JsonNode bundle = JSON.readTree(file.toFile());
    assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
    long observations = 0;
    for (JsonNode entry : bundle.path("entry")) {
      if (entry.at("/resource/resourceType").asText().equals("Observation")) {
        observations++;
      }
    }
    assertThat(r.out()).contains("Exported %,d observations".formatted(observations));
    assertThat(r.out()).contains("loinc:8867-4");
    // The demo's distance and flights have no FHIR code here: counted, not dropped silently.
    assertThat(r.err()).containsPattern("Skipped [0-9,]+: distance");
  }

  @Test
  void periodOptionsBelongToTheStandardFormats() {
    Run r = run("export", "--format", "csv", "--out", temp.resolve("x.csv").toString(), "--merged");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("go with omh or fhir only");

    Run both =
        run(
            "export",
            "--format",
            "omh",
            "--out",
            temp.resolve("x.json").toString(),
            "--merged",
            "--all-sources");
    assertThat(both.exit()).isEqualTo(2);

    Run backwards =
        run(
            "export",
            "--format",
            "fhir",
            "--out",
            temp.resolve("y.json").toString(),
            "--from",
            "2026-02-27",
            "--to",
            "2026-02-01");
    assertThat(backwards.exit()).isNotZero();
    assertThat(backwards.err()).contains("2026-02-27", "2026-02-01");
  }
}
