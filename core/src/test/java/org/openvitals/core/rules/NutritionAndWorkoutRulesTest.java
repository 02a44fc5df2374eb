package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

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
        .satisfies(o -> assertThat(o.reason()).isEqualTo(new SourceOverride.AppLog()));
    assertThat(out.get(D2).resolved().value()).isEqualTo(900.0);
    assertThat(out.get(D2).resolved().primary()).isEqualTo(MFP);
  }

  @Test
  void anAppWithOnlyAnImplausibleEntryGivesWayAndEveryEntryIsExplained() {
    SourceRef loseIt = new SourceRef("loseit", "Lose It!");
    List<Sample> samples =
        List.of(
            // 25,000 kcal is no meal, however long it took to log (it is not judged as a rate).
            s(DIETARY_ENERGY, at(D1, 8, 0), 10, 25_000, CRONO),
            s(DIETARY_ENERGY, at(D1, 8, 0), 0, 500, MFP),
            s(DIETARY_ENERGY, at(D1, 8, 0), 0, 500, MFP), // two foods logged at the same time
            s(DIETARY_ENERGY, at(D1, 13, 0), 0, 700, MFP),
            s(DIETARY_ENERGY, at(D1, 8, 0), 0, 300, loseIt),
            s(DIETARY_ENERGY, at(D2, 8, 0), 0, 999, MFP)); // outside the days asked for
    DayOutcome out = Rules.resolve(DIETARY_ENERGY, samples, ctx(CRONO_FIRST), D1, D1, true).get(D1);

    assertThat(out.resolved().primary()).isEqualTo(MFP);
    assertThat(out.resolved().value()).isEqualTo(1700.0);
    assertThat(out.resolved().count()).isEqualTo(3);
    assertThat(out.resolved().contributions()).containsExactly(Map.entry(MFP, 1700.0));
    assertThat(out.sources())
        .extracting(SourceDay::source, SourceDay::role, SourceDay::contributed, SourceDay::samples)
        .containsExactly(
            tuple(CRONO, SourceRole.IMPLAUSIBLE_ONLY, 0.0, 1),
            tuple(MFP, SourceRole.PRIMARY, 1700.0, 3),
            tuple(loseIt, SourceRole.OVERRIDDEN, 0.0, 1));
    assertThat(out.sources().getFirst().ownValue()).isNaN();
    assertThat(out.sources().getFirst().implausible()).isEqualTo(1);
    assertThat(out.sources().get(1).duplicates()).isEqualTo(1);
    assertThat(out.sources().get(2).ownValue()).isEqualTo(300.0);
    assertThat(out.flags())
        .extracting(QualityFlag::kind, QualityFlag::source)
        .containsExactlyInAnyOrder(
            tuple(QualityFlag.Kind.IMPLAUSIBLE, CRONO), tuple(QualityFlag.Kind.DUPLICATE, MFP));
    assertThat(out.overrides())
        .singleElement()
        .satisfies(o -> {
          assertThat(o.overridden()).isEqualTo(loseIt);
          assertThat(o.by()).isEqualTo(MFP);
          assertThat(o.amount()).isEqualTo(300.0);
          assertThat(o.reason()).isEqualTo(new SourceOverride.AppLog());
        });
    // The entries in time order, ties by rank, each saying whether and why it counted.
    List<Detail.SampleLine> lines = ((Detail.Samples) out.detail()).samples();
    assertThat(lines)
        .extracting(Detail.SampleLine::source, Detail.SampleLine::value, Detail.SampleLine::used)
        .containsExactly(
            tuple(CRONO, 25_000.0, false),
            tuple(MFP, 500.0, true),
            tuple(MFP, 500.0, true),
            tuple(loseIt, 300.0, false),
            tuple(MFP, 700.0, true));
    assertThat(lines.getFirst().note()).isEqualTo("implausible");
    assertThat(lines.getFirst().implausible())
        .isInstanceOfSatisfying(
            Plausibility.OutsideRange.class, o -> assertThat(o.value()).isEqualTo(25_000.0));
    assertThat(lines.get(1).note()).isEqualTo("counted");
    assertThat(lines.get(3).note()).isEqualTo("not counted: " + MFP + " ranks higher");
    assertThat(lines.get(2).quality()).isLessThan(lines.get(1).quality()); // the repeat
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
        .satisfies(o -> assertThat(o.reason()).isInstanceOf(SourceOverride.SameWorkout.class));
  }

  @Test
  void eachSourceDayCountsItsOwnWorkoutsAndWhatItGave() {
    List<Sample> samples =
        List.of(
            workout(at(D1, 7, 0), 45, "running", WATCH),
            workout(at(D1, 7, 1), 44, "running", STRAVA),
            workout(at(D1, 18, 0), 30, "cycling", STRAVA),
            workout(at(D1, 21, 0), 20, null, WATCH),
            workout(at(D1, 21, 2), 15, null, STRAVA), // neither says what it was: still the same
            workout(at(D2, 9, 0), 60, "rowing", Fx.RING)); // another day only
    var out = Rules.resolve(WORKOUT, samples, ctx(), D1, D2, true);
    DayOutcome d1 = out.get(D1);
    assertThat(d1.resolved().value()).isEqualTo(45 + 30 + 20.0);
    assertThat(d1.resolved().primary()).isEqualTo(WATCH);
    assertThat(d1.resolved().contributions())
        .containsExactly(Map.entry(WATCH, 65.0), Map.entry(STRAVA, 30.0));
    assertThat(d1.sources())
        .extracting(
            SourceDay::source,
            SourceDay::role,
            SourceDay::ownValue,
            SourceDay::contributed,
            SourceDay::samples)
        .containsExactly(
            tuple(WATCH, SourceRole.PRIMARY, 65.0, 65.0, 2),
            tuple(STRAVA, SourceRole.FILLED_GAPS, 89.0, 30.0, 3));
    assertThat(d1.overrides())
        .extracting(SourceOverride::reason)
        .containsExactlyInAnyOrder(
            new SourceOverride.SameWorkout("running", at(D1, 7, 1)),
            new SourceOverride.SameWorkout(null, at(D1, 21, 2)));
    assertThat(out.get(D2).resolved().primary()).isEqualTo(Fx.RING);
    assertThat(out.get(D2).sources()).extracting(SourceDay::source).containsExactly(Fx.RING);
  }

  @Test
  void aWorkoutThatDoesNotSayWhatItWasTakesTheTypeOfTheOneItIsLinkedTo() {
    List<Sample> samples =
        List.of(
            workout(at(D1, 7, 0), 45, null, WATCH), workout(at(D1, 7, 1), 44, "running", STRAVA));
    var groups =
        ((Detail.Workouts) Rules.resolve(WORKOUT, samples, ctx(), D1, D1, true).get(D1).detail())
            .workouts();
    assertThat(groups)
        .singleElement()
        .satisfies(g -> {
          assertThat(g.primary().source()).isEqualTo(WATCH);
          assertThat(g.activityType()).isEqualTo("running");
        });
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
