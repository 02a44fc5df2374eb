package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.core.model.MetricType.HEART_RATE;
import static org.openvitals.core.model.MetricType.STEPS;
import static org.openvitals.core.model.MetricType.WORKOUT;
import static org.openvitals.core.rules.Fx.PHONE;
import static org.openvitals.core.rules.Fx.STRAVA;
import static org.openvitals.core.rules.Fx.WATCH;
import static org.openvitals.core.rules.Fx.at;
import static org.openvitals.core.rules.Fx.ctx;
import static org.openvitals.core.rules.Fx.s;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

class ExplanationTest {
  static final LocalDate DAY = LocalDate.of(2024, 3, 5);

  /** A reader in Berlin who words values as the app does: counts as words, rates in bpm. */
  static final ExplanationText.Wording WORDS =
      new ExplanationText.Wording() {
        final DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");

        @Override
        public String source(SourceRef source) {
          return source.name();
        }

        @Override
        public String full(MetricType metric, double canonical) {
          String unit =
              switch (metric) {
                case STEPS -> "steps";
                case HEART_RATE -> "bpm";
                default -> metric.unit();
              };
          return SampleOrder.fmt(canonical) + " " + unit;
        }

        @Override
        public String count(long n, String noun) {
          return SampleOrder.fmt(n) + " " + noun;
        }

        @Override
        public String duration(double minutes) {
          return SampleOrder.fmt(Math.round(minutes)) + " min";
        }

        @Override
        public String day(LocalDate day) {
          return day.toString();
        }

        @Override
        public String dateTime(Instant at) {
          return at.atZone(Fx.BERLIN).toLocalDate() + " " + time(at);
        }

        @Override
        public String time(Instant at) {
          return time.format(at.atZone(Fx.BERLIN));
        }
      };

  static List<Sample> steps() {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      out.add(s(STEPS, at(DAY, 10, 0).plusMinutes(i), 1, 60, WATCH));
    }
    out.add(s(STEPS, at(DAY, 10, 0), 60, 3000, PHONE));
    out.add(s(STEPS, at(DAY, 12, 0), 1, 9999, PHONE));
    return out;
  }

  @Test
  void explainsValueSourcesSlicesOverridesAndFlagsAsJson() throws Exception {
    var prefs =
        SourcePreferences.defaults()
            .withCategoryOrder(Category.ACTIVITY, List.of(WATCH, PHONE))
            .asVersion(2, null);
    Explanation e = Rules.explain(STEPS, DAY, steps(), ctx(prefs));
    JsonNode json = RulesJson.mapper().readTree(RulesJson.write(e));
    assertThat(json.get("metric").asText()).isEqualTo("steps");
    assertThat(json.get("day").asText()).isEqualTo("2024-03-05");
    assertThat(json.get("preferencesVersion").asInt()).isEqualTo(2);
    assertThat(json.get("orderFrom").asText()).contains("activity");
    // The phone's hour (3,000) minus the 1,800 the watch counted in it fills the watch's gap.
    assertThat(json.at("/resolved/value").asDouble())
        .isCloseTo(3000.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(json.at("/priority/0").asText()).isEqualTo(WATCH.key());
    assertThat(json.at("/sources/1/ownValue").asDouble()).isEqualTo(3000.0);
    assertThat(json.at("/sources/1/role").asText()).isEqualTo("FILLED_GAPS");
    assertThat(json.at("/detail/kind").asText()).isEqualTo("slices");
    assertThat(json.at("/detail/runs/0/start").asText()).isEqualTo("2024-03-05T10:00:00+01:00");
    assertThat(json.at("/detail/runs/1/source").asText()).isEqualTo(PHONE.key());
    assertThat(json.at("/overrides/0/overridden").asText()).isEqualTo(PHONE.key());
    assertThat(json.at("/overrides/0/reason/kind").asText()).isEqualTo("ranks_higher");
    assertThat(json.at("/overrides/0/reason/sameTimeMinutes").asDouble()).isEqualTo(30.0);
    assertThat(json.at("/qualityFlags/0/kind").asText()).isEqualTo("IMPLAUSIBLE");

    String text = ExplanationText.render(e, WORDS);
    assertThat(text)
        .contains("Steps (steps) on 2024-03-05")
        .contains("Value: 3,000 steps")
        .contains("your order for activity (preferences v2)")
        .contains("1. Anna's Apple Watch (apple_health/Anna's Apple Watch, watch): own 1,800 steps")
        .contains("filled gaps")
        .contains("2024-03-05 10:00 to 10:30  Anna's Apple Watch  1,800 steps")
        .contains("Set aside:")
        .contains("[implausible]");
  }

  @Test
  void wordsWhatWasSetAsideWithNamesAndUnitsAsPeopleSeeThem() {
    Explanation steps = Rules.explain(STEPS, DAY, steps(), ctx());
    String text = ExplanationText.render(steps, WORDS);
    assertThat(text)
        .contains(
            "  - Anna's iPhone's 1,800 steps not used: Anna's Apple Watch ranks higher for Steps"
                + " and has data in 30 min of the same time")
        .doesNotContain("{");
    // Keys only where a person needs them to order sources: beside the names in the source order.
    assertThat(text.lines().filter(l -> !l.matches("  \\d\\. .*")))
        .noneMatch(l -> l.contains("apple_health/"));

    List<Sample> beats = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      beats.add(s(HEART_RATE, at(DAY, 9, i), 0, 70 + i, WATCH));
      beats.add(s(HEART_RATE, at(DAY, 9, i), 0, 90, PHONE));
    }
    Explanation hr = Rules.explain(HEART_RATE, DAY, beats, ctx());
    assertThat(hr.overrides()).singleElement();
    assertThat(ExplanationText.why(hr.overrides().getFirst(), HEART_RATE, WORDS))
        .isEqualTo(
            "3 readings of Anna's iPhone in 1 window of 5 min not primary: Anna's Apple Watch"
                + " ranks higher for Heart rate and has a reading there");
    assertThat(ExplanationText.render(hr, WORDS))
        .contains("Value: 70 bpm (mean of 1 primary reading; min 70 bpm")
        .contains("used 1 reading, primary")
        .contains("used 0 readings, overridden")
        .doesNotContain("{")
        .doesNotContain("/min");
  }

  @Test
  void wordsImplausibleReadingsWithTheMetricsNameAndUnits() throws Exception {
    List<Sample> beats =
        List.of(
            s(HEART_RATE, at(DAY, 9, 0), 0, 400, WATCH),
            s(HEART_RATE, at(DAY, 9, 1), 0, 72, PHONE));
    Explanation e = Rules.explain(HEART_RATE, DAY, beats, ctx());
    String text = ExplanationText.render(e, WORDS);
    assertThat(text)
        .contains(
            "[implausible] Anna's Apple Watch at 2024-03-05 09:00: Heart rate of 400 bpm is outside"
                + " the plausible range (25 bpm to 250 bpm)")
        .contains("implausible: Heart rate of 400 bpm is outside");
    String[] sentences =
        e.qualityFlags().stream()
            .filter(f -> f.kind() == QualityFlag.Kind.IMPLAUSIBLE)
            .map(f -> ExplanationText.flag(f, WORDS))
            .toArray(String[]::new);
    assertThat(sentences)
        .singleElement()
        .asString()
        .startsWith("Heart rate of 400 bpm")
        .doesNotContain("heart_rate")
        .doesNotContain("/min")
        .doesNotContain("{");
    // JSON keeps the facts with the metric's id, and adds its name.
    JsonNode flag = RulesJson.mapper().readTree(RulesJson.write(e)).at("/qualityFlags/0");
    assertThat(flag.at("/implausible/kind").asText()).isEqualTo("outside_range");
    assertThat(flag.at("/implausible/metric").asText()).isEqualTo("heart_rate");
    assertThat(flag.at("/implausible/metricName").asText()).isEqualTo("Heart rate");
    assertThat(flag.at("/implausible/value").asDouble()).isEqualTo(400.0);
    assertThat(flag.at("/implausible/range/max").asDouble()).isEqualTo(250.0);

    // Amounts are judged per minute: 9,999 steps in one minute.
    String steps = ExplanationText.render(Rules.explain(STEPS, DAY, steps(), ctx()), WORDS);
    assertThat(steps)
        .contains(
            "Steps: 9,999 steps in 1 min is 9,999 steps a minute, outside the plausible range"
                + " (0 steps to 300 steps a minute)")
        .doesNotContain("steps of 9999");
  }

  @Test
  void explainsADayWithoutDataAndOtherKinds() throws Exception {
    Explanation empty = Rules.explain(STEPS, DAY, List.of(), ctx());
    assertThat(empty.resolved()).isNull();
    assertThat(ExplanationText.render(empty, WORDS))
        .contains("Value: none")
        .contains("defaults by device class");
    assertThat(RulesJson.mapper().readTree(RulesJson.write(empty)).get("resolved").isNull())
        .isTrue();

    var hr =
        Rules.explain(HEART_RATE, DAY, List.of(s(HEART_RATE, at(DAY, 9, 0), 0, 61, WATCH)), ctx());
    assertThat(ExplanationText.render(hr, WORDS)).contains("* 09:00").contains("primary");
    var w =
        Rules.explain(
            WORKOUT,
            DAY,
            List.of(
                Fx.workout(at(DAY, 7, 0), 30, "running", WATCH),
                Fx.workout(at(DAY, 7, 0), 30, "running", STRAVA)),
            ctx());
    assertThat(ExplanationText.render(w, WORDS)).contains("(linked: Strava)");
    assertThat(
            RulesJson.mapper()
                .readTree(RulesJson.write(w))
                .at("/detail/workouts/0/linked/0/source")
                .asText())
        .isEqualTo("strava/Strava");
  }
}
