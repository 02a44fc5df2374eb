package org.openvitals.app.dashboard;

import java.time.LocalDate;

/** The spans the dashboard summarises, each compared with the span just before it. */
public enum Period {
  TODAY("Today", 1),
  WEEK("7 days", 7),
  MONTH("30 days", 30),
  YEAR("365 days", 365);

  /** The longest span plus the one before it: what one load covers so every period is a slice. */
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

  public int days() {
    return days;
  }

  /** The first day of this period when it ends with {@code today}. */
  public LocalDate firstDay(LocalDate today) {
    return today.minusDays(days - 1L);
  }

  /** Days a chart or sparkline shows: the period, but at least a week so today has a shape. */
  public int chartDays() {
    return Math.max(days, 7);
  }
}
