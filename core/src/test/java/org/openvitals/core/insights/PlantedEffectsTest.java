package org.openvitals.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.demo.SyntheticData.Effects;
import org.openvitals.core.model.MetricType;

/**
 * Effects of known size planted in the synthetic person, run through the merge rules like a store's
 * data, are found with the right sign and size; see also {@link NoFalseCorrelationsTest}.
 */
class PlantedEffectsTest {
  private static final LocalDate END = GeneratedSeries.END;

  /** Resting heart rate 5 bpm higher from 30 days before the end. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aRestingHeartRateRiseIsFoundWithItsStartAndSize(long seed) {
    LocalDate rise = END.minusDays(29);
    GeneratedSeries g =
        GeneratedSeries.of(
            GeneratedSeries.options(seed, 120)
                .withEffects(Effects.NONE.withRestingHeartRateRise(rise, 5)),
            MetricType.RESTING_HEART_RATE);
    InsightReport report = Insights.of(g.data, END.minusDays(89), END);

    Trend month =
        report.trends().stream()
            .filter(t -> t.metric() == MetricType.RESTING_HEART_RATE && t.window() == 30)
            .findFirst()
            .orElseThrow();
    assertThat(month.significant()).isTrue();
    assertThat(month.change()).isPositive();
    // The body's own change over the same windows (the planted 5 plus a little season), as the
    // generator's truth has it: the sources' figures must give it back to within 0.6 bpm.
    double truth =
        truthMean(g, month.from(), month.to())
            - truthMean(g, month.previousFrom(), month.previousTo());
    assertThat(month.change()).isCloseTo(truth, within(0.6));
    assertThat(month.change()).isCloseTo(5, within(1.5));
    assertThat(month.ciLow()).isLessThan(truth);
    assertThat(month.ciHigh()).isGreaterThan(truth);
    assertThat(month.hedgesG()).isGreaterThan(1.5);
    assertThat(month.since()).isBetween(rise.minusDays(5), rise.plusDays(5));
    // The first days of the new level lie outside the old normal range, above it.
    assertThat(report.anomalies())
        .filteredOn(a -> a.metric() == MetricType.RESTING_HEART_RATE)
        .filteredOn(a -> !a.date().isBefore(rise) && a.date().isBefore(rise.plusDays(10)))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.difference()).isPositive());
  }

  /** Each hour of sleep above 7 h raises the next day's HRV (SDNN) by 6 ms. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aSleepHrvRelationOneDayLaterIsFoundWithItsSize(long seed) {
    double msPerHour = 6;
    GeneratedSeries g =
        GeneratedSeries.of(
            GeneratedSeries.options(seed, 150)
                .withEffects(Effects.NONE.withSdnnPerSleepHour(msPerHour)),
            MetricType.SLEEP_ASLEEP,
            MetricType.HRV_SDNN);
    List<Correlation> found =
        Insights.of(g.data, g.from, g.to).correlations().stream()
            .filter(c -> c.x() == MetricType.SLEEP_ASLEEP && c.y() == MetricType.HRV_SDNN)
            .toList();

    assertThat(found).extracting(Correlation::lag).containsExactly(1);
    Correlation c = found.getFirst();
    assertThat(c.rho()).isPositive();
    assertThat(c.difference()).isPositive();
    assertThat(c.pairs()).isGreaterThan(140);
    // ms per minute of sleep on the adjusted values, against the planted 6 ms per hour: within 35
    // %.
    assertThat(c.slope() * 60).isCloseTo(msPerHour, within(0.35 * msPerHour));
  }

  /**
   * Dinner is late (after 21:00) on about a third of days, and the night after a late dinner has 45
   * minutes less sleep. Late eating is found against that night's sleep (lag 1, the day the night
   * ends), lower, by 45 minutes to within 15.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void lateEatingIsFoundAgainstThatNightsSleepWithItsSize(long seed) {
    double minutesLost = 45;
    GeneratedSeries g =
        GeneratedSeries.of(
            GeneratedSeries.options(seed, 150)
                .withEffects(Effects.NONE.withLateDinners(0.3, minutesLost)),
            MetricType.SLEEP_ASLEEP,
            MetricType.DIETARY_ENERGY);
    List<Correlation> found =
        Insights.of(g.data, g.from, g.to).correlations().stream()
            .filter(c -> c.xMeasure() == Correlation.Measure.SHARE_EATEN_LATE)
            .toList();

    assertThat(found)
        .singleElement()
        .satisfies(c -> {
          assertThat(c.x()).isEqualTo(MetricType.DIETARY_ENERGY);
          assertThat(c.y()).isEqualTo(MetricType.SLEEP_ASLEEP);
          assertThat(c.lag()).isEqualTo(1);
          assertThat(c.rho()).isNegative();
          assertThat(c.threshold()).isZero(); // most days have no late eating: "any late eating"
          assertThat(c.difference()).isCloseTo(-minutesLost, within(15.0));
          assertThat(c.pairs()).isGreaterThan(100);
        });
  }

  /**
   * The watch stops measuring resting heart rate; the ring, which reads about 3 bpm lower, takes
   * over. The baseline moves to the ring's level at once, no day is flagged for it, and the trends
   * follow the body, not the source.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aSwitchOfSourceMovesNoBaseline(long seed) {
    LocalDate switchDay = END.minusDays(45);
    GeneratedSeries g =
        GeneratedSeries.of(
            GeneratedSeries.options(seed, 200)
                .withEffects(
                    Effects.NONE.withStop(
                        SyntheticData.APPLE_WATCH, MetricType.RESTING_HEART_RATE, switchDay)),
            MetricType.RESTING_HEART_RATE);
    DailySeries rhr = g.data.get(MetricType.RESTING_HEART_RATE);
    assertThat(rhr.mainSource(switchDay.minusDays(30), switchDay.minusDays(1)))
        .isEqualTo(SyntheticData.APPLE_WATCH);
    assertThat(rhr.mainSource(switchDay, END)).isEqualTo(SyntheticData.OURA);

    InsightReport report = Insights.of(g.data, END.minusDays(89), END);
    // The fortnight after the switch, when a baseline still at the watch's level would flag days.
    assertThat(report.anomalies())
        .filteredOn(a -> !a.date().isBefore(switchDay) && a.date().isBefore(switchDay.plusDays(14)))
        .isEmpty();

    Baselines adjusted = Baselines.of(rhr);
    Baselines naive = Baselines.ignoringSources(rhr);
    double worstNaive = 0;
    for (LocalDate d = switchDay; d.isBefore(switchDay.plusDays(10)); d = d.plusDays(1)) {
      // The ring's level: what the ring itself measured over the baseline's days.
      double ringLevel = ownMedian(rhr, SyntheticData.OURA, d.minusDays(28), d.minusDays(1));
      assertThat(adjusted.at(d).centre()).as("baseline on " + d).isCloseTo(ringLevel, within(0.6));
      worstNaive = Math.max(worstNaive, Math.abs(naive.at(d).centre() - ringLevel));
    }
    // Without the source adjustment the baseline would sit at the watch's level, ~3 bpm off.
    assertThat(worstNaive).isGreaterThan(2);

    // 30 and 90 days straddle the switch; a week's mean is too noisy for a 1 bpm check.
    for (Trend t : report.trends().stream().filter(t -> t.window() > 7).toList()) {
      double truth =
          truthMean(g, t.from(), t.to()) - truthMean(g, t.previousFrom(), t.previousTo());
      assertThat(t.change()).as(t.window() + "-day trend").isCloseTo(truth, within(1.0));
    }
  }

  private static double truthMean(GeneratedSeries g, LocalDate from, LocalDate to) {
    return from.datesUntil(to.plusDays(1))
        .mapToDouble(d -> g.truth.get(d).restingHeartRate())
        .average()
        .orElseThrow();
  }

  private static double ownMedian(
      DailySeries s, org.openvitals.core.model.SourceRef source, LocalDate from, LocalDate to) {
    double[] values =
        from.datesUntil(to.plusDays(1))
            .mapToDouble(d -> s.own(source, s.index(d)))
            .filter(v -> !Double.isNaN(v))
            .toArray();
    Arrays.sort(values);
    return Stats.median(values);
  }
}
