package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.openvitals.core.model.MetricType.BODY_MASS;
import static org.openvitals.core.model.MetricType.HEART_RATE;
import static org.openvitals.core.rules.Fx.PHONE;
import static org.openvitals.core.rules.Fx.RING;
import static org.openvitals.core.rules.Fx.SCALE;
import static org.openvitals.core.rules.Fx.SCALE2;
import static org.openvitals.core.rules.Fx.WATCH;
import static org.openvitals.core.rules.Fx.at;
import static org.openvitals.core.rules.Fx.ctx;
import static org.openvitals.core.rules.Fx.s;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.Sample;

class DiscreteRulesTest {
  static final LocalDate DAY = LocalDate.of(2024, 5, 2);

  static DayOutcome day(
      org.openvitals.core.model.MetricType m, List<Sample> samples, RuleContext ctx) {
    return Rules.resolve(m, samples, ctx, DAY, DAY, true).get(DAY);
  }

  @Test
  void twoScalesOnTheSameMorningShowOneWeight() {
    var prefs =
        SourcePreferences.defaults()
            .withCategoryOrder(Category.BODY_COMPOSITION, List.of(SCALE, SCALE2));
    List<Sample> samples =
        List.of(
            s(BODY_MASS, at(DAY, 7, 2), 0, 80.4, SCALE2),
            s(BODY_MASS, at(DAY, 7, 0), 0, 80.1, SCALE),
            s(BODY_MASS, at(DAY, 21, 0), 0, 81.0, SCALE));
    DayOutcome out = day(BODY_MASS, samples, ctx(prefs));
    assertThat(out.resolved().value()).isEqualTo(80.1); // the preferred scale's morning weight
    assertThat(out.resolved().count()).isEqualTo(1);
    assertThat(out.resolved().last()).isEqualTo(80.1);
    assertThat(out.sources())
        .extracting(SourceDay::role)
        .containsExactly(SourceRole.PRIMARY, SourceRole.OVERRIDDEN);
    var lines = ((Detail.Samples) out.detail()).samples();
    assertThat(lines).hasSize(3); // all readings kept and listed
    assertThat(lines.stream().filter(Detail.SampleLine::used))
        .singleElement()
        .satisfies(l -> assertThat(l.source()).isEqualTo(SCALE));
    assertThat(out.overrides())
        .singleElement()
        .satisfies(o -> assertThat(o.overridden()).isEqualTo(SCALE2));
  }

  @Test
  void theOtherScaleFillsDaysThePreferredOneMissed() {
    var prefs =
        SourcePreferences.defaults()
            .withCategoryOrder(Category.BODY_COMPOSITION, List.of(SCALE, SCALE2));
    DayOutcome out =
        day(BODY_MASS, List.of(s(BODY_MASS, at(DAY, 8, 0), 0, 79.9, SCALE2)), ctx(prefs));
    assertThat(out.resolved().value()).isEqualTo(79.9);
    assertThat(out.resolved().primary()).isEqualTo(SCALE2);
  }

  @Test
  void heartRateStatisticsComeFromOnePrimaryPerFiveMinuteWindow() {
    List<Sample> samples = new ArrayList<>();
    // Watch: one reading every 5 minutes 10:00-10:55; ring: every minute 10:30-11:30.
    for (int i = 0; i < 12; i++) {
      samples.add(s(HEART_RATE, at(DAY, 10, 0).plusMinutes(5L * i), 0, 60 + i, WATCH));
    }
    for (int i = 0; i < 60; i++) {
      samples.add(s(HEART_RATE, at(DAY, 10, 30).plusMinutes(i), 0, 100, RING));
    }
    DayOutcome out = day(HEART_RATE, samples, ctx());
    // 12 windows from the watch (10:00-10:55), then 6 ring windows (11:00-11:25).
    assertThat(out.resolved().count()).isEqualTo(18);
    assertThat(out.resolved().min()).isEqualTo(60.0);
    assertThat(out.resolved().max()).isEqualTo(100.0);
    assertThat(out.resolved().last()).isEqualTo(100.0);
    double expectedMean =
        (java.util.stream.IntStream.range(0, 12).map(i -> 60 + i).sum() + 6 * 100.0) / 18;
    assertThat(out.resolved().mean())
        .isCloseTo(expectedMean, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(out.resolved().contributions()).containsEntry(WATCH, 12.0).containsEntry(RING, 6.0);
    assertThat(out.sources().get(1).role()).isEqualTo(SourceRole.FILLED_GAPS);
    assertThat(out.overrides())
        .singleElement()
        .satisfies(o -> {
          assertThat(o.overridden()).isEqualTo(RING);
          assertThat(o.amount()).isEqualTo(30.0); // ring readings 10:30-10:59
        });
  }

  @Test
  void everyReadingSaysWhyItWasOrWasNotPrimary() {
    List<Sample> samples =
        List.of(
            s(HEART_RATE, at(DAY, 10, 0), 0, 60, WATCH),
            s(HEART_RATE, at(DAY, 10, 0), 0, 60, WATCH), // sent twice
            s(HEART_RATE, at(DAY, 10, 1), 0, 90, RING),
            s(HEART_RATE, at(DAY, 10, 2), 0, 70, WATCH),
            s(HEART_RATE, at(DAY, 10, 10), 0, 80, WATCH),
            s(HEART_RATE, at(DAY, 10, 20), 0, 100, RING),
            s(HEART_RATE, at(DAY, 10, 30), 0, 400, PHONE));
    DayOutcome out = day(HEART_RATE, samples, ctx());

    assertThat(out.resolved().count()).isEqualTo(3);
    assertThat(out.resolved().mean()).isEqualTo(80.0);
    assertThat(out.resolved().min()).isEqualTo(60.0);
    assertThat(out.resolved().max()).isEqualTo(100.0);
    assertThat(out.resolved().last()).isEqualTo(100.0);
    assertThat(out.resolved().contributions())
        .containsExactly(java.util.Map.entry(WATCH, 2.0), java.util.Map.entry(RING, 1.0));
    assertThat(out.sources())
        .extracting(
            SourceDay::source,
            SourceDay::role,
            SourceDay::samples,
            SourceDay::duplicates,
            SourceDay::implausible,
            SourceDay::coveredMinutes,
            SourceDay::contributed)
        .containsExactly(
            tuple(WATCH, SourceRole.PRIMARY, 4, 1, 0, 10.0, 2.0),
            tuple(RING, SourceRole.FILLED_GAPS, 2, 0, 0, 10.0, 1.0),
            tuple(PHONE, SourceRole.IMPLAUSIBLE_ONLY, 1, 0, 1, 0.0, 0.0));
    assertThat(out.sources().get(0).ownValue()).isEqualTo(67.5); // mean of its own readings
    assertThat(out.sources().get(1).ownValue()).isEqualTo(95.0);
    assertThat(out.sources().get(2).ownValue()).isNaN();
    assertThat(out.flags())
        .extracting(QualityFlag::kind, QualityFlag::source)
        .contains(
            tuple(QualityFlag.Kind.DUPLICATE, WATCH), tuple(QualityFlag.Kind.IMPLAUSIBLE, PHONE));
    assertThat(out.overrides())
        .singleElement()
        .satisfies(o -> {
          assertThat(o.overridden()).isEqualTo(RING);
          assertThat(o.by()).isEqualTo(WATCH);
          assertThat(o.amount()).isEqualTo(1.0);
          assertThat(o.reason())
              .isEqualTo(new SourceOverride.Readings(1, java.time.Duration.ofMinutes(5)));
        });
    String earlier = "not primary: an earlier " + WATCH + " reading holds this window";
    assertThat(((Detail.Samples) out.detail()).samples())
        .extracting(Detail.SampleLine::source, Detail.SampleLine::value, Detail.SampleLine::note)
        .containsExactly(
            tuple(WATCH, 60.0, "primary"),
            tuple(WATCH, 60.0, earlier),
            tuple(RING, 90.0, "not primary: " + WATCH + " ranks higher in this window"),
            tuple(WATCH, 70.0, earlier),
            tuple(WATCH, 80.0, "primary"),
            tuple(RING, 100.0, "primary"),
            tuple(PHONE, 400.0, "implausible"));
  }

  @Test
  void implausibleReadingsAreKeptButNeverPrimary() {
    List<Sample> samples =
        List.of(
            s(HEART_RATE, at(DAY, 9, 0), 0, 400, WATCH),
            s(HEART_RATE, at(DAY, 9, 1), 0, 72, PHONE));
    DayOutcome out = day(HEART_RATE, samples, ctx());
    assertThat(out.resolved().value()).isEqualTo(72.0);
    assertThat(out.resolved().primary()).isEqualTo(PHONE);
    assertThat(out.flags().stream().filter(f -> f.kind() == QualityFlag.Kind.IMPLAUSIBLE))
        .singleElement()
        .satisfies(f ->
            assertThat(f.implausible())
                .isEqualTo(
                    new Plausibility.OutsideRange(
                        HEART_RATE, 400, Plausibility.range(HEART_RATE))));
    assertThat(((Detail.Samples) out.detail()).samples())
        .extracting(Detail.SampleLine::value, Detail.SampleLine::quality)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(400.0, 0.0),
            org.assertj.core.groups.Tuple.tuple(72.0, 0.85)); // a phone's reading
  }

  @Test
  void resultDoesNotDependOnArrivalOrder() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      samples.add(
          s(
              HEART_RATE,
              at(DAY, 6, 0).plusSeconds(97L * i),
              0,
              50 + i % 13,
              i % 3 == 0 ? RING : WATCH));
    }
    var a = Rules.resolve(HEART_RATE, samples, ctx(), DAY, DAY, true);
    Collections.reverse(samples);
    assertThat(Rules.resolve(HEART_RATE, samples, ctx(), DAY, DAY, true)).isEqualTo(a);
  }
}
