package org.openvitals.core.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.openvitals.core.model.MetricType.SLEEP_ASLEEP;
import static org.openvitals.core.model.MetricType.SLEEP_AWAKE;
import static org.openvitals.core.model.MetricType.SLEEP_CORE;
import static org.openvitals.core.model.MetricType.SLEEP_DEEP;
import static org.openvitals.core.model.MetricType.SLEEP_IN_BED;
import static org.openvitals.core.model.MetricType.SLEEP_REM;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.time.DayBoundaries;

class NightsTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");
  static final SourceRef RING = new SourceRef("oura", "Oura Ring");
  static final SourceRef WHOOP = new SourceRef("whoop", "WHOOP");
  static final LocalDate WAKE = LocalDate.of(2024, 3, 5);

  static OffsetDateTime at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(BERLIN).toOffsetDateTime();
  }

  static RuleContext ctx(SourceRef... order) {
    return RuleContext.of(
        SourcePreferences.defaults().withCategoryOrder(Category.SLEEP, List.of(order)),
        new DayBoundaries.FixedZone(BERLIN));
  }

  /** Consecutive stages from {@code start}, each {@code type, minutes}. */
  static List<Sample> stages(OffsetDateTime start, SourceRef source, Object... typeMinutes) {
    List<Sample> out = new ArrayList<>();
    OffsetDateTime t = start;
    for (int i = 0; i < typeMinutes.length; i += 2) {
      int minutes = (Integer) typeMinutes[i + 1];
      out.add(Sample.of((MetricType) typeMinutes[i], t, t.plusMinutes(minutes), minutes, source));
      t = t.plusMinutes(minutes);
    }
    return out;
  }

  /** The watch's night: 23:10 to 06:40, 20 minutes awake in it, in bed from 22:55. */
  static List<Sample> watchNight() {
    List<Sample> out =
        new ArrayList<>(
            stages(
                at(WAKE.minusDays(1), 23, 10),
                WATCH,
                SLEEP_CORE,
                50,
                SLEEP_DEEP,
                70,
                SLEEP_CORE,
                40,
                SLEEP_REM,
                30,
                SLEEP_AWAKE,
                20,
                SLEEP_CORE,
                100,
                SLEEP_DEEP,
                30,
                SLEEP_REM,
                60,
                SLEEP_CORE,
                50));
    out.add(Sample.of(SLEEP_IN_BED, at(WAKE.minusDays(1), 22, 55), at(WAKE, 6, 40), 465, WATCH));
    return out;
  }

  @Test
  void theWatchNightHasItsStagesBedAndWakeTimesAndTimeInBedAgainstAsleep() {
    List<SleepDay> days = Nights.of(watchNight(), ctx(WATCH), WAKE.minusDays(1), WAKE);

    assertThat(days).singleElement().satisfies(d -> assertThat(d.day()).isEqualTo(WAKE));
    Night night = days.getFirst().night();
    assertThat(night.source()).isEqualTo(WATCH);
    assertThat(night.primary()).isTrue();
    assertThat(night.bedTime()).isEqualTo(at(WAKE.minusDays(1), 22, 55));
    assertThat(night.wakeTime()).isEqualTo(at(WAKE, 6, 40));
    assertThat(night.stages())
        .extracting(StageSpan::stage)
        .containsExactly(
            Stage.CORE,
            Stage.DEEP,
            Stage.CORE,
            Stage.REM,
            Stage.AWAKE,
            Stage.CORE,
            Stage.DEEP,
            Stage.REM,
            Stage.CORE);
    assertThat(night.stageMinutes())
        .containsOnly(
            entry(Stage.CORE, 240.0),
            entry(Stage.DEEP, 100.0),
            entry(Stage.REM, 90.0),
            entry(Stage.AWAKE, 20.0));
    assertThat(night.inBedMinutes()).isEqualTo(465.0);
    assertThat(night.asleepMinutes()).isEqualTo(430.0);
    // The dashboard's figure for the same night: the page and the tile agree.
    double rulesAsleep =
        Rules.resolve(SLEEP_ASLEEP, watchNight(), ctx(WATCH), WAKE, WAKE, false)
            .get(WAKE)
            .resolved()
            .value();
    assertThat(night.asleepMinutes()).isEqualTo(rulesAsleep);
  }

  @Test
  void withoutAnInBedRecordTimeInBedIsBedToWakeLessUncoveredGaps() {
    List<Sample> samples =
        new ArrayList<>(
            stages(at(WAKE.minusDays(1), 23, 0), WATCH, SLEEP_CORE, 60, SLEEP_DEEP, 60));
    // 30 minutes no record covers, then more sleep: the same night (under an hour apart).
    samples.addAll(stages(at(WAKE, 1, 30), WATCH, SLEEP_REM, 45, SLEEP_AWAKE, 15));

    Night night = Nights.of(samples, ctx(WATCH), WAKE, WAKE).getFirst().night();

    assertThat(night.bedTime()).isEqualTo(at(WAKE.minusDays(1), 23, 0));
    assertThat(night.wakeTime()).isEqualTo(at(WAKE, 2, 30));
    assertThat(night.inBedMinutes()).isEqualTo(180.0);
    assertThat(night.asleepMinutes()).isEqualTo(165.0);
    assertThat(night.efficiency()).isEqualTo(165.0 / 180.0);
  }

  @Test
  void theOtherSourcesNightsStandBesideThePrimaryBestRankedFirst() {
    List<Sample> samples = new ArrayList<>(watchNight());
    samples.addAll(
        stages(
            at(WAKE.minusDays(1), 23, 30), RING, SLEEP_CORE, 120, SLEEP_DEEP, 90, SLEEP_REM, 180));
    // WHOOP sends stage totals only, in its in-bed record.
    samples.add(
        new Sample(
            SLEEP_IN_BED,
            at(WAKE.minusDays(1), 23, 20),
            at(WAKE, 6, 50),
            450,
            WHOOP,
            null,
            "w1",
            Map.of(
                "light_minutes", "200",
                "deep_minutes", "95",
                "rem_minutes", "110",
                "awake_minutes", "45")));

    SleepDay day = Nights.of(samples, ctx(RING, WATCH, WHOOP), WAKE, WAKE).getFirst();

    assertThat(day.night().source()).isEqualTo(RING);
    assertThat(day.night().asleepMinutes()).isEqualTo(390.0);
    assertThat(day.others()).extracting(Night::source).containsExactly(WATCH, WHOOP);
    assertThat(day.others()).noneMatch(Night::primary);
    Night whoop = day.others().get(1);
    assertThat(whoop.hasTimeline()).isFalse();
    assertThat(whoop.stageMinutes())
        .containsEntry(Stage.DEEP, 95.0)
        .containsEntry(Stage.AWAKE, 45.0);
    assertThat(whoop.asleepMinutes()).isEqualTo(405.0);
    assertThat(whoop.inBedMinutes()).isEqualTo(450.0);
    assertThat(whoop.hasStages()).isTrue();
    assertThat(day.others().getFirst().hasStages()).isTrue();
  }

  @Test
  void aPhonesTimeInBedAloneIsANightWithoutStages() {
    SourceRef phone = new SourceRef("apple_health", "Anna's iPhone");
    List<Sample> samples = new ArrayList<>(watchNight());
    samples.add(Sample.of(SLEEP_IN_BED, at(WAKE.minusDays(1), 22, 40), at(WAKE, 7, 0), 500, phone));

    SleepDay day = Nights.of(samples, ctx(WATCH, phone), WAKE, WAKE).getFirst();

    Night bedOnly = day.others().getFirst();
    assertThat(bedOnly.source()).isEqualTo(phone);
    assertThat(bedOnly.hasStages()).isFalse();
    assertThat(bedOnly.hasTimeline()).isFalse();
    assertThat(bedOnly.inBedMinutes()).isEqualTo(500.0);
    assertThat(bedOnly.asleepMinutes()).isZero();
  }

  @Test
  void overlappingRecordsOfOneStageCountOnce() {
    assertThat(
            Nights.unionMinutes(
                List.of(
                    new long[] {0, 60_000 * 30},
                    new long[] {60_000 * 20, 60_000 * 40},
                    new long[] {60_000 * 50, 60_000 * 60})))
        .isEqualTo(50.0);
  }

  @Test
  void anAfternoonNapIsKeptApartFromTheNight() {
    List<Sample> samples = new ArrayList<>(watchNight());
    samples.addAll(stages(at(WAKE, 14, 0), WATCH, SLEEP_CORE, 25));

    SleepDay day = Nights.of(samples, ctx(WATCH), WAKE, WAKE).getFirst();

    assertThat(day.night().asleepMinutes()).isEqualTo(430.0);
    assertThat(day.naps())
        .singleElement()
        .satisfies(n -> {
          assertThat(n.nap()).isTrue();
          assertThat(n.asleepMinutes()).isEqualTo(25.0);
        });
  }
}
