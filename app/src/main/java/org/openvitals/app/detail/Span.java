package org.openvitals.app.detail;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** How much of a metric's history the detail view shows at once. */
public enum Span {
  DAY("Day"),
  WEEK("Week"),
  MONTH("Month"),
  YEAR("Year"),
  ALL("All");

  private final String title;

  Span(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /**
   * The days shown around {@code anchor}: the day itself, its week (Monday first), its calendar
   * month, its calendar year, or {@code first..last} for All.
   */
  public LocalDate[] days(LocalDate anchor, LocalDate first, LocalDate last) {
    return switch (this) {
      case DAY -> new LocalDate[] {anchor, anchor};
      case WEEK -> {
        LocalDate from = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new LocalDate[] {from, from.plusDays(6)};
      }
      case MONTH -> {
        LocalDate from = anchor.withDayOfMonth(1);
        yield new LocalDate[] {from, from.plusMonths(1).minusDays(1)};
      }
      case YEAR -> {
        LocalDate from = anchor.withDayOfYear(1);
        yield new LocalDate[] {from, from.plusYears(1).minusDays(1)};
      }
      case ALL -> new LocalDate[] {first, last};
    };
  }

  /** The anchor one span further ({@code direction} 1) or back (-1); All does not move. */
  public LocalDate step(LocalDate anchor, int direction) {
    return switch (this) {
      case DAY -> anchor.plusDays(direction);
      case WEEK -> anchor.plusWeeks(direction);
      case MONTH -> anchor.plusMonths(direction);
      case YEAR -> anchor.plusYears(direction);
      case ALL -> anchor;
    };
  }
}
