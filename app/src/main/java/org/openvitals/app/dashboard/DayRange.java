package org.openvitals.app.dashboard;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** An inclusive span of days, in the store's day boundaries. */
public record DayRange(LocalDate from, LocalDate to) {
  public DayRange {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "A range ends on or after its first day: " + from + ", " + to);
    }
  }

  /** The {@code days} days ending {@code to}. */
  public static DayRange ending(LocalDate to, int days) {
    return new DayRange(to.minusDays(days - 1L), to);
  }

  public int days() {
    return (int) ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The span of the same length just before this one (what a trend compares with). */
  public DayRange before() {
    return ending(from.minusDays(1), days());
  }

  /** This span, but at least {@code days} long (a chart of one day still shows a week). */
  public DayRange atLeast(int days) {
    return days() >= days ? this : ending(to, days);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  /** True when every day of {@code other} is in this span. */
  public boolean covers(DayRange other) {
    return !other.from.isBefore(from) && !other.to.isAfter(to);
  }

  /** The smallest span holding both. */
  public DayRange union(DayRange other) {
    return new DayRange(
        from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to);
  }
}
