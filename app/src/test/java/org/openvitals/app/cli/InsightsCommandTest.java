package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/** {@code insights} and {@code report} on a store of generated heart data with a planted rise. */
class InsightsCommandTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate END = LocalDate.of(2026, 11, 29);
  private static final LocalDate RISE = LocalDate.of(2026, 11, 23);

  @TempDir static Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = OpenVitalsCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void seed() {
    var options =
        new SyntheticData.Options(120, 1, END, BERLIN, false, true)
            .withEffects(SyntheticData.Effects.NONE.withRestingHeartRateRise(RISE, 6));
    Set<MetricType> kept = Set.of(MetricType.RESTING_HEART_RATE, MetricType.HRV_SDNN);
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      List<Sample> samples = new ArrayList<>();
      SyntheticData.of(options)
          .days()
          .forEach(
              d -> d.samples().stream().filter(s -> kept.contains(s.type())).forEach(samples::add));
      store.upsert(samples);
    }
  }

  @Test
  void jsonListsEachInsightWithItsEffectStrengthAndDays() throws Exception {
    Run r =
        run(
            "--data-dir",
            dir.toString(),
            "insights",
            "--from",
            "2026-09-01",
            "--to",
            "2026-11-29",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("from").asText()).isEqualTo("2026-09-01");
    assertThat(root.get("to").asText()).isEqualTo("2026-11-29");
    JsonNode insights = root.get("insights");
    assertThat(insights).isNotEmpty();
    for (JsonNode i : insights) {
      assertThat(i.get("kind").asText()).isIn("trend", "anomaly", "correlation");
      assertThat(i.get("metrics")).isNotEmpty();
      assertThat(i.get("period").get("from").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(i.get("effect").get("unit").asText()).isNotBlank();
      assertThat(i.get("strength").get("measure").asText()).isNotBlank();
      assertThat(i.get("days").asInt()).isPositive();
      assertThat(i.get("evidence")).isNotEmpty();
    }
    JsonNode week =
        find(
            insights,
            i -> i.get("kind").asText().equals("trend") && i.get("window_days").asInt() == 7);
    assertThat(week.get("metrics").get(0).asText()).isEqualTo("resting_heart_rate");
    assertThat(week.get("significant").asBoolean()).isTrue();
    assertThat(week.get("effect").get("value").asDouble()).isPositive();
    assertThat(week.get("effect").get("unit").asText()).isEqualTo("/min");
    assertThat(week.get("evidence")).hasSize(14);
    JsonNode anomaly = find(insights, i -> i.get("kind").asText().equals("anomaly"));
    assertThat(LocalDate.parse(anomaly.get("date").asText())).isAfterOrEqualTo(RISE);
    assertThat(anomaly.get("explain").asText())
        .isEqualTo(
            "openvitals explain --metric resting_heart_rate --date "
                + anomaly.get("date").asText());
    assertThat(anomaly.get("evidence").get(0).get("date").asText())
        .isEqualTo(anomaly.get("date").asText());
  }

  @Test
  void textSaysWhatWasFoundAndHowToCheckIt() {
    Run r = run("--data-dir", dir.toString(), "insights", "--to", "2026-11-29");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Insights from 2026-09-01 to 2026-11-29:")
        .contains("Resting heart rate: 7-day average")
        .contains("larger than its day-to-day noise")
        .contains("Days outside your normal range:")
        .contains("openvitals explain --metric METRIC --date DAY");
  }

  @Test
  void reportWritesPdfOrHtmlAndRefusesAWeekThatDoesNotExist() throws Exception {
    Path pdf = dir.resolve("week.pdf");
    Run r =
        run("--data-dir", dir.toString(), "report", "--week", "2026-W48", "--out", pdf.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote the report of 2026-W48 to " + pdf);
    assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes());
    Path html = dir.resolve("week.html");
    assertThat(
            run(
                    "--data-dir",
                    dir.toString(),
                    "report",
                    "--week",
                    "2026-W48",
                    "--out",
                    html.toString())
                .exit())
        .isZero();
    assertThat(Files.readString(html))
        .contains("Your week 2026-W48")
        .contains("Resting heart rate on")
        .contains("Value:"); // the explanation of a day outside its range

    Run bad =
        run("--data-dir", dir.toString(), "report", "--week", "2026-W60", "--out", html.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("Week 60 does not exist in 2026");
    Run backwards =
        run("--data-dir", dir.toString(), "insights", "--from", "2026-11-29", "--to", "2026-11-01");
    assertThat(backwards.exit()).isEqualTo(1);
    assertThat(backwards.err()).contains("--from 2026-11-29 is after --to 2026-11-01");
  }

  private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> p) {
    for (JsonNode n : array) {
      if (p.test(n)) {
        return n;
      }
    }
    throw new AssertionError("none found in " + array);
  }
}
