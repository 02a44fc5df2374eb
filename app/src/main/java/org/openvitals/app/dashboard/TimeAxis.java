package org.openvitals.app.dashboard;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.Locale;

/**
 * A time axis in epoch seconds whose ticks fall on calendar boundaries in the person's zone: hours,
 * days, weeks (starting on the locale's first day), months or years, whichever step gives as many
 * labels as fit. A tick of a day or longer sits at that day's noon, under the day's bar. Labels are
 * in the locale ("Mar 5", "5. März", "Mar 2024", "2024"). ChartFX's own time axis labels in UTC
 * with a second-based step ("Date []" and hour ticks under daily bars).
 */
final class TimeAxis extends DefaultNumericAxis {
  /** A tick step: a calendar unit and how many of it. */
  enum Step {
    HOUR(ChronoUnit.HOURS, 1),
    THREE_HOURS(ChronoUnit.HOURS, 3),
    SIX_HOURS(ChronoUnit.HOURS, 6),
    DAY(ChronoUnit.DAYS, 1),
    TWO_DAYS(ChronoUnit.DAYS, 2),
    WEEK(ChronoUnit.WEEKS, 1),
    TWO_WEEKS(ChronoUnit.WEEKS, 2),
    MONTH(ChronoUnit.MONTHS, 1),
    QUARTER(ChronoUnit.MONTHS, 3),
    YEAR(ChronoUnit.YEARS, 1),
    FIVE_YEARS(ChronoUnit.YEARS, 5);

    final ChronoUnit unit;
    final int count;

    Step(ChronoUnit unit, int count) {
      this.unit = unit;
      this.count = count;
    }

    double seconds() {
      return unit.getDuration().getSeconds() * (double) count;
    }

    boolean daily() {
      return unit != ChronoUnit.HOURS;
    }
  }

  /** The room a label needs, in pixels, so neighbours never touch. */
  private static final double LABEL_ROOM = 72;

  private final ZoneId zone;
  private final Locale locale;
  private final DateTimeFormatter hour;
  private final DateTimeFormatter day;
  private final DateTimeFormatter month;
  private final DateTimeFormatter year;
  private Step step = Step.DAY;

  TimeAxis(ZoneId zone, Locale locale) {
    this.zone = zone;
    this.locale = locale;
    hour = DateTimeFormatter.ofLocalizedPattern("jm").withLocale(locale);
    day = DateTimeFormatter.ofLocalizedPattern("MMMd").withLocale(locale);
    month = DateTimeFormatter.ofLocalizedPattern("yMMM").withLocale(locale);
    year = DateTimeFormatter.ofLocalizedPattern("y").withLocale(locale);
    setName(null);
    setUnit(null);
    setTimeAxis(false);
    setAutoUnitScaling(false);
    setAutoRangeRounding(false);
  }

  /** The step of the ticks drawn last (tests). */
  Step step() {
    return step;
  }

  /** The step that fits {@code seconds} of time on {@code pixels}. */
  static Step stepFor(double seconds, double pixels) {
    double fit = Math.max(2, pixels / LABEL_ROOM);
    for (Step s : Step.values()) {
      if (seconds / s.seconds() <= fit) {
        return s;
      }
    }
    return Step.FIVE_YEARS;
  }

  @Override
  protected void calculateMajorTickValues(AxisRange range, DoubleArrayList ticks) {
    ticks.clear();
    double min = range.getMin();
    double max = range.getMax();
    if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
      return;
    }
    double pixels = getLength() > 0 ? getLength() : 600;
    step = stepFor(max - min, pixels);
    for (ZonedDateTime t = first(Instant.ofEpochSecond((long) Math.floor(min)));
        t.toEpochSecond() <= max;
        t = t.plus(step.count, step.unit)) {
      if (t.toEpochSecond() >= min) {
        ticks.add(t.toEpochSecond());
      }
    }
  }

  @Override
  protected void calculateMinorTickValues(DoubleArrayList ticks) {
    ticks.clear();
  }

  @Override
  public String getTickMarkLabel(double value) {
    return label(Instant.ofEpochSecond((long) value));
  }

  /** The label of a tick at {@code at} with the current step. */
  String label(Instant at) {
    ZonedDateTime t = at.atZone(zone);
    return switch (step.unit) {
      case HOURS -> hour.format(t);
      case DAYS, WEEKS -> day.format(t);
      case MONTHS -> month.format(t);
      default -> year.format(t);
    };
  }

  /** The first tick at or before {@code from}: a whole step, at noon for days and longer. */
  private ZonedDateTime first(Instant from) {
    ZonedDateTime t = from.atZone(zone);
    if (!step.daily()) {
      ZonedDateTime h = t.truncatedTo(ChronoUnit.HOURS);
      return h.withHour(h.getHour() - h.getHour() % step.count);
    }
    LocalDate d = t.toLocalDate();
    LocalDate start =
        switch (step.unit) {
          case WEEKS -> {
            DayOfWeek firstDay = WeekFields.of(locale).getFirstDayOfWeek();
            yield d.with(TemporalAdjusters.previousOrSame(firstDay));
          }
          case MONTHS -> {
            LocalDate m = d.withDayOfMonth(1);
            yield m.withMonth(m.getMonthValue() - (m.getMonthValue() - 1) % step.count);
          }
          case YEARS -> d.withDayOfYear(1).withYear(d.getYear() - d.getYear() % step.count);
          default -> d;
        };
    return start.atTime(12, 0).atZone(zone);
  }
}
