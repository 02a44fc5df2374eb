package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class HealthDatesTest {

  @Test
  void modernFormKeepsItsOffset() {
    assertThat(HealthDates.parse("2019-07-19 10:36:11 -0700"))
        .isEqualTo(OffsetDateTime.parse("2019-07-19T10:36:11-07:00"));
    assertThat(HealthDates.parse("2024-01-01 01:01:36 +0200").getOffset().getTotalSeconds())
        .isEqualTo(7200);
    assertThat(HealthDates.parse("2020-03-08 02:30:00 +0530"))
        .isEqualTo(OffsetDateTime.parse("2020-03-08T02:30:00+05:30"));
    assertThat(HealthDates.parse("2019-07-19 10:36:11 -07:00"))
        .isEqualTo(OffsetDateTime.parse("2019-07-19T10:36:11-07:00"));
  }

  @Test
  void ios8CompactForm() {
    assertThat(HealthDates.parse("20140104084300-0800"))
        .isEqualTo(OffsetDateTime.parse("2014-01-04T08:43:00-08:00"));
  }

  @Test
  void badDatesNameTheText() {
    for (String bad :
        new String[] {
          "",
          "2019-07-19",
          "2019-07-19 10:36:11",
          "2019-02-30 10:00:00 +0000",
          "2019-07-19 10:36:11 0700",
          "2019-07-19T10:36:11-0700x"
        }) {
      assertThatThrownBy(() -> HealthDates.parse(bad)).isInstanceOf(DateTimeException.class);
    }
    assertThatThrownBy(() -> HealthDates.parse("yesterday")).hasMessageContaining("'yesterday'");
  }

  @Test
  void beatTimesInEveryLocaleForm() {
    OffsetDateTime start = OffsetDateTime.parse("2018-11-19T19:47:40+01:00");
    assertThat(HealthDates.secondsAfter(start, "7:47:41.86 PM")).isCloseTo(1.86, within(1e-9));
    assertThat(HealthDates.secondsAfter(start, "7:47:41.86\u202FPM")).isCloseTo(1.86, within(1e-9));
    assertThat(HealthDates.secondsAfter(start, "19:47:42,5")).isCloseTo(2.5, within(1e-9));
    OffsetDateTime lateNight = OffsetDateTime.parse("2018-11-19T23:59:59+01:00");
    assertThat(HealthDates.secondsAfter(lateNight, "12:00:01.00 AM")).isCloseTo(2, within(1e-9));
    OffsetDateTime noon = OffsetDateTime.parse("2018-11-19T12:00:00+01:00");
    assertThat(HealthDates.secondsAfter(noon, "12:00:03 PM")).isCloseTo(3, within(1e-9));
    assertThatThrownBy(() -> HealthDates.secondsAfter(start, "late"))
        .isInstanceOf(DateTimeException.class);
  }

  @Test
  void beatTimesAtTheEdgesOfTheirRanges() {
    OffsetDateTime evening = OffsetDateTime.parse("2024-05-01T23:59:58+02:00");
    assertThat(HealthDates.secondsAfter(evening, "23:59:59")).isCloseTo(1, within(1e-9));
    assertThat(HealthDates.secondsAfter(evening, "23:59:60.5")).isCloseTo(2.5, within(1e-9));
    assertThat(HealthDates.secondsAfter(evening, "0:00:01")).isCloseTo(3, within(1e-9));
    for (String outside :
        new String[] {"24:00:00", "23:60:00", "23:59:61", "-1:00:00", "1:-1:00"}) {
      assertThatThrownBy(() -> HealthDates.secondsAfter(evening, outside))
          .as(outside)
          .isInstanceOf(DateTimeException.class);
    }
  }

  @Test
  void aRecordStartingPartWayThroughASecondCountsItsFraction() {
    OffsetDateTime start = OffsetDateTime.parse("2024-05-01T10:00:00.25Z");
    assertThat(HealthDates.secondsAfter(start, "10:00:01")).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void activitySummaryDaysAreBareDates() {
    assertThat(HealthDates.parseDay(" 2024-02-29 ")).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThatThrownBy(() -> HealthDates.parseDay("2023-02-29"))
        .isInstanceOf(DateTimeException.class);
  }
}
