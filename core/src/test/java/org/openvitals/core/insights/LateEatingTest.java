package org.openvitals.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvitals.core.demo.SyntheticData.Effects;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

class LateEatingTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final DayBoundaries DAYS = new DayBoundaries.FixedZone(BERLIN);
  private static final SourceRef MEALS = new SourceRef("cronometer", "Cronometer meals");
  private static final SourceRef DAY_TOTALS = new SourceRef("myfitnesspal", "MyFitnessPal");
  private static final LocalDate DAY = LocalDate.of(2026, 11, 2);

  private static Sample meal(SourceRef source, int hour, int minute, double kcal) {
    OffsetDateTime at = DAY.atTime(hour, minute).atZone(BERLIN).toOffsetDateTime();
    return Sample.of(MetricType.DIETARY_ENERGY, at, at, kcal, source);
  }

  private static DailySeries eaten(double kcal, SourceRef source) {
    return DailySeries.ofValues(MetricType.DIETARY_ENERGY, DAY, source, kcal);
  }

  @Test
  void theShareIsTheEnergyEatenFromTheCutOffInTheDaysZone() {
    List<Sample> food =
        List.of(
            meal(MEALS, 8, 0, 500),
            meal(MEALS, 13, 0, 700),
            meal(MEALS, 20, 0, 600),
            meal(MEALS, 19, 59, 200));

    DailySeries share = LateEating.share(food, eaten(2000, MEALS), DAYS, DAY, DAY);

    assertThat(share.value(DAY)).isCloseTo(0.3, within(1e-9));
    assertThat(share.source(0)).isEqualTo(MEALS);
  }

  @Test
  void dayTotalsAndHalfLoggedDaysSayNothingAboutWhen() {
    OffsetDateTime midnight = DAY.atStartOfDay(BERLIN).toOffsetDateTime();
    List<Sample> totals =
        List.of(
            Sample.of(MetricType.DIETARY_ENERGY, midnight, midnight.plusDays(1), 2100, DAY_TOTALS));
    assertThat(LateEating.share(totals, eaten(2100, DAY_TOTALS), DAYS, DAY, DAY).has(0)).isFalse();

    List<Sample> breakfastOnly = List.of(meal(MEALS, 8, 0, 500));
    assertThat(LateEating.share(breakfastOnly, eaten(2000, MEALS), DAYS, DAY, DAY).has(0))
        .isFalse();
  }

  @Test
  void whenTheMergedSourceLogsDayTotalsTheTimedMealsOfAnotherAreUsed() {
    OffsetDateTime midnight = DAY.atStartOfDay(BERLIN).toOffsetDateTime();
    List<Sample> food = new ArrayList<>();
    food.add(
        Sample.of(MetricType.DIETARY_ENERGY, midnight, midnight.plusDays(1), 2000, DAY_TOTALS));
    food.add(meal(MEALS, 12, 0, 1000));
    food.add(meal(MEALS, 21, 30, 1000));

    DailySeries share = LateEating.share(food, eaten(2000, DAY_TOTALS), DAYS, DAY, DAY);

    assertThat(share.value(DAY)).isEqualTo(0.5);
    assertThat(share.source(0)).isEqualTo(MEALS);
  }

  @Test
  void tooFewDaysWithLateEatingAreNotTested() {
    GeneratedSeries g =
        GeneratedSeries.of(
            GeneratedSeries.options(4, 150), MetricType.SLEEP_ASLEEP, MetricType.DIETARY_ENERGY);
    // Without planted late dinners the person never eats after 20:00.
    assertThat(
            LateEating.tested(
                g.data.lateEating(),
                g.data.get(MetricType.SLEEP_ASLEEP),
                g.data.get(MetricType.DIETARY_ENERGY),
                g.from,
                g.to))
        .isEmpty();
  }

  /**
   * Late dinners on a third of days with no effect on sleep: over 20 people the late-eating
   * correlation is tested every time and found in none.
   */
  @ParameterizedTest
  @ValueSource(
      longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
  void lateDinnersWithoutAnEffectOnSleepAreNotReported(long seed) {
    GeneratedSeries g =
        GeneratedSeries.of(
            GeneratedSeries.options(seed, 121).withEffects(Effects.NONE.withLateDinners(0.3, 0)),
            MetricType.SLEEP_ASLEEP,
            MetricType.DIETARY_ENERGY);
    List<Correlation> tested =
        LateEating.tested(
            g.data.lateEating(),
            g.data.get(MetricType.SLEEP_ASLEEP),
            g.data.get(MetricType.DIETARY_ENERGY),
            g.from,
            g.to);
    assertThat(tested).hasSize(1);
    assertThat(Insights.of(g.data, g.from, g.to).correlations())
        .noneMatch(c -> c.xMeasure() == Correlation.Measure.SHARE_EATEN_LATE);
  }

  @Test
  void theJsonAndTextSayWhatIsPaired() {
    GeneratedSeries g =
        GeneratedSeries.of(
            GeneratedSeries.options(1, 150).withEffects(Effects.NONE.withLateDinners(0.3, 45)),
            MetricType.SLEEP_ASLEEP,
            MetricType.DIETARY_ENERGY);
    Correlation c =
        Insights.of(g.data, g.from, g.to).correlations().stream()
            .filter(x -> x.xMeasure() == Correlation.Measure.SHARE_EATEN_LATE)
            .findFirst()
            .orElseThrow();
    Map<String, Object> json = InsightsJson.tree(c, InsightText.canonical(), false);
    assertThat(json)
        .containsEntry("x", "dietary_energy")
        .containsEntry("x_measure", "share_eaten_from_20:00");
    assertThat(InsightText.canonical().sentence(c))
        .startsWith("On days you ate any of your energy after 20:00, ")
        .contains("that night averaged")
        .contains("lower");
    // Evidence names each day's energy eaten (not the share) and the night.
    assertThat(c.evidence())
        .filteredOn(e -> e.metric() == MetricType.DIETARY_ENERGY)
        .allSatisfy(e -> assertThat(e.value()).isGreaterThan(500));
  }
}
