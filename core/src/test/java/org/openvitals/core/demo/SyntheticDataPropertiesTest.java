package org.openvitals.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openvitals.core.demo.SyntheticData.Day;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

/** The generator's promises hold for any seed, in any zone, on any day (DST days included). */
class SyntheticDataPropertiesTest {

  @Property(tries = 40)
  void watchStepsPlusPhoneStepsWhileTheWatchChargesAreTheTruth(
      @ForAll long seed, @ForAll("zones") ZoneId zone, @ForAll("dates") LocalDate date) {
    SyntheticData data =
        SyntheticData.of(new SyntheticData.Options(1, seed, date, zone, false, true));
    Day day = data.day(date);
    Instant midnight = date.atStartOfDay(zone).toInstant();
    Instant nextMidnight = date.plusDays(1).atStartOfDay(zone).toInstant();

    long merged = 0;
    for (Sample s : day.samples()) {
      if (s.type() != MetricType.STEPS) {
        continue;
      }
      assertThat(s.start().toInstant()).isBetween(midnight, nextMidnight);
      assertThat(s.end().toInstant()).isBeforeOrEqualTo(nextMidnight);
      assertThat(s.start().getOffset()).isEqualTo(zone.getRules().getOffset(s.start().toInstant()));
      boolean watch = s.source().equals(SyntheticData.APPLE_WATCH);
      boolean inGap = day.truth().watchCharging().contains(s.start().toInstant());
      if (watch || inGap) {
        merged += (long) s.value();
      }
    }
    assertThat(merged).isEqualTo(day.truth().steps());
    assertThat(day.truth().stepsPerMinute())
        .hasSize((int) Duration.between(midnight, nextMidnight).toMinutes());
  }

  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
            "UTC",
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe", // half-hour DST shift
            "Asia/Kathmandu", // +05:45
            "Pacific/Chatham")
        .map(ZoneId::of);
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    Arbitrary<LocalDate> anyDay =
        Arbitraries.longs()
            .between(LocalDate.of(2015, 1, 1).toEpochDay(), LocalDate.of(2035, 12, 31).toEpochDay())
            .map(LocalDate::ofEpochDay);
    Arbitrary<LocalDate> dstDays =
        Arbitraries.of(
            LocalDate.of(2026, 3, 8),
            LocalDate.of(2026, 3, 29),
            LocalDate.of(2026, 4, 5),
            LocalDate.of(2026, 9, 27),
            LocalDate.of(2026, 10, 4),
            LocalDate.of(2026, 10, 25),
            LocalDate.of(2026, 11, 1));
    return Arbitraries.oneOf(anyDay, dstDays);
  }
}
