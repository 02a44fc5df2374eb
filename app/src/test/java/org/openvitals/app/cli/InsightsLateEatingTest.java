package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * Late eating read from a real store (timestamped meals and day totals, as the synthetic person's
 * Cronometer and MyFitnessPal log them) through {@code insights --json}.
 */
class InsightsLateEatingTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate END = LocalDate.of(2026, 11, 29);

  @TempDir static Path dir;

  @BeforeAll
  static void seed() {
    var options =
        new SyntheticData.Options(150, 2, END, BERLIN, false, true)
            .withEffects(SyntheticData.Effects.NONE.withLateDinners(0.3, 45));
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      List<Sample> samples = new ArrayList<>();
      SyntheticData.of(options)
          .days()
          .forEach(d ->
              d.samples().stream()
                  .filter(s ->
                      s.type().category() == Category.SLEEP
                          || s.type() == MetricType.DIETARY_ENERGY)
                  .forEach(samples::add));
      store.upsert(samples);
    }
  }

  @Test
  void lateEatingIsListedAgainstThatNightsSleepWithWhatIsPaired() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        OpenVitalsCli.commandLine(new PrintWriter(out), new PrintWriter(err))
            .execute(
                "--data-dir",
                dir.toString(),
                "insights",
                "--from",
                "2026-07-03",
                "--to",
                END.toString(),
                "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode late = null;
    for (JsonNode i : new ObjectMapper().readTree(out.toString()).get("insights")) {
      if ("share_eaten_from_20:00".equals(i.path("x_measure").asText())) {
        late = i;
      }
    }
    assertThat(late).as(out.toString()).isNotNull();
    assertThat(late.get("x").asText()).isEqualTo("dietary_energy");
    assertThat(late.get("y").asText()).isEqualTo("sleep_asleep");
    assertThat(late.get("lag_days").asInt()).isEqualTo(1);
    assertThat(late.get("effect").get("value").asDouble()).isBetween(-60.0, -30.0);
    assertThat(late.get("effect").get("unit").asText()).isEqualTo("min");
    assertThat(late.get("days").asInt()).isGreaterThan(100);
  }
}
