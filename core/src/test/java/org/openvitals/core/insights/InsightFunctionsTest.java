package org.openvitals.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/** The statistics behind the insights, on series whose answer is known. */
class InsightFunctionsTest {
  private static final LocalDate START = LocalDate.of(2026, 1, 5);
  private static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");

  private static double[] noise(long seed, int days, double mean, double sd) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[days];
    for (int i = 0; i < days; i++) {
      v[i] = mean + r.nextGaussian() * sd;
    }
    return v;
  }

  @Test
  void benjaminiHochbergMatchesAWorkedExample() {
    // p-values and their BH adjustment as R's p.adjust(method = "BH") gives them.
    double[] p = {0.01, 0.04, 0.03, 0.005, 0.5};
    assertThat(Stats.benjaminiHochberg(p))
        .containsExactly(new double[] {0.025, 0.05, 0.05, 0.025, 0.5}, within(1e-12));
  }

  @Test
  void spearmansPValueMatchesTheTApproximation() {
    // rho 0.5 over 30 pairs: t = 0.5 * sqrt(28 / 0.75) = 3.055, two-sided p = 0.00488 (28 df).
    assertThat(Correlations.pValue(0.5, 30)).isCloseTo(0.00488, within(0.00005));
  }

  @Test
  void aStepChangeIsATrendWithItsSizeAndAFlatSeriesIsNot() {
    double[] v = noise(1, 60, 60, 1.5);
    for (int i = 30; i < 60; i++) {
      v[i] += 3;
    }
    DailySeries s = DailySeries.ofValues(MetricType.RESTING_HEART_RATE, START, WATCH, v);
    Trend t = Trends.of(s, 30, START.plusDays(59));
    assertThat(t.pValue()).isLessThan(0.001);
    assertThat(t.change()).isCloseTo(3, within(1.0));
    assertThat(t.ciLow()).isLessThan(3).isPositive();
    assertThat(t.hedgesG()).isGreaterThan(1.2);
    assertThat(Trends.since(s, START.plusDays(59), true)).isEqualTo(START.plusDays(30));

    DailySeries flat =
        DailySeries.ofValues(MetricType.RESTING_HEART_RATE, START, WATCH, noise(2, 60, 60, 1.5));
    assertThat(Trends.of(flat, 30, START.plusDays(59)).pValue()).isGreaterThan(0.05);
  }

  @Test
  void slowDriftIsNotCountedAsManyIndependentDays() {
    // A random walk: neighbouring days alike. Without the autocorrelation discount a plain t-test
    // calls most windows different; with it the p-values stay honest more often.
    SplittableRandom r = new SplittableRandom(3);
    double[] v = new double[60];
    double level = 70;
    for (int i = 0; i < 60; i++) {
      level += r.nextGaussian() * 0.3;
      v[i] = level + r.nextGaussian() * 0.1;
    }
    Trend t =
        Trends.of(
            DailySeries.ofValues(MetricType.BODY_MASS, START, WATCH, v), 30, START.plusDays(59));
    assertThat(t.lag1()).isGreaterThan(0.5);
    double naive =
        org.apache.commons.statistics.inference.TTest.withDefaults()
            .test(Arrays.copyOfRange(v, 30, 60), Arrays.copyOfRange(v, 0, 30))
            .getPValue();
    assertThat(t.pValue()).isGreaterThan(naive * 10);
  }

  @Test
  void aWindowNeedsHalfItsDaysAndTrendsOnlyFitTheirPeriod() {
    double[] v = noise(4, 60, 60, 1.5);
    for (int i = 30; i < 46; i++) {
      v[i] = Double.NaN; // 14 of the last 30 days left
    }
    DailySeries s = DailySeries.ofValues(MetricType.RESTING_HEART_RATE, START, WATCH, v);
    assertThat(Trends.of(s, 30, START.plusDays(59))).isNull();
    assertThat(Trends.of(s, START.plusDays(53), START.plusDays(59)))
        .extracting(Trend::window)
        .containsExactly(7);
  }

  @Test
  void aBaselineCarriesOverAGapAndFlagsAnOddDayWithHowFarOut() {
    double[] v = noise(5, 100, 55, 1.0);
    for (int i = 40; i < 60; i++) {
      v[i] = Double.NaN; // three weeks without the ring
    }
    v[62] = 65;
    DailySeries s = DailySeries.ofValues(MetricType.RESTING_HEART_RATE, START, WATCH, v);
    Baselines b = Baselines.of(s);
    Baseline afterGap = b.at(START.plusDays(60));
    assertThat(afterGap).isNotNull();
    assertThat(afterGap.days()).isEqualTo(Baselines.DAYS);
    assertThat(afterGap.centre()).isCloseTo(55, within(0.8));
    assertThat(b.anomalies(START.plusDays(60), START.plusDays(99)))
        .filteredOn(a -> a.date().equals(START.plusDays(62)))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.date()).isEqualTo(START.plusDays(62));
          assertThat(a.z()).isGreaterThan(5);
          assertThat(a.outside()).isPositive();
          assertThat(a.evidence().getFirst().value()).isEqualTo(65);
        });
    // Fewer than 14 days in the 60 before: no baseline, nothing flagged.
    assertThat(b.at(START.plusDays(5))).isNull();
  }

  @Test
  void hrvBaselinesAreOnTheLogScale() {
    double[] v = noise(6, 40, 45, 6);
    DailySeries s = DailySeries.ofValues(MetricType.HRV_RMSSD, START, WATCH, v);
    Baseline b = Baselines.of(s).at(START.plusDays(39));
    assertThat(b.logScale()).isTrue();
    assertThat(b.high() - b.centre()).isGreaterThan(b.centre() - b.low());
  }

  @Test
  void aSharedWeekdayPatternIsNoCorrelation() {
    // Both long at weekends, otherwise independent: related only through the weekday.
    int days = 140;
    double[] x = noise(7, days, 420, 20);
    double[] y = noise(8, days, 45, 5);
    for (int i = 0; i < days; i++) {
      DayOfWeek d = START.plusDays(i).getDayOfWeek();
      if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
        x[i] += 90;
        y[i] += 12;
      }
    }
    var series =
        java.util.Map.of(
            MetricType.SLEEP_ASLEEP, DailySeries.ofValues(MetricType.SLEEP_ASLEEP, START, WATCH, x),
            MetricType.HRV_RMSSD, DailySeries.ofValues(MetricType.HRV_RMSSD, START, WATCH, y));
    var pair =
        java.util.List.of(new Correlations.Pair(MetricType.SLEEP_ASLEEP, MetricType.HRV_RMSSD));
    var tested = Correlations.tested(series, pair, START, START.plusDays(days - 1));
    assertThat(tested).hasSize(3).allSatisfy(c -> assertThat(c.pValue()).isGreaterThan(0.01));
    // Raw ranks would have called it strong.
    double raw =
        Correlations.pearson(
            new org.apache.commons.statistics.ranking.NaturalRanking().apply(x),
            new org.apache.commons.statistics.ranking.NaturalRanking().apply(y));
    assertThat(raw).isGreaterThan(0.5);
  }
}
