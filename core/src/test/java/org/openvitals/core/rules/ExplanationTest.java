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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.Sample;

class ExplanationTest {
  static final LocalDate DAY = LocalDate.of(2024, 3, 5);

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
    assertThat(json.at("/qualityFlags/0/kind").asText()).isEqualTo("IMPLAUSIBLE");

    String text = ExplanationText.render(e);
    assertThat(text)
        .contains("Steps (steps) on 2024-03-05")
        .contains("Value: 3,000 {count}")
        .contains("your order for activity (preferences v2)")
        .contains("1. apple_health/Anna's Apple Watch")
        .contains("filled gaps")
        .contains("03-05 10:00-10:30")
        .contains("Set aside:")
        .contains("[implausible]");
  }

  @Test
  void explainsADayWithoutDataAndOtherKinds() throws Exception {
    Explanation empty = Rules.explain(STEPS, DAY, List.of(), ctx());
    assertThat(empty.resolved()).isNull();
    assertThat(ExplanationText.render(empty))
        .contains("Value: none")
        .contains("defaults by device class");
    assertThat(RulesJson.mapper().readTree(RulesJson.write(empty)).get("resolved").isNull())
        .isTrue();

    var hr =
        Rules.explain(HEART_RATE, DAY, List.of(s(HEART_RATE, at(DAY, 9, 0), 0, 61, WATCH)), ctx());
    assertThat(ExplanationText.render(hr)).contains("* 09:00").contains("primary");
    var w =
        Rules.explain(
            WORKOUT,
            DAY,
            List.of(
                Fx.workout(at(DAY, 7, 0), 30, "running", WATCH),
                Fx.workout(at(DAY, 7, 0), 30, "running", STRAVA)),
            ctx());
    assertThat(ExplanationText.render(w)).contains("linked: strava/Strava");
    assertThat(
            RulesJson.mapper()
                .readTree(RulesJson.write(w))
                .at("/detail/workouts/0/linked/0/source")
                .asText())
        .isEqualTo("strava/Strava");
  }
}
