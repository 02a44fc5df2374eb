package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openvitals.core.time.DayBoundaries;

/** Which day an instant belongs to, in a fixed zone (DST included) and in the sample's own. */
class DayIndexTest {
  static final LocalDate FROM = LocalDate.of(2024, 3, 30);
  static final LocalDate TO = LocalDate.of(2024, 4, 1);
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aFixedZoneCountsDaysFromItsOwnMidnightsAcrossTheDstChange() {
    DayIndex days = DayIndex.of(new DayBoundaries.FixedZone(BERLIN), FROM, TO);
    assertThat(days.sampleLocal()).isFalse();
    assertThat(days.days()).isEqualTo(3);
    // 31 March 2024 has 23 hours in Berlin.
    assertThat(days.dayEnd(1) - days.dayStart(1)).isEqualTo(23 * 3_600_000L);
    assertThat(days.dayStart(0)).isEqualTo(millis("2024-03-30T00:00+01:00"));
    assertThat(days.windowStart()).isEqualTo(days.dayStart(0));
    assertThat(days.windowEnd()).isEqualTo(millis("2024-04-02T00:00+02:00"));

    assertThat(days.of(OffsetDateTime.parse("2024-03-29T23:59:59.999+01:00"))).isEqualTo(-1);
    assertThat(days.of(OffsetDateTime.parse("2024-03-30T00:00+01:00"))).isZero();
    // The same instant written in UTC still belongs to Berlin's day.
    assertThat(days.of(OffsetDateTime.parse("2024-03-30T23:30Z"))).isEqualTo(1);
    assertThat(days.of(OffsetDateTime.parse("2024-03-31T23:59+02:00"))).isEqualTo(1);
    assertThat(days.of(OffsetDateTime.parse("2024-04-01T00:00+02:00"))).isEqualTo(2);
    assertThat(days.of(OffsetDateTime.parse("2024-04-01T23:59:59.999+02:00"))).isEqualTo(2);
    assertThat(days.of(OffsetDateTime.parse("2024-04-02T00:00+02:00"))).isEqualTo(-1);
  }

  @Test
  void sampleLocalDaysFollowEachSamplesOwnOffset() {
    DayIndex days = DayIndex.of(new DayBoundaries.SampleLocal(ZoneOffset.UTC), FROM, TO);
    assertThat(days.sampleLocal()).isTrue();
    assertThat(days.dayStart(0)).isEqualTo(millis("2024-03-30T00:00Z"));
    assertThat(days.dayEnd(0)).isEqualTo(millis("2024-03-31T00:00Z"));
    assertThat(days.dayStart(2)).isEqualTo(millis("2024-04-01T00:00Z"));
    assertThat(days.dayEnd(2)).isEqualTo(millis("2024-04-02T00:00Z"));
    // Wide enough for any offset: 18 hours either side.
    assertThat(days.windowStart()).isEqualTo(millis("2024-03-29T06:00Z"));
    assertThat(days.windowEnd()).isEqualTo(millis("2024-04-02T18:00Z"));

    // 23:30 in Tokyo is still that day in Tokyo, though it is 14:30 UTC.
    assertThat(days.of(OffsetDateTime.parse("2024-03-30T23:30+09:00"))).isZero();
    assertThat(days.of(OffsetDateTime.parse("2024-03-31T00:30+09:00"))).isEqualTo(1);
    assertThat(days.of(OffsetDateTime.parse("2024-03-29T23:59-10:00"))).isEqualTo(-1);
    assertThat(days.of(OffsetDateTime.parse("2024-04-01T23:59-10:00"))).isEqualTo(2);
    assertThat(days.of(OffsetDateTime.parse("2024-04-02T00:00-10:00"))).isEqualTo(-1);
  }

  @Test
  void indexesOfDaysInsideTheRangeOnly() {
    DayIndex days = DayIndex.of(new DayBoundaries.FixedZone(BERLIN), FROM, TO);
    assertThat(days.indexOf(FROM.minusDays(1))).isEqualTo(-1);
    assertThat(days.indexOf(FROM)).isZero();
    assertThat(days.indexOf(TO)).isEqualTo(2);
    assertThat(days.indexOf(TO.plusDays(1))).isEqualTo(-1);
    assertThat(days.day(2)).isEqualTo(TO);
    assertThatThrownBy(() -> DayIndex.of(new DayBoundaries.FixedZone(BERLIN), TO, FROM))
        .hasMessageContaining("before it starts");
  }

  private static long millis(String t) {
    return OffsetDateTime.parse(t).toInstant().toEpochMilli();
  }
}
