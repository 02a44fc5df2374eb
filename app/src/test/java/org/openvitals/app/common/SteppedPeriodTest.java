package org.openvitals.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SteppedPeriodTest {
  static final LocalDate FIRST = LocalDate.of(2026, 1, 10);
  static final LocalDate LATEST = LocalDate.of(2026, 3, 31);

  final SteppedPeriod period = new SteppedPeriod(28);

  /** What a page's load does: read the days requested, then show them. */
  void load(LocalDate firstDay, LocalDate latestDay) {
    DataSpan.Days withData = firstDay == null ? null : new DataSpan.Days(firstDay, latestDay);
    period.show(period.request().span(withData, latestDay));
  }

  void load() {
    load(FIRST, LATEST);
  }

  @Test
  void aNewPeriodEndsOnTheLatestDayAndCannotGoLater() {
    load();
    assertThat(period.fromProperty().get()).isEqualTo(LATEST.minusDays(27));
    assertThat(period.toProperty().get()).isEqualTo(LATEST);
    assertThat(period.atLatestProperty().get()).isTrue();
    assertThat(period.atEarliestProperty().get()).isFalse();
    assertThat(period.later()).isFalse();
    assertThat(period.latest()).isFalse();
    assertThat(period.request().chosenEnd()).isNull();
  }

  @Test
  void earlierStepsBackAPeriodAtATimeAndNeverFromTheFirstDayWithData() {
    load();
    // Mar 4 - Mar 31, then Feb 4 - Mar 3, then Jan 7 - Feb 3, which holds Jan 10: the first day.
    assertThat(period.earlier()).isTrue();
    load();
    assertThat(period.toProperty().get()).isEqualTo(LATEST.minusDays(28));
    assertThat(period.atLatestProperty().get()).isFalse();
    assertThat(period.earlier()).isTrue();
    load();
    assertThat(period.fromProperty().get()).isEqualTo(LocalDate.of(2026, 1, 7));
    assertThat(period.atEarliestProperty().get()).isTrue();

    assertThat(period.earlier()).isFalse();
    assertThat(period.request().chosenEnd()).isEqualTo(LocalDate.of(2026, 2, 3));
  }

  @Test
  void aPeriodStartingOnTheFirstDayIsTheEarliest() {
    load(LATEST.minusDays(27), LATEST);
    assertThat(period.atEarliestProperty().get()).isTrue();
    assertThat(period.earlier()).isFalse();
    load(LATEST.minusDays(28), LATEST);
    assertThat(period.atEarliestProperty().get()).isFalse();
  }

  @Test
  void laterNeverStepsPastTheLatestDayAndLatestComesBack() {
    load();
    period.earlier();
    load();
    period.earlier();
    load();
    // Jan 7 - Feb 3: a period later is Feb 4 - Mar 3, and from there only up to the latest day.
    assertThat(period.later()).isTrue();
    load();
    assertThat(period.toProperty().get()).isEqualTo(LocalDate.of(2026, 3, 3));
    assertThat(period.later()).isTrue();
    load();
    assertThat(period.toProperty().get()).isEqualTo(LATEST);
    assertThat(period.atLatestProperty().get()).isTrue();
    assertThat(period.later()).isFalse();

    period.earlier();
    load();
    assertThat(period.latest()).isTrue();
    load();
    assertThat(period.toProperty().get()).isEqualTo(LATEST);
  }

  @Test
  void aStepLandingPastTheLatestDayFollowsTheLatestAgain() {
    load();
    period.earlier();
    load();
    // Newer data arrived: the latest day is now 10 days after the chosen end plus a period.
    LocalDate newer = LATEST.plusDays(10);
    load(FIRST, newer);
    assertThat(period.later()).isTrue();
    assertThat(period.request().chosenEnd()).isEqualTo(LATEST);
    load(FIRST, newer);
    assertThat(period.later()).isTrue();
    assertThat(period.request().chosenEnd()).isNull();
    load(FIRST, newer);
    assertThat(period.toProperty().get()).isEqualTo(newer);
  }

  @Test
  void withoutDataNeitherWayIsOpenAndResetForgetsTheChoice() {
    LocalDate today = LocalDate.of(2026, 12, 3);
    load(null, today);
    assertThat(period.atEarliestProperty().get()).isTrue();
    assertThat(period.atLatestProperty().get()).isTrue();
    assertThat(period.earlier()).isFalse();

    load();
    period.earlier();
    period.reset();
    assertThat(period.request().chosenEnd()).isNull();
  }

  @Test
  void beforeTheFirstLoadNothingSteps() {
    assertThat(period.earlier()).isFalse();
    assertThat(period.later()).isFalse();
    assertThatThrownBy(() -> new SteppedPeriod(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
