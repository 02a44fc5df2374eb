package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ResolvedDay;

/** Summaries from resolved days alone: no store, no toolkit. */
class MetricSummaryTest {
  static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  static final SourceRef SCALE = new SourceRef("withings", "Scale");
  static final SourceRef MANUAL = new SourceRef("manual", "Manual entry");

  private static ResolvedDay day(LocalDate day, double kg, SourceRef source) {
    return new ResolvedDay(
        MetricType.BODY_MASS, day, kg, kg, kg, kg, kg, 1, source, Map.of(source, kg));
  }

  @Test
  void todayWithoutDataShowsTheLatestDayOfThePastWeekWithItsDate() {
    List<ResolvedDay> days =
        List.of(
            day(TODAY.minusDays(9), 81, SCALE),
            day(TODAY.minusDays(5), 80, SCALE),
            day(TODAY.minusDays(3), 79, MANUAL));

    MetricSummary s =
        MetricSummary.of(
            MetricType.BODY_MASS, days, Period.TODAY, Period.TODAY.range(TODAY, TODAY, null));

    assertThat(s.value()).isEqualTo(79.0);
    assertThat(s.valueDay()).isEqualTo(TODAY.minusDays(3));
    assertThat(s.primary()).isEqualTo(MANUAL);
    // against the mean of the week before that day (ten to four days ago: 81 and 80)
    assertThat(s.trend()).isCloseTo((79.0 - 80.5) / 80.5, within(1e-12));
    assertThat(s.sparkline()).hasSize(7);
    assertThat(s.sparkline()[6 - 3]).isEqualTo(79.0);
    assertThat(s.sparkline()[6]).isNaN();
  }

  @Test
  void todayWithNothingForAWeekHasNoValue() {
    MetricSummary s =
        MetricSummary.of(
            MetricType.BODY_MASS,
            List.of(day(TODAY.minusDays(8), 80, SCALE)),
            Period.TODAY,
            Period.TODAY.range(TODAY, TODAY, null));

    assertThat(s.hasValue()).isFalse();
    assertThat(s.primary()).isNull();
  }

  @Test
  void aPeriodNamesTheSourcePrimaryOnMostDays() {
    List<ResolvedDay> days = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      days.add(day(TODAY.minusDays(i), 80, i < 20 ? SCALE : MANUAL));
    }

    MetricSummary s =
        MetricSummary.of(
            MetricType.BODY_MASS, days, Period.MONTH, Period.MONTH.range(TODAY, TODAY, null));

    assertThat(s.primary()).isEqualTo(SCALE);
    assertThat(s.primaryDays()).isEqualTo(20);
    assertThat(s.daysWithData()).isEqualTo(30);
    assertThat(s.trend()).isNull(); // nothing in the 30 days before
  }

  @Test
  void aTrendNeedsDataOnAtLeastHalfAsManyDaysBefore() {
    List<ResolvedDay> days = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      days.add(day(TODAY.minusDays(i), 80, SCALE));
    }
    days.add(day(TODAY.minusDays(30), 100, SCALE)); // one day before the month: not a trend

    assertThat(
            MetricSummary.of(
                    MetricType.BODY_MASS,
                    days,
                    Period.MONTH,
                    Period.MONTH.range(TODAY, TODAY, null))
                .trend())
        .isNull();

    for (int i = 31; i < 45; i++) {
      days.add(day(TODAY.minusDays(i), 100, SCALE));
    }
    assertThat(
            MetricSummary.of(
                    MetricType.BODY_MASS,
                    days,
                    Period.MONTH,
                    Period.MONTH.range(TODAY, TODAY, null))
                .trend())
        .isEqualTo(-0.2);
  }

  @Test
  void allSummarisesEveryDayAndItsSparklineStaysSmall() {
    List<ResolvedDay> days = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      days.add(day(TODAY.minusDays(i), i % 2 == 0 ? 80 : 82, SCALE));
    }
    DayRange all = Period.ALL.range(TODAY, TODAY.minusDays(999), null);

    MetricSummary s = MetricSummary.of(MetricType.BODY_MASS, days, Period.ALL, all);

    assertThat(all.days()).isEqualTo(1000);
    assertThat(s.value()).isEqualTo(81.0);
    assertThat(s.daysWithData()).isEqualTo(1000);
    assertThat(s.trend()).isNull(); // nothing before the first day
    assertThat(s.sparkline()).hasSizeLessThanOrEqualTo(MetricSummary.SPARK_POINTS);
    // runs of days averaged, not one day sampled (80 or 82)
    assertThat(s.sparkline()[0]).isCloseTo(81.0, within(0.2));
  }

  @Test
  void aRangeIsComparedWithTheDaysJustBeforeIt() {
    List<ResolvedDay> days = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      days.add(day(TODAY.minusDays(i), i < 10 ? 90 : 100, SCALE));
    }
    DayRange range = new DayRange(TODAY.minusDays(9), TODAY);

    MetricSummary s = MetricSummary.of(MetricType.BODY_MASS, days, Period.CUSTOM, range);

    assertThat(s.value()).isEqualTo(90.0);
    assertThat(s.trend()).isCloseTo(-0.1, within(1e-12));
  }
}
