package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openvitals.core.model.MetricType.BODY_MASS;
import static org.openvitals.core.model.MetricType.HEART_RATE;
import static org.openvitals.core.model.MetricType.STEPS;
import static org.openvitals.core.rules.Fx.PHONE;
import static org.openvitals.core.rules.Fx.SCALE;
import static org.openvitals.core.rules.Fx.SCALE2;
import static org.openvitals.core.rules.Fx.WATCH;
import static org.openvitals.core.rules.Fx.at;
import static org.openvitals.core.rules.Fx.ctx;
import static org.openvitals.core.rules.Fx.s;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.Sample;

class QualityAndValidationTest {
  static final LocalDate DAY = LocalDate.of(2024, 5, 2);

  @Test
  void plausibilityRangesPerMetric() {
    assertThat(Plausibility.plausible(s(HEART_RATE, at(DAY, 9, 0), 0, 25, WATCH))).isTrue();
    assertThat(Plausibility.plausible(s(HEART_RATE, at(DAY, 9, 0), 0, 24.9, WATCH))).isFalse();
    assertThat(Plausibility.plausible(s(HEART_RATE, at(DAY, 9, 0), 0, 251, WATCH))).isFalse();
    assertThat(Plausibility.plausible(s(BODY_MASS, at(DAY, 9, 0), 0, 19, SCALE))).isFalse();
    assertThat(Plausibility.plausible(s(BODY_MASS, at(DAY, 9, 0), 0, 400, SCALE))).isTrue();
    // Steps are judged as a rate: 20,000 steps over a day is fine, over one minute it is not.
    assertThat(Plausibility.plausible(s(STEPS, at(DAY, 0, 0), 1440, 20_000, PHONE))).isTrue();
    assertThat(Plausibility.plausible(s(STEPS, at(DAY, 9, 0), 1, 20_000, PHONE))).isFalse();
    assertThat(Plausibility.plausible(s(STEPS, at(DAY, 9, 0), 0, 250, PHONE))).isTrue();
    assertThat(Plausibility.plausible(s(STEPS, at(DAY, 9, 0), 5, -1, PHONE))).isFalse();
    assertThat(
            Plausibility.problem(
                s(org.openvitals.core.model.MetricType.SLEEP_CORE, at(DAY, 0, 0), 0, 0, WATCH)))
        .isInstanceOf(Plausibility.NoLength.class);
  }

  @Test
  void sampleScoresFollowDeviceClassAndDuplication() {
    Sample ok = s(HEART_RATE, at(DAY, 9, 0), 0, 60, WATCH);
    assertThat(Quality.sampleScore(ok, DeviceClass.WATCH, false)).isEqualTo(0.95);
    assertThat(Quality.sampleScore(ok, DeviceClass.PHONE, true)).isEqualTo(0.425);
    assertThat(
            Quality.sampleScore(
                s(HEART_RATE, at(DAY, 9, 0), 0, 600, WATCH), DeviceClass.MANUAL, false))
        .isZero();
  }

  @Test
  void duplicatesLowerTheSourceDayScore() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      samples.add(s(STEPS, at(DAY, 9, i), 1, 50, PHONE));
      samples.add(s(STEPS, at(DAY, 9, i), 1, 51, PHONE)); // same minute again, another value
    }
    DayOutcome out = Rules.resolve(STEPS, samples, ctx(), DAY, DAY, true).get(DAY);
    assertThat(out.sources().getFirst().duplicates()).isEqualTo(10);
    assertThat(out.sources().getFirst().quality().duplicateShare()).isEqualTo(0.5);
    assertThat(out.flags())
        .anySatisfy(f -> assertThat(f.kind()).isEqualTo(QualityFlag.Kind.DUPLICATE));
  }

  @Test
  void aSourceDayMultipliesItsShares() {
    long start = at(DAY, 0, 0).toInstant().toEpochMilli();
    long end = at(DAY.plusDays(1), 0, 0).toInstant().toEpochMilli();
    Instant evening = at(DAY, 20, 0).toInstant();
    Instant nextMorning = at(DAY.plusDays(1), 9, 0).toInstant();
    // 10 heart-rate readings, 2 implausible, 2 repeating another's time, 8 of 16 hours worn.
    SourceDayQuality q =
        Quality.sourceDay(
            HEART_RATE, DeviceClass.WATCH, 10, 2, 2, 480, start, end, evening, nextMorning);
    assertThat(q.plausibleShare()).isEqualTo(0.8);
    assertThat(q.completeness()).isEqualTo(0.5);
    assertThat(q.duplicateShare()).isEqualTo(0.2);
    assertThat(q.deviceFactor()).isEqualTo(0.95);
    assertThat(q.freshness()).isEqualTo(1.0);
    // 0.8 * (0.5 + 0.5 * 0.5) * (1 - 0.5 * 0.2) * 0.95 * 1
    assertThat(q.score()).isEqualTo(0.513);

    // More than 16 hours worn counts as complete, not more.
    assertThat(
            Quality.sourceDay(HEART_RATE, DeviceClass.WATCH, 10, 0, 0, 1200, start, end, null, null)
                .completeness())
        .isEqualTo(1.0);
    // A once-a-day reading is complete when it is plausible, and worth nothing when it is not.
    assertThat(
            Quality.sourceDay(BODY_MASS, DeviceClass.SCALE, 1, 0, 0, 0, start, end, null, null)
                .score())
        .isEqualTo(0.95);
    SourceDayQuality implausible =
        Quality.sourceDay(BODY_MASS, DeviceClass.SCALE, 1, 1, 0, 0, start, end, null, null);
    assertThat(implausible.completeness()).isZero();
    assertThat(implausible.score()).isZero();
  }

  @Test
  void freshnessCountsFromTheStartOfTheDayToTheLastData() {
    long start = at(DAY, 0, 0).toInstant().toEpochMilli();
    long end = at(DAY.plusDays(1), 0, 0).toInstant().toEpochMilli();
    Instant later = at(DAY.plusDays(1), 9, 0).toInstant();
    // Exactly four hours of silence before midnight is not stale yet; a millisecond more is.
    assertThat(Quality.freshness(at(DAY, 20, 0).toInstant(), later, start, end)).isEqualTo(1.0);
    assertThat(Quality.freshness(at(DAY, 20, 0).toInstant().minusMillis(1), later, start, end))
        .isCloseTo(20 / 24.0, within(1e-6));
    // Data that stopped right at the start of the day gives the day nothing.
    assertThat(Quality.freshness(at(DAY, 0, 0).toInstant(), later, start, end)).isZero();
    // Today: silence is counted up to now, not to midnight.
    assertThat(Quality.freshness(at(DAY, 6, 0).toInstant(), at(DAY, 12, 0).toInstant(), start, end))
        .isEqualTo(0.5);
    // Asked at the very start of the day, or with no data that day: nothing to judge.
    assertThat(Quality.freshness(at(DAY, 0, 0).toInstant(), at(DAY, 0, 0).toInstant(), start, end))
        .isEqualTo(1.0);
    assertThat(Quality.freshness(at(DAY.minusDays(1), 12, 0).toInstant(), later, start, end))
        .isEqualTo(1.0);
  }

  @Test
  void silenceAfterADailyReadingIsNotStale() {
    Instant morning = at(DAY, 7, 0).toInstant();
    SourceDayQuality weighed =
        Quality.sourceDay(
            BODY_MASS,
            DeviceClass.SCALE,
            1,
            0,
            0,
            0,
            at(DAY, 0, 0).toInstant().toEpochMilli(),
            at(DAY.plusDays(1), 0, 0).toInstant().toEpochMilli(),
            morning,
            at(DAY.plusDays(1), 9, 0).toInstant());
    assertThat(weighed.freshness()).isEqualTo(1.0);
  }

  @Test
  void aSourceWhoseDataStopsMidDayIsStale() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      samples.add(s(STEPS, at(DAY, 0, 0).plusMinutes(i), 1, 10, WATCH)); // until 10:00
      samples.add(s(STEPS, at(DAY, 0, 0).plusMinutes(i), 1, 10, PHONE));
    }
    samples.add(s(STEPS, at(DAY, 22, 0), 1, 10, PHONE));
    Instant watchLast = at(DAY, 10, 0).toInstant();
    var ctx =
        new RuleContext(
            SourcePreferences.defaults(),
            Map.of(),
            Fx.BERLIN_DAYS,
            Map.of(WATCH, watchLast, PHONE, at(DAY, 22, 1).toInstant()),
            at(DAY.plusDays(1), 9, 0).toInstant(),
            60);
    DayOutcome out = Rules.resolve(STEPS, samples, ctx, DAY, DAY, false).get(DAY);
    SourceDay watch = out.sources().getFirst();
    assertThat(watch.quality().freshness()).isCloseTo(10 / 24.0, within(0.001));
    assertThat(out.sources().get(1).quality().freshness()).isEqualTo(1.0);
    assertThat(out.flags())
        .anySatisfy(f -> {
          assertThat(f.kind()).isEqualTo(QualityFlag.Kind.STALE);
          assertThat(f.source()).isEqualTo(WATCH);
          // When it stops is a time for each screen to show in its reader's zone, not text.
          assertThat(f.at().toInstant()).isEqualTo(watchLast);
          assertThat(f.message()).doesNotContainPattern("\\d:\\d");
        });
  }

  @Test
  void scalesMoreThanTwoPercentApartAreFlaggedWithBothValues() {
    var prefs =
        SourcePreferences.defaults()
            .withCategoryOrder(Category.BODY_COMPOSITION, List.of(SCALE, SCALE2));
    var close =
        List.of(
            s(BODY_MASS, at(DAY, 7, 0), 0, 80.0, SCALE),
            s(BODY_MASS, at(DAY, 7, 5), 0, 81.5, SCALE2));
    var far =
        List.of(
            s(BODY_MASS, at(DAY, 7, 0), 0, 80.0, SCALE),
            s(BODY_MASS, at(DAY, 7, 5), 0, 82.0, SCALE2));
    assertThat(Rules.explain(BODY_MASS, DAY, close, ctx(prefs)).disagreements()).isEmpty();
    var flagged = Rules.explain(BODY_MASS, DAY, far, ctx(prefs)).disagreements();
    assertThat(flagged)
        .singleElement()
        .satisfies(d -> {
          assertThat(d.first()).isEqualTo(SCALE);
          assertThat(d.firstValue()).isEqualTo(80.0);
          assertThat(d.second()).isEqualTo(SCALE2);
          assertThat(d.secondValue()).isEqualTo(82.0);
          assertThat(d.difference()).isEqualTo(0.024);
          assertThat(d.tolerance()).isEqualTo(0.02);
        });
  }

  @Test
  void stepsDisagreeBeyondAQuarter() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      samples.add(s(STEPS, at(DAY, 9, 0).plusMinutes(i), 1, 100, WATCH));
      samples.add(s(STEPS, at(DAY, 9, 0).plusMinutes(i), 1, i < 40 ? 100 : 0, PHONE));
    }
    var d =
        CrossSourceValidation.check(
            STEPS, DAY, Rules.resolve(STEPS, samples, ctx(), DAY, DAY, false).get(DAY).sources());
    assertThat(d)
        .singleElement()
        .satisfies(x -> {
          assertThat(x.firstValue()).isEqualTo(6000.0);
          assertThat(x.secondValue()).isEqualTo(4000.0);
        });
  }
}
