package org.openvitals.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openvitals.core.demo.SyntheticData.Day;
import org.openvitals.core.demo.SyntheticData.Options;
import org.openvitals.core.demo.SyntheticData.Truth;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

class SyntheticDataTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Options TWO_WEEKS =
      new Options(14, 7, LocalDate.of(2026, 6, 14), BERLIN, false, true);

  @Test
  void sameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
    List<Day> first = SyntheticData.of(TWO_WEEKS).days().toList();
    List<Day> again = SyntheticData.of(TWO_WEEKS).days().toList();
    List<Day> other = SyntheticData.of(TWO_WEEKS.withSeed(8)).days().toList();

    assertThat(first).hasSize(14);
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i).samples()).isEqualTo(first.get(i).samples());
      assertThat(again.get(i).truth().stepsPerMinute())
          .isEqualTo(first.get(i).truth().stepsPerMinute());
      assertThat(other.get(i).samples()).isNotEqualTo(first.get(i).samples());
    }
  }

  @Test
  void aDayIsTheSameWhetherStreamedOrAskedForAlone() {
    SyntheticData data = SyntheticData.of(TWO_WEEKS);
    Day streamed = data.days().skip(5).findFirst().orElseThrow();
    Day alone = SyntheticData.of(TWO_WEEKS.withDays(1)).day(streamed.date());

    assertThat(streamed.date()).isEqualTo(LocalDate.of(2026, 6, 6));
    assertThat(alone.samples()).isEqualTo(streamed.samples());
  }

  @Test
  void daysRunInOrderUpToTheEndDate() {
    List<LocalDate> dates = SyntheticData.of(TWO_WEEKS).days().map(Day::date).toList();

    assertThat(dates.getFirst()).isEqualTo(LocalDate.of(2026, 6, 1));
    assertThat(dates.getLast()).isEqualTo(TWO_WEEKS.endDate());
    assertThat(Set.copyOf(dates)).hasSize(14);
  }

  @Test
  void everySourceAppearsWithTheDeviceClassTheStoreWouldGuess() {
    Set<SourceRef> seen =
        SyntheticData.of(TWO_WEEKS.withDays(60))
            .days()
            .flatMap(d -> d.samples().stream())
            .map(Sample::source)
            .collect(Collectors.toSet());

    assertThat(seen).containsExactlyInAnyOrderElementsOf(SyntheticData.SOURCES.keySet());
    SyntheticData.SOURCES.forEach((source, deviceClass) ->
        assertThat(DeviceClass.guess(source.provider(), source.name()))
            .as(source.key())
            .isEqualTo(deviceClass));
  }

  @Test
  void watchAndPhoneStepsOverlapAndTheirCorrectMergeIsTheTruth() {
    for (Day day : SyntheticData.of(TWO_WEEKS).days().toList()) {
      Truth truth = day.truth();
      Instant midnight = day.date().atStartOfDay(BERLIN).toInstant();
      List<Sample> watch = steps(day, SyntheticData.APPLE_WATCH);
      List<Sample> phone = steps(day, SyntheticData.IPHONE);
      int[] perMinute = truth.stepsPerMinute();

      // The watch records every true minute except while it charges.
      for (Sample s : watch) {
        int minute = (int) Duration.between(midnight, s.start().toInstant()).toMinutes();
        assertThat(truth.watchCharging().contains(s.start().toInstant())).isFalse();
        assertThat(s.value()).isEqualTo(perMinute[minute]);
      }
      // The phone fills the charging gap; its chunks never straddle the gap's edges.
      long phoneAlone = 0;
      long overlapping = 0;
      for (Sample s : phone) {
        boolean inGap = truth.watchCharging().contains(s.start().toInstant());
        Instant lastMinute = s.end().toInstant().minusSeconds(60);
        assertThat(truth.watchCharging().contains(lastMinute)).isEqualTo(inGap);
        long minutes = s.durationSeconds() / 60;
        assertThat(minutes).isBetween(1L, 10L);
        int from = (int) Duration.between(midnight, s.start().toInstant()).toMinutes();
        long trueInChunk = 0;
        for (int m = from; m < from + minutes; m++) {
          trueInChunk += perMinute[m];
        }
        assertThat(s.value()).isEqualTo(trueInChunk);
        if (inGap) {
          phoneAlone += (long) s.value();
        } else {
          overlapping += (long) s.value();
        }
      }
      long watchTotal = watch.stream().mapToLong(s -> (long) s.value()).sum();
      long phoneTotal = phone.stream().mapToLong(s -> (long) s.value()).sum();

      assertThat(watchTotal + phoneAlone).as(day.date().toString()).isEqualTo(truth.steps());
      assertThat(overlapping).as("phone steps the watch also counted").isPositive();
      assertThat(watchTotal + phoneTotal).as("a naive sum").isGreaterThan(truth.steps());
      assertThat(truth.steps()).isBetween(3_000L, 30_000L);
    }
  }

  @Test
  void phoneAloneCoversTheChargingGap() {
    long gapSteps = 0;
    for (Day day : SyntheticData.of(TWO_WEEKS).days().toList()) {
      Instant midnight = day.date().atStartOfDay(BERLIN).toInstant();
      int[] perMinute = day.truth().stepsPerMinute();
      for (int m = 0; m < perMinute.length; m++) {
        if (day.truth().watchCharging().contains(midnight.plusSeconds(60L * m))) {
          gapSteps += perMinute[m];
        }
      }
    }
    assertThat(gapSteps).as("steps taken while the watch charged").isPositive();
  }

  @Test
  void weightSleepFoodAndWorkoutsMatchTheTruth() {
    int weighed = 0;
    int withMyFitnessPal = 0;
    int workouts = 0;
    for (Day day : SyntheticData.of(TWO_WEEKS.withDays(42)).days().toList()) {
      Truth truth = day.truth();
      for (Sample s : day.samples()) {
        if (s.type() == MetricType.BODY_MASS) {
          weighed++;
          double resolution = s.source().equals(SyntheticData.WITHINGS) ? 0.025 : 0.05;
          assertThat(s.value())
              .isCloseTo(truth.bodyMassKg().orElseThrow(), within(resolution + 1e-9));
        }
      }
      double watchAsleep =
          day.samples().stream()
              .filter(s -> s.source().equals(SyntheticData.APPLE_WATCH))
              .filter(s ->
                  Set.of(MetricType.SLEEP_CORE, MetricType.SLEEP_DEEP, MetricType.SLEEP_REM)
                      .contains(s.type()))
              .mapToDouble(Sample::value)
              .sum();
      assertThat(watchAsleep).isCloseTo(truth.asleepMinutes(), within(0.1));
      assertThat(truth.asleepMinutes()).isBetween(300.0, 600.0);

      Map<MetricType, Double> cronometer = totals(day, SyntheticData.CRONOMETER);
      assertThat(cronometer.keySet()).isEqualTo(truth.nutrition().keySet());
      truth
          .nutrition()
          .forEach(
              (type, value) -> assertThat(cronometer.get(type)).isCloseTo(value, within(0.05)));
      Map<MetricType, Double> mfp = totals(day, SyntheticData.MY_FITNESS_PAL);
      if (!mfp.isEmpty()) {
        withMyFitnessPal++;
        assertThat(truth.nutritionLogged()).isTrue();
        assertThat(mfp.get(MetricType.DIETARY_ENERGY))
            .isCloseTo(
                truth.nutrition().get(MetricType.DIETARY_ENERGY),
                within(truth.nutrition().get(MetricType.DIETARY_ENERGY) * 0.3));
      }

      for (SyntheticData.Workout w : truth.workouts()) {
        workouts++;
        for (SourceRef source : List.of(SyntheticData.APPLE_WATCH, SyntheticData.STRAVA)) {
          assertThat(day.samples())
              .filteredOn(s -> s.type() == MetricType.WORKOUT && s.source().equals(source))
              .anySatisfy(s ->
                  assertThat(Duration.between(w.start(), s.start().toInstant()).abs())
                      .isLessThan(Duration.ofMinutes(2)));
        }
      }
    }
    assertThat(weighed).isGreaterThan(30);
    assertThat(withMyFitnessPal).isPositive();
    assertThat(workouts).isGreaterThan(5);
  }

  @Test
  void aWorkoutsEndReadingIsStillItsRateAndTheHeartSlowsOverMinutesAfter() {
    int checked = 0;
    for (Day day : SyntheticData.of(TWO_WEEKS.withDays(42)).days().toList()) {
      Map<Instant, Double> watch =
          day.samples().stream()
              .filter(s -> s.type() == MetricType.HEART_RATE)
              .filter(s -> s.source().equals(SyntheticData.APPLE_WATCH))
              .collect(Collectors.toMap(s -> s.start().toInstant(), Sample::value, (a, b) -> a));
      for (SyntheticData.Workout w : day.truth().workouts()) {
        Double lastMinute = watch.get(w.end().minus(Duration.ofMinutes(1)));
        Double atEnd = watch.get(w.end());
        Double tenMinutesLater = watch.get(w.end().plus(Duration.ofMinutes(10)));
        if (lastMinute == null || atEnd == null || tenMinutesLater == null) {
          continue; // the watch was charging
        }
        checked++;
        // A reading at the workout's end instant counts as the workout's (its heart-rate curve).
        assertThat(atEnd).as(w.toString()).isEqualTo(lastMinute);
        assertThat(atEnd).as(w.toString()).isGreaterThan(tenMinutesLater + 20);
      }
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void valuesAreInRangeForTheirCanonicalUnit() {
    for (Day day : SyntheticData.of(TWO_WEEKS).days().toList()) {
      for (Sample s : day.samples()) {
        double v = s.value();
        switch (s.type()) {
          case HEART_RATE -> assertThat(v).isBetween(35.0, 200.0);
          case OXYGEN_SATURATION -> assertThat(v).isBetween(90.0, 100.0);
          case BODY_MASS -> assertThat(v).isBetween(60.0, 100.0);
          case BODY_FAT_PERCENTAGE -> assertThat(v).isBetween(5.0, 40.0);
          case DIETARY_ENERGY -> assertThat(v).isBetween(50.0, 4000.0);
          case SODIUM -> assertThat(v).isBetween(10.0, 8000.0);
          case SKIN_TEMPERATURE_DEVIATION -> assertThat(v).isBetween(-2.0, 2.0);
          default -> assertThat(v).as(s.type().id()).isNotNegative();
        }
        assertThat(s.start().getOffset()).isIn(ZoneOffset.ofHours(1), ZoneOffset.ofHours(2));
      }
    }
  }

  @Test
  void daylightSavingDaysHaveTheirRealLength() {
    SyntheticData data = SyntheticData.of(TWO_WEEKS);
    Day spring = data.day(LocalDate.of(2026, 3, 29));
    Day autumn = data.day(LocalDate.of(2026, 10, 25));

    assertThat(spring.truth().stepsPerMinute()).hasSize(23 * 60);
    assertThat(autumn.truth().stepsPerMinute()).hasSize(25 * 60);
    assertThat(spring.samples())
        .extracting(s -> s.start().getOffset())
        .contains(ZoneOffset.ofHours(1), ZoneOffset.ofHours(2));
  }

  @Test
  void heartRateEverySecondGivesAFullDayOfOneHertzSamples() {
    Options bench = TWO_WEEKS.withDays(1).withHeartRateEverySecond(true).withWatchCharges(false);
    Day day = SyntheticData.of(bench).days().findFirst().orElseThrow();

    long watchHeartRate =
        day.samples().stream()
            .filter(s ->
                s.type() == MetricType.HEART_RATE && s.source().equals(SyntheticData.APPLE_WATCH))
            .count();
    assertThat(watchHeartRate).isEqualTo(86_400);
    assertThat(day.truth().watchCharging()).isNull();
  }

  @Test
  void externalIdsAreUniquePerSource() {
    Map<String, SourceRef> seen = new HashMap<>();
    SyntheticData.of(TWO_WEEKS)
        .days()
        .flatMap(d -> d.samples().stream())
        .filter(s -> s.externalId() != null)
        .forEach(
            s -> assertThat(seen.put(s.type().id() + "|" + s.externalId(), s.source())).isNull());
    assertThat(seen).hasSizeGreaterThan(10_000);
  }

  @Test
  void rejectsFewerThanOneDay() {
    assertThatThrownBy(() -> TWO_WEEKS.withDays(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  private static List<Sample> steps(Day day, SourceRef source) {
    return day.samples().stream()
        .filter(s -> s.type() == MetricType.STEPS && s.source().equals(source))
        .toList();
  }

  private static Map<MetricType, Double> totals(Day day, SourceRef source) {
    Map<MetricType, Double> totals = new EnumMap<>(MetricType.class);
    day.samples().stream()
        .filter(s ->
            s.source().equals(source)
                && s.type().category() == org.openvitals.core.model.Category.NUTRITION)
        .forEach(s -> totals.merge(s.type(), s.value(), Double::sum));
    return totals;
  }
}
