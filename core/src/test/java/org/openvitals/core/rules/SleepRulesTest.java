package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.core.model.MetricType.SLEEP_ASLEEP;
import static org.openvitals.core.model.MetricType.SLEEP_CORE;
import static org.openvitals.core.model.MetricType.SLEEP_DEEP;
import static org.openvitals.core.model.MetricType.SLEEP_IN_BED;
import static org.openvitals.core.model.MetricType.SLEEP_REM;
import static org.openvitals.core.rules.Fx.RING;
import static org.openvitals.core.rules.Fx.WATCH;
import static org.openvitals.core.rules.Fx.at;
import static org.openvitals.core.rules.Fx.ctx;
import static org.openvitals.core.rules.Fx.s;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.Sample;

class SleepRulesTest {
  static final LocalDate MON = LocalDate.of(2024, 3, 4);
  static final LocalDate TUE = MON.plusDays(1);
  static final LocalDate WED = MON.plusDays(2);
  static final SourcePreferences RING_FIRST =
      SourcePreferences.defaults().withCategoryOrder(Category.SLEEP, List.of(RING, WATCH));

  /** A night from 23:00 the evening before {@code wake} to 06:30: core, deep, rem, core. */
  static List<Sample> night(
      LocalDate wake, org.openvitals.core.model.SourceRef src, int deepMinutes) {
    var start = at(wake.minusDays(1), 23, 0);
    List<Sample> out = new ArrayList<>();
    out.add(s(SLEEP_IN_BED, start.minusMinutes(15), 465, 465, src));
    out.add(s(SLEEP_CORE, start, 120, 120, src));
    out.add(s(SLEEP_DEEP, start.plusMinutes(120), deepMinutes, deepMinutes, src));
    out.add(s(SLEEP_REM, start.plusMinutes(120 + deepMinutes), 90, 90, src));
    out.add(
        s(
            SLEEP_CORE,
            start.plusMinutes(210 + deepMinutes),
            450 - 210 - deepMinutes,
            450 - 210 - deepMinutes,
            src));
    return out;
  }

  @Test
  void theNightBelongsToTheDayYouWakeUpAndStagesComeFromThePreferredSource() {
    List<Sample> samples = new ArrayList<>(night(TUE, RING, 80));
    samples.addAll(night(TUE, WATCH, 40));
    var out = Rules.resolve(SLEEP_DEEP, samples, ctx(RING_FIRST), MON, WED, true);
    assertThat(out).containsOnlyKeys(TUE);
    DayOutcome tue = out.get(TUE);
    assertThat(tue.resolved().value()).isEqualTo(80.0);
    assertThat(tue.resolved().primary()).isEqualTo(RING);
    assertThat(tue.sources()).extracting(SourceDay::ownValue).containsExactly(80.0, 40.0);
    var asleep = Rules.resolve(SLEEP_ASLEEP, samples, ctx(RING_FIRST), TUE, TUE, false).get(TUE);
    assertThat(asleep.resolved().value()).isEqualTo(450.0);
    var inBed = Rules.resolve(SLEEP_IN_BED, samples, ctx(RING_FIRST), TUE, TUE, false).get(TUE);
    assertThat(inBed.resolved().value()).isEqualTo(465.0);
    var detail = (Detail.Sleep) tue.detail();
    assertThat(detail.night().source()).isEqualTo(RING);
    assertThat(detail.alternatives())
        .singleElement()
        .satisfies(a -> assertThat(a.source()).isEqualTo(WATCH));
  }

  @Test
  void aSourceWithOnlyTimeInBedHasNoAsleepFigureAndRaisesNoDisagreement() {
    List<Sample> samples = new ArrayList<>(night(TUE, RING, 80));
    // A phone that logs only the time in bed, as the iPhone's bedtime feature does.
    samples.add(s(SLEEP_IN_BED, at(MON, 22, 50), 470, 470, WATCH));
    DayOutcome asleep =
        Rules.resolve(SLEEP_ASLEEP, samples, ctx(RING_FIRST), TUE, TUE, false).get(TUE);

    assertThat(asleep.resolved().value()).isEqualTo(450.0);
    assertThat(asleep.sources())
        .filteredOn(d -> d.source().equals(WATCH))
        .singleElement()
        .satisfies(d -> assertThat(d.ownValue()).isNaN());
    assertThat(CrossSourceValidation.check(SLEEP_ASLEEP, TUE, asleep.sources())).isEmpty();
    DayOutcome inBed =
        Rules.resolve(SLEEP_IN_BED, samples, ctx(RING_FIRST), TUE, TUE, false).get(TUE);
    assertThat(inBed.sources()).extracting(SourceDay::ownValue).containsExactly(465.0, 470.0);
  }

  @Test
  void aFallbackSourceFillsANightThePreferredOneMissed() {
    List<Sample> samples = new ArrayList<>(night(TUE, RING, 80));
    samples.addAll(night(TUE, WATCH, 40));
    samples.addAll(night(WED, WATCH, 55)); // the ring was charging Tuesday night
    var out = Rules.resolve(SLEEP_DEEP, samples, ctx(RING_FIRST), TUE, WED, false);
    assertThat(out.get(TUE).resolved().primary()).isEqualTo(RING);
    assertThat(out.get(WED).resolved().primary()).isEqualTo(WATCH);
    assertThat(out.get(WED).resolved().value()).isEqualTo(55.0);
  }

  @Test
  void napsAreKeptApartFromTheNight() {
    List<Sample> samples = new ArrayList<>(night(TUE, WATCH, 60));
    samples.add(s(SLEEP_CORE, at(TUE, 14, 0), 40, 40, WATCH));
    samples.add(s(SLEEP_CORE, at(TUE, 14, 5), 30, 30, RING)); // the same nap from the ring
    var tue = Rules.resolve(SLEEP_ASLEEP, samples, ctx(), TUE, TUE, true).get(TUE);
    assertThat(tue.resolved().value()).isEqualTo(450.0); // nap not added to the night
    var detail = (Detail.Sleep) tue.detail();
    assertThat(detail.naps())
        .singleElement()
        .satisfies(n -> {
          assertThat(n.source())
              .isEqualTo(WATCH); // watch ranks before ring by default (enum order)
          assertThat(n.asleepMinutes()).isEqualTo(40.0);
          assertThat(n.nap()).isTrue();
        });
  }

  @Test
  void aNapIsShorterThanThreeHoursAndStartsBetweenNineAndNine() {
    assertThat(isNap(at(TUE, 9, 0), 179)).isTrue();
    assertThat(isNap(at(TUE, 9, 0), 180)).isFalse();
    assertThat(isNap(at(TUE, 8, 59), 60)).isFalse();
    assertThat(isNap(at(TUE, 20, 59), 60)).isTrue();
    assertThat(isNap(at(TUE, 21, 0), 60)).isFalse();
  }

  private static boolean isNap(java.time.OffsetDateTime start, int minutes) {
    SleepResolver.Built b = new SleepResolver.Built(WATCH, 0);
    b.add(s(SLEEP_CORE, start, minutes, minutes, WATCH));
    return SleepResolver.isNap(b, Fx.BERLIN_DAYS);
  }

  @Test
  void stagesUpToAnHourApartAreOneNight() {
    List<Sample> samples =
        List.of(
            s(SLEEP_CORE, at(MON, 23, 0), 240, 240, WATCH), // until 03:00
            s(SLEEP_CORE, at(TUE, 4, 0), 120, 120, WATCH), // an hour awake, then back to sleep
            s(SLEEP_CORE, at(TUE, 22, 30), 120, 120, RING), // until 00:30
            s(SLEEP_CORE, at(WED, 1, 31), 60, 60, RING)); // more than an hour later: apart
    var out = Rules.resolve(SLEEP_ASLEEP, samples, ctx(), TUE, WED, true);
    assertThat(out.get(TUE).resolved().value()).isEqualTo(360.0);
    var wed = (Detail.Sleep) out.get(WED).detail();
    assertThat(wed.night().asleepMinutes()).isEqualTo(120.0);
    assertThat(wed.alternatives()).extracting(SleepSession::asleepMinutes).containsExactly(60.0);
    assertThat(out.get(WED).resolved().value()).isEqualTo(120.0);
    assertThat(out.get(WED).sources())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.source()).isEqualTo(RING);
          assertThat(d.contributed()).isEqualTo(120.0);
        });
  }

  @Test
  void napsThatDoNotOverlapAreAllKeptInTimeOrder() {
    List<Sample> samples = new ArrayList<>(night(TUE, WATCH, 60));
    samples.add(s(SLEEP_CORE, at(TUE, 14, 0), 40, 40, WATCH));
    samples.add(s(SLEEP_CORE, at(TUE, 14, 40), 20, 20, RING)); // right after it
    samples.add(s(SLEEP_CORE, at(TUE, 11, 0), 30, 30, RING));
    var detail =
        (Detail.Sleep)
            Rules.resolve(SLEEP_ASLEEP, samples, ctx(), TUE, TUE, true).get(TUE).detail();
    assertThat(detail.naps())
        .extracting(SleepSession::source, SleepSession::asleepMinutes)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(RING, 30.0),
            org.assertj.core.api.Assertions.tuple(WATCH, 40.0),
            org.assertj.core.api.Assertions.tuple(RING, 20.0));
  }

  @Test
  void aLongDaytimeSleepAfterANightShiftIsANight() {
    List<Sample> samples = List.of(s(SLEEP_CORE, at(TUE, 9, 0), 360, 360, WATCH));
    var tue = Rules.resolve(SLEEP_ASLEEP, samples, ctx(), TUE, TUE, false).get(TUE);
    assertThat(tue.resolved().value()).isEqualTo(360.0);
  }

  @Test
  void aNightAcrossTheSpringDstChangeIsOneHourShorterOnTheClock() {
    LocalDate sunday = LocalDate.of(2024, 3, 31);
    // 23:00 CET Saturday to 07:00 CEST Sunday is 7 real hours.
    var start = at(sunday.minusDays(1), 23, 0);
    var end = at(sunday, 7, 0);
    var out =
        Rules.resolve(
            SLEEP_CORE,
            List.of(s(SLEEP_CORE, start, end, 420, WATCH)),
            ctx(),
            sunday,
            sunday,
            false);
    assertThat(out.get(sunday).resolved().value()).isEqualTo(420.0);
  }
}
