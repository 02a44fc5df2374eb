package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openvitals.core.model.MetricType.STEPS;
import static org.openvitals.core.rules.Fx.PHONE;
import static org.openvitals.core.rules.Fx.WATCH;
import static org.openvitals.core.rules.Fx.at;
import static org.openvitals.core.rules.Fx.ctx;
import static org.openvitals.core.rules.Fx.s;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.Sample;
import org.openvitals.core.time.DayBoundaries;

class CumulativeRulesTest {
  static final LocalDate DAY = LocalDate.of(2024, 3, 5);

  static DayOutcome day(List<Sample> samples, RuleContext ctx) {
    return Rules.resolve(STEPS, samples, ctx, DAY, DAY, true).get(DAY);
  }

  static List<Sample> perMinute(
      org.openvitals.core.model.SourceRef src,
      int fromHour,
      int fromMinute,
      int minutes,
      double each) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < minutes; i++) {
      var start = at(DAY, fromHour, fromMinute).plusMinutes(i);
      out.add(s(STEPS, start, 1, each, src));
    }
    return out;
  }

  @Test
  void watchWinsWhereItHasDataAndThePhoneFillsOnlyTheRest() {
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 10, 0, 30, 60)); // 1800 steps
    samples.add(s(STEPS, at(DAY, 10, 0), 60, 3600, PHONE)); // one hour-long phone sample
    DayOutcome out = day(samples, ctx());

    // Watch covers 10:00-10:30; the phone's sample is pro-rated: half of it fills 10:30-11:00.
    assertThat(out.resolved().value()).isCloseTo(3600, within(1e-6));
    assertThat(out.resolved().primary()).isEqualTo(WATCH);
    assertThat(out.resolved().contributions())
        .containsEntry(WATCH, 1800.0)
        .hasEntrySatisfying(PHONE, v -> assertThat(v).isCloseTo(1800, within(1e-6)));
    assertThat(out.sources())
        .extracting(SourceDay::role)
        .containsExactly(SourceRole.PRIMARY, SourceRole.FILLED_GAPS);
    assertThat(out.overrides())
        .singleElement()
        .satisfies(o -> {
          assertThat(o.overridden()).isEqualTo(PHONE);
          assertThat(o.by()).isEqualTo(WATCH);
          assertThat(o.amount()).isCloseTo(1800, within(1e-6));
          assertThat(o.reason()).isEqualTo(new SourceOverride.RanksHigher(30, true));
        });
    var runs = ((Detail.Slices) out.detail()).runs();
    assertThat(runs).extracting(Detail.SliceRun::source).containsExactly(WATCH, PHONE);
    assertThat(runs.get(0).start()).isEqualTo(at(DAY, 10, 0));
    assertThat(runs.get(0).end()).isEqualTo(at(DAY, 10, 30));
    assertThat(runs.get(1).end()).isEqualTo(at(DAY, 11, 0));
  }

  @Test
  void aPhoneChunkAddsOnlyTheStepsTheWatchDidNotCountInItsTime() {
    // The watch writes nothing for minutes without steps: 10:00-10:04 walking, 10:05-10:09 still.
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 10, 0, 5, 100));
    samples.add(s(STEPS, at(DAY, 10, 0), 10, 500, PHONE)); // the same 500 steps, one chunk
    samples.add(s(STEPS, at(DAY, 11, 0), 10, 300, PHONE)); // the watch was charging
    samples.add(s(STEPS, at(DAY, 12, 0), 10, 800, PHONE)); // the watch missed 300 of these
    samples.addAll(perMinute(WATCH, 12, 0, 5, 100));
    DayOutcome out = day(samples, ctx());
    assertThat(out.resolved().value()).isCloseTo(500 + 300 + 800, within(1e-9));
    assertThat(out.resolved().contributions().get(PHONE)).isCloseTo(300 + 300, within(1e-9));
    // Time-proportional filling would have added 250 + 400 phantom steps in the still minutes.
  }

  @Test
  void naiveSumWouldDoubleCountButTheMergeDoesNot() {
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 8, 0, 120, 50));
    samples.addAll(perMinute(PHONE, 8, 0, 120, 45));
    DayOutcome out = day(samples, ctx());
    assertThat(out.resolved().value()).isEqualTo(6000.0);
    assertThat(out.sources().get(1).role()).isEqualTo(SourceRole.OVERRIDDEN);
    assertThat(out.sources().get(1).ownValue()).isEqualTo(5400.0);
  }

  @Test
  void phoneStepsWhileTheWatchChargesAreKept() {
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 9, 0, 60, 20));
    samples.addAll(perMinute(PHONE, 9, 0, 120, 10)); // phone also walked 10:00-11:00
    DayOutcome out = day(samples, ctx());
    assertThat(out.resolved().value()).isEqualTo(1200 + 600.0);
  }

  @Test
  void preferringThePhoneForStepsFlipsTheResult() {
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 9, 0, 60, 20));
    samples.addAll(perMinute(PHONE, 9, 0, 60, 30));
    SourcePreferences phoneFirst =
        SourcePreferences.defaults().withMetricOverride(STEPS, List.of(PHONE, WATCH));
    assertThat(day(samples, ctx()).resolved().value())
        .isEqualTo(1800.0); // floor: phone alone saw more
    assertThat(day(samples, ctx()).sources().get(1).role()).isEqualTo(SourceRole.FLOOR);
    DayOutcome flipped = day(samples, ctx(phoneFirst));
    assertThat(flipped.resolved().primary()).isEqualTo(PHONE);
    assertThat(flipped.resolved().value()).isEqualTo(1800.0);
    assertThat(flipped.sources().get(0).role()).isEqualTo(SourceRole.PRIMARY);
  }

  @Test
  void aDayNeverShowsLessThanOneSourceAloneCounted() {
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 12, 0, 10, 1));
    samples.add(s(STEPS, at(DAY, 12, 0), 10, 1000, PHONE));
    DayOutcome out = day(samples, ctx());
    assertThat(out.resolved().value()).isEqualTo(1000.0);
    assertThat(out.resolved().primary()).isEqualTo(PHONE);
    assertThat(out.overrides())
        .singleElement()
        .satisfies(o -> {
          assertThat(o.amount()).isEqualTo(10.0); // the merge: the watch's minutes only
          assertThat(o.reason()).isEqualTo(new SourceOverride.Floor(1000));
        });
  }

  @Test
  void implausibleSamplesAreListedButNeverWin() {
    List<Sample> samples = new ArrayList<>(perMinute(PHONE, 7, 0, 5, 40));
    samples.add(s(STEPS, at(DAY, 7, 0), 1, 50_000, WATCH)); // 50,000 steps in a minute
    DayOutcome out = day(samples, ctx());
    assertThat(out.resolved().value()).isEqualTo(200.0);
    assertThat(out.resolved().primary()).isEqualTo(PHONE);
    assertThat(out.sources().get(0).role()).isEqualTo(SourceRole.IMPLAUSIBLE_ONLY);
    assertThat(out.flags())
        .anySatisfy(f -> {
          assertThat(f.kind()).isEqualTo(QualityFlag.Kind.IMPLAUSIBLE);
          assertThat(f.source()).isEqualTo(WATCH);
          assertThat(f.implausible()).isInstanceOf(Plausibility.RateOutside.class);
        });
  }

  @Test
  void aSampleAcrossMidnightIsSplitBetweenTheDaysByTime() {
    LocalDate next = DAY.plusDays(1);
    Sample late = s(STEPS, at(DAY, 23, 30), 60, 600, PHONE);
    var both = Rules.resolve(STEPS, List.of(late), ctx(), DAY, next, false);
    assertThat(both.get(DAY).resolved().value()).isCloseTo(300, within(1e-9));
    assertThat(both.get(next).resolved().value()).isCloseTo(300, within(1e-9));
  }

  @Test
  void springForwardDayHas23HoursAndFallBackDay25() {
    for (var c :
        List.of(
            new Object[] {LocalDate.of(2024, 3, 31), 23},
            new Object[] {LocalDate.of(2024, 10, 27), 25})) {
      LocalDate d = (LocalDate) c[0];
      int hours = (int) c[1];
      List<Sample> samples = new ArrayList<>();
      // Every real minute of the local day (and an hour either side), 10 steps each, in local
      // offsets.
      ZonedDateTime t = d.atStartOfDay(Fx.BERLIN).minusHours(1);
      ZonedDateTime end = d.plusDays(1).atStartOfDay(Fx.BERLIN).plusHours(1);
      for (; t.isBefore(end); t = t.plusMinutes(1)) {
        samples.add(s(STEPS, t.toOffsetDateTime(), 1, 10, WATCH));
        samples.add(s(STEPS, t.toOffsetDateTime(), 1, 7, PHONE));
      }
      var out = Rules.resolve(STEPS, samples, ctx(), d, d, true).get(d);
      assertThat(out.resolved().value()).as(d.toString()).isEqualTo(hours * 60 * 10.0);
      assertThat(out.resolved().count()).isEqualTo(hours * 60);
      var runs = ((Detail.Slices) out.detail()).runs();
      assertThat(runs).hasSize(1);
      assertThat(runs.getFirst().start().toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
      assertThat(runs.getFirst().end())
          .isEqualTo(d.plusDays(1).atStartOfDay(Fx.BERLIN).toOffsetDateTime());
    }
  }

  @Test
  void aTripAcrossTimeZonesCountsEveryStepOnceUnderBothDayModes() {
    // Berlin (+02:00) until the flight, New York (-04:00) after landing; steps every minute.
    List<Sample> samples = new ArrayList<>();
    var t = Fx.at("2024-06-09T08:00+02:00");
    var landing = Fx.at("2024-06-10T16:00+02:00"); // 10:00 in New York
    var end = Fx.at("2024-06-11T22:00-04:00");
    for (; t.isBefore(end); t = t.plusMinutes(1)) {
      var written =
          t.isBefore(landing) ? t : t.withOffsetSameInstant(java.time.ZoneOffset.ofHours(-4));
      samples.add(s(STEPS, written, 1, 5, WATCH));
    }
    double all = samples.size() * 5.0;
    LocalDate from = LocalDate.of(2024, 6, 8);
    LocalDate to = LocalDate.of(2024, 6, 12);
    for (DayBoundaries days :
        List.of(new DayBoundaries.FixedZone(Fx.BERLIN), new DayBoundaries.SampleLocal(Fx.BERLIN))) {
      var out =
          Rules.resolve(
              STEPS, samples, RuleContext.of(SourcePreferences.defaults(), days), from, to, false);
      double sum = out.values().stream().mapToDouble(o -> o.resolved().value()).sum();
      assertThat(sum).as(days.id()).isEqualTo(all);
    }
    // Sample-local: the travel day is 30 hours long in local time (00:00 Berlin to 24:00 New York).
    var local =
        Rules.resolve(
            STEPS,
            samples,
            RuleContext.of(
                SourcePreferences.defaults(), new DayBoundaries.SampleLocal(ZoneId.of("UTC"))),
            from,
            to,
            false);
    assertThat(local.get(LocalDate.of(2024, 6, 10)).resolved().value()).isEqualTo(30 * 60 * 5.0);
    var fixed = Rules.resolve(STEPS, samples, ctx(), from, to, false);
    assertThat(fixed.get(LocalDate.of(2024, 6, 10)).resolved().value()).isEqualTo(24 * 60 * 5.0);
  }

  @Test
  void categoryOrderAppliesToEveryActivityMetric() {
    SourcePreferences prefs =
        SourcePreferences.defaults().withCategoryOrder(Category.ACTIVITY, List.of(PHONE, WATCH));
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 9, 0, 10, 30));
    samples.addAll(perMinute(PHONE, 9, 0, 10, 31));
    assertThat(day(samples, ctx(prefs)).resolved().primary()).isEqualTo(PHONE);
    assertThat(day(samples, ctx()).resolved().contributions()).containsOnlyKeys(PHONE); // floor
    assertThat(day(samples, ctx(prefs)).resolved().contributions()).isEqualTo(Map.of(PHONE, 310.0));
  }

  @Test
  void dayWithOnlyImplausibleDataHasNoValueButIsListed() {
    DayOutcome out = day(List.of(s(STEPS, at(DAY, 7, 0), 1, -5, PHONE)), ctx());
    assertThat(out.resolved()).isNull();
    assertThat(out.flags()).hasSize(1);
  }

  @Test
  void thinDaysAreFlaggedIncompleteAndScoredLower() {
    List<Sample> samples = new ArrayList<>(perMinute(WATCH, 0, 0, 16 * 60, 5));
    samples.addAll(perMinute(PHONE, 9, 0, 60, 5));
    DayOutcome out = day(samples, ctx());
    SourceDay watch = out.sources().get(0);
    SourceDay phone = out.sources().get(1);
    assertThat(watch.quality().completeness()).isEqualTo(1.0);
    assertThat(phone.quality().completeness()).isCloseTo(60 / 960.0, within(0.001));
    assertThat(phone.quality().score()).isLessThan(watch.quality().score());
    assertThat(out.flags())
        .anySatisfy(f -> {
          assertThat(f.kind()).isEqualTo(QualityFlag.Kind.INCOMPLETE);
          assertThat(f.source()).isEqualTo(PHONE);
        });
  }
}
