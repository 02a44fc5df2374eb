package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

class ExplainCommandTest {
  static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "iPhone");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  void seed() {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      List<Sample> samples = new ArrayList<>();
      OffsetDateTime nine = LocalDate.of(2024, 3, 5).atTime(9, 0).atZone(BERLIN).toOffsetDateTime();
      for (int i = 0; i < 20; i++) {
        samples.add(
            Sample.of(MetricType.STEPS, nine.plusMinutes(i), nine.plusMinutes(i + 1), 80, WATCH));
      }
      samples.add(Sample.of(MetricType.STEPS, nine, nine.plusMinutes(40), 2000, PHONE));
      store.upsert(samples);
    }
  }

  @Test
  void explainsADayAsText() {
    seed();
    Run r =
        run("--data-dir", dir.toString(), "explain", "--metric", "steps", "--date", "2024-03-05");
    assertThat(r.exit()).as(r.err()).isZero();
    // Sources by name, keys beside them only in the source order; counts in words.
    assertThat(r.out())
        .contains("Steps (steps) on Mar 5, 2024, days in Europe/Berlin")
        // The phone's 2,000 over 40 minutes, less the 1,600 the watch counted in them, fills the
        // 20 minutes without watch data.
        .contains("Value: 2,000 steps, mostly from Apple Watch")
        .contains("  1. Apple Watch (apple_health/Apple Watch, watch): own 1,600 steps")
        .contains("filled gaps")
        .containsPattern("\\d:\\d\\d\\hAM to \\d:\\d\\d\\hAM  Apple Watch  1,600 steps")
        .contains(
            "Set aside:\n  - iPhone's 1,600 steps not used: Apple Watch ranks higher for Steps")
        .doesNotContain("{count}");
  }

  @Test
  void explainsADayAsJson() throws Exception {
    seed();
    Run r =
        run(
            "--data-dir",
            dir.toString(),
            "explain",
            "--metric",
            "steps",
            "--date",
            "2024-03-05",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.at("/resolved/value").asDouble()).isEqualTo(2000.0);
    assertThat(json.at("/detail/runs/1/amount").asDouble())
        .isCloseTo(400.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(json.at("/sources/1/source").asText()).isEqualTo("apple_health/iPhone");
    assertThat(json.at("/detail/runs").size()).isEqualTo(2);
  }

  @Test
  void anUnknownMetricIsOneClearError() {
    Run r =
        run("--data-dir", dir.toString(), "explain", "--metric", "stepz", "--date", "2024-03-05");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("Unknown metric 'stepz'").contains("steps");
  }
}
