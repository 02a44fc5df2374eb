package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.time.DayBoundaries;

/**
 * The generator's overlapping sources, merged under the default order, give back what really
 * happened: every step once (watch and phone together, never twice), the distance walked, the
 * morning weight, what was eaten, the night's sleep and each workout once. Weeks around both DST
 * changes in Europe/Berlin and one in a zone without DST.
 */
class SyntheticTruthTest {

  @ParameterizedTest
  @CsvSource({
    "Europe/Berlin, 2024-04-03, 1",
    "Europe/Berlin, 2024-10-30, 2",
    "Asia/Kathmandu, 2025-01-20, 3",
    "America/New_York, 2024-11-05, 4"
  })
  void mergedDaysMatchTheGeneratorsTruth(String zone, LocalDate end, long seed) {
    SyntheticData data =
        SyntheticData.of(
            SyntheticData.Options.defaults()
                .withDays(10)
                .withSeed(seed)
                .withEndDate(end)
                .withZone(ZoneId.of(zone)));
    List<SyntheticData.Day> days = data.days().toList();
    List<Sample> samples = new ArrayList<>();
    days.forEach(d -> samples.addAll(d.samples()));
    RuleContext ctx =
        new RuleContext(
            SourcePreferences.defaults(),
            SyntheticData.SOURCES,
            new DayBoundaries.FixedZone(ZoneId.of(zone)),
            Map.of(),
            Instant.EPOCH,
            60);
    // The first day's night and samples began the day before, which was not generated.
    LocalDate from = days.get(1).date();
    LocalDate to = days.getLast().date();
    Map<LocalDate, DayOutcome> steps =
        Rules.resolve(MetricType.STEPS, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> distance =
        Rules.resolve(MetricType.DISTANCE, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> weight =
        Rules.resolve(MetricType.BODY_MASS, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> energy =
        Rules.resolve(MetricType.DIETARY_ENERGY, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> protein =
        Rules.resolve(MetricType.PROTEIN, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> asleep =
        Rules.resolve(MetricType.SLEEP_ASLEEP, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> inBed =
        Rules.resolve(MetricType.SLEEP_IN_BED, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> resting =
        Rules.resolve(MetricType.RESTING_HEART_RATE, samples, ctx, from, to, false);
    Map<LocalDate, DayOutcome> workouts =
        Rules.resolve(MetricType.WORKOUT, samples, ctx, from, to, false);

    for (SyntheticData.Day day : days.subList(1, days.size())) {
      LocalDate d = day.date();
      SyntheticData.Truth truth = day.truth();
      String at = zone + " " + d;
      assertThat(steps.get(d).resolved().value())
          .as(at + " steps")
          .isCloseTo(truth.steps(), within(1e-6));
      assertThat(steps.get(d).resolved().primary()).isEqualTo(SyntheticData.APPLE_WATCH);
      assertThat(distance.get(d).resolved().value())
          .as(at + " distance")
          .isCloseTo(truth.distanceMeters(), within(0.05));
      if (truth.bodyMassKg().isPresent()) {
        assertThat(weight.get(d).resolved().value())
            .as(at + " weight")
            .isCloseTo(truth.bodyMassKg().getAsDouble(), within(0.05 + 1e-9));
        assertThat(weight.get(d).resolved().count()).isEqualTo(1);
      } else {
        assertThat(weight.get(d)).isNull();
      }
      if (truth.nutritionLogged()) {
        assertThat(energy.get(d).resolved().primary()).isEqualTo(SyntheticData.CRONOMETER);
        assertThat(energy.get(d).resolved().value())
            .as(at + " energy")
            .isCloseTo(truth.nutrition().get(MetricType.DIETARY_ENERGY), within(0.05 + 1e-9));
        assertThat(protein.get(d).resolved().value())
            .as(at + " protein")
            .isCloseTo(truth.nutrition().get(MetricType.PROTEIN), within(0.05 + 1e-9));
      } else {
        assertThat(energy.get(d)).isNull();
      }
      assertThat(asleep.get(d).resolved().value())
          .as(at + " asleep")
          .isCloseTo(truth.asleepMinutes(), within(0.01));
      assertThat(asleep.get(d).resolved().primary()).isEqualTo(SyntheticData.APPLE_WATCH);
      double bedMinutes =
          (truth.inBed().end().toEpochMilli() - truth.inBed().start().toEpochMilli()) / 60_000.0;
      // In bed comes from the ring (it ranks above the phone); the ring's record ends when you
      // wake, the phone's (the truth) when you get up, so it lies between asleep and the truth.
      assertThat(inBed.get(d).resolved().primary()).isEqualTo(SyntheticData.OURA);
      assertThat(inBed.get(d).resolved().value())
          .as(at + " in bed")
          .isBetween(truth.asleepMinutes(), bedMinutes);
      // The watch reports the truth ±1, rounded to a whole beat.
      assertThat(resting.get(d).resolved().primary()).isEqualTo(SyntheticData.APPLE_WATCH);
      assertThat(resting.get(d).resolved().value())
          .as(at + " resting HR")
          .isCloseTo(truth.restingHeartRate(), within(1.5));
      int expectedWorkouts = truth.workouts().size();
      if (expectedWorkouts == 0) {
        assertThat(workouts.get(d)).isNull();
      } else {
        assertThat(workouts.get(d).resolved().count())
            .as(at + " workouts")
            .isEqualTo(expectedWorkouts);
        assertThat(workouts.get(d).overrides()).hasSize(expectedWorkouts); // Strava's copies linked
      }
    }
  }
}
