package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.core.model.MetricType.DIETARY_ENERGY;
import static org.openvitals.core.model.MetricType.PROTEIN;
import static org.openvitals.core.model.MetricType.WORKOUT;
import static org.openvitals.core.rules.Fx.CRONO;
import static org.openvitals.core.rules.Fx.MFP;
import static org.openvitals.core.rules.Fx.STRAVA;
import static org.openvitals.core.rules.Fx.WATCH;
import static org.openvitals.core.rules.Fx.at;
import static org.openvitals.core.rules.Fx.ctx;
import static org.openvitals.core.rules.Fx.s;
import static org.openvitals.core.rules.Fx.workout;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.Sample;

class NutritionAndWorkoutRulesTest {
  static final LocalDate D1 = LocalDate.of(2024, 2, 1);
  static final LocalDate D2 = D1.plusDays(1);
  static final SourcePreferences CRONO_FIRST =
      SourcePreferences.defaults().withCategoryOrder(Category.NUTRITION, List.of(CRONO, MFP));

  @Test
  void nutritionTakesTheDayTotalsOfTheFirstAppThatLoggedAndNeverAddsApps() {
    List<Sample> samples =
        List.of(
            s(DIETARY_ENERGY, at(D1, 8, 0), 0, 500, CRONO),
            s(DIETARY_ENERGY, at(D1, 13, 0), 0, 700, CRONO),
            s(DIETARY_ENERGY, at(D1, 8, 0), 0, 520, MFP),
            s(DIETARY_ENERGY, at(D1, 13, 0), 0, 650, MFP),
            s(DIETARY_ENERGY, at(D2, 12, 0), 0, 900, MFP)); // only MFP logged on day 2
    var out = Rules.resolve(DIETARY_ENERGY, samples, ctx(CRONO_FIRST), D1, D2, true);
    assertThat(out.get(D1).resolved().value()).isEqualTo(1200.0);
    assertThat(out.get(D1).resolved().primary()).isEqualTo(CRONO);
    assertThat(out.get(D1).sources())
        .extracting(SourceDay::ownValue)
        .containsExactly(1200.0, 1170.0);
    assertThat(out.get(D1).overrides())
        .singleElement()
        .satisfies(o -> assertThat(o.why()).contains("never added"));
    assertThat(out.get(D2).resolved().value()).isEqualTo(900.0);
    assertThat(out.get(D2).resolved().primary()).isEqualTo(MFP);
  }

  @Test
  void eachNutrientFallsBackOnItsOwn() {
    List<Sample> samples =
        List.of(
            s(PROTEIN, at(D1, 8, 0), 0, 30, MFP), s(DIETARY_ENERGY, at(D1, 8, 0), 0, 400, CRONO));
    assertThat(
            Rules.resolve(PROTEIN, samples, ctx(CRONO_FIRST), D1, D1, false)
                .get(D1)
                .resolved()
                .primary())
        .isEqualTo(MFP);
  }

  @Test
  void theSameRunFromWatchAndStravaIsOneWorkoutWithTheOtherLinked() {
    List<Sample> samples =
        List.of(
            workout(at(D1, 7, 0), 45, "HKWorkoutActivityTypeRunning", WATCH),
            workout(at(D1, 7, 1), 44, "running", STRAVA),
            workout(at(D1, 18, 0), 30, "cycling", STRAVA),
            workout(at(D1, 18, 5), 20, "yoga", WATCH)); // overlaps but another activity
    var out = Rules.resolve(WORKOUT, samples, ctx(), D1, D1, true).get(D1);
    assertThat(out.resolved().count()).isEqualTo(3);
    assertThat(out.resolved().value()).isEqualTo(45 + 30 + 20.0);
    var groups = ((Detail.Workouts) out.detail()).workouts();
    assertThat(groups.getFirst().primary().source()).isEqualTo(WATCH);
    assertThat(groups.getFirst().activityType()).isEqualTo("running");
    assertThat(groups.getFirst().linked())
        .singleElement()
        .satisfies(l -> assertThat(l.source()).isEqualTo(STRAVA));
    assertThat(out.overrides())
        .singleElement()
        .satisfies(o -> assertThat(o.why()).contains("same workout"));
  }

  @Test
  void preferringStravaMakesItsRecordThePrimary() {
    var prefs =
        SourcePreferences.defaults().withCategoryOrder(Category.WORKOUTS, List.of(STRAVA, WATCH));
    List<Sample> samples =
        List.of(
            workout(at(D1, 7, 0), 45, "running", WATCH), workout(at(D1, 7, 1), 44, null, STRAVA));
    var out = Rules.resolve(WORKOUT, samples, ctx(prefs), D1, D1, false).get(D1);
    assertThat(out.resolved().value()).isEqualTo(44.0);
    assertThat(out.resolved().primary()).isEqualTo(STRAVA);
  }

  @Test
  void backToBackWorkoutsThatDoNotOverlapStaySeparate() {
    List<Sample> samples =
        List.of(
            workout(at(D1, 7, 0), 30, "running", WATCH),
            workout(at(D1, 7, 30), 30, "running", STRAVA));
    assertThat(Rules.resolve(WORKOUT, samples, ctx(), D1, D1, false).get(D1).resolved().count())
        .isEqualTo(2);
  }
}
