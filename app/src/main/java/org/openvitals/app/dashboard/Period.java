package org.openvitals.app.dashboard;

import java.time.LocalDate;

/**
 * The spans the dashboard summarises, each ending on the day shown (the latest day with data unless
 * the person moves it) and compared with the span just before it; "All" reaches back to the first
 * day with data and "Range" is a span the person picks.
 */
public enum Period {
  TODAY("Day", 1),
  WEEK("7 days", 7),
  MONTH("30 days", 30),
  YEAR("365 days", 365),
  ALL("All", 0),
  CUSTOM("Range", 0);

  /** The longest fixed span plus the one before it: one load covers every fixed period. */
  static final int LOADED_DAYS = 2 * 365;

  private final String label;
  private final int days;

  Period(String label, int days) {
    this.label = label;
    this.days = days;
  }

  public String label() {
    return label;
  }

  /** Days of a fixed period (0 for All and Range, whose length depends on the data or choice). */
  public int days() {
    return days;
  }

  /** True for the periods of a fixed length, which step back and forth by their length. */
  public boolean fixed() {
    return days > 0;
  }

  /**
   * The days shown when this period ends on {@code end}; {@code first} is the first day with data
   * (All) and {@code custom} the person's range (Range).
   */
  public DayRange range(LocalDate end, LocalDate first, DayRange custom) {
    return switch (this) {
      case ALL -> new DayRange(first.isAfter(end) ? end : first, end);
      case CUSTOM -> custom != null ? custom : DayRange.ending(end, 7);
      default -> DayRange.ending(end, days);
    };
  }
}
