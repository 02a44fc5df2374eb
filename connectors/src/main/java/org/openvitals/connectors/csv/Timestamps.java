package org.openvitals.connectors.csv;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvitals.connectors.files.ImportReport.Rejected;

/**
 * Dates and times as exports write them. A date pattern is either given (a {@link
 * DateTimeFormatter} pattern such as {@code dd.MM.yyyy}) or chosen from {@link #DATE_PATTERNS} by
 * looking at the column's first values. The time of day is read leniently: {@code 21:22}, {@code
 * 21:22:12.000}, {@code 9:51 AM}, with an optional UTC offset ({@code Z}, {@code +01:00}).
 */
public final class Timestamps {

  /** Date patterns tried, in order, when a mapping names none. */
  public static final List<String> DATE_PATTERNS =
      List.of(
          "uuuu-MM-dd",
          "dd.MM.uuuu",
          "d.M.uuuu",
          "MM/dd/uuuu",
          "M/d/uuuu",
          "dd/MM/uuuu",
          "d/M/uuuu",
          "uuuu/MM/dd",
          "MM/dd/uu",
          "dd.MM.uu");

  private static final Pattern TIME =
      Pattern.compile(
          "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*([AaPp][Mm])?\\s*"
              + "(Z|[+-]\\d{2}(?::?\\d{2})?)?");

  private Timestamps() {}

  /** A strict formatter for {@code pattern} (so 31.02. is an error, not March 3rd). */
  public static DateTimeFormatter formatter(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * The pattern of {@link #DATE_PATTERNS} that reads the most of {@code samples} (their date part;
   * a few bad rows do not spoil detection), or null when none reads any. Slash dates are US
   * month/day first unless more samples read as day/month.
   */
  public static String detectDatePattern(List<String> samples) {
    String best = null;
    int bestCount = 0;
    for (String pattern : DATE_PATTERNS) {
      DateTimeFormatter f = formatter(pattern);
      int count = 0;
      for (String sample : samples) {
        try {
          LocalDate.parse(datePart(sample), f);
          count++;
        } catch (DateTimeParseException e) {
          // not this pattern
        }
      }
      if (count > bestCount) {
        best = pattern;
        bestCount = count;
      }
    }
    return best;
  }

  /** The date part of a date-time text: up to a {@code T} after an ISO date, or a space. */
  public static String datePart(String text) {
    String s = text.strip();
    int t = s.indexOf('T');
    if (t == 10 && s.length() > 10 && Character.isDigit(s.charAt(0))) {
      return s.substring(0, 10);
    }
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  /** The rest after {@link #datePart}, stripped, or an empty string. */
  public static String timePart(String text) {
    String s = text.strip();
    String date = datePart(s);
    return s.substring(date.length()).replaceFirst("^[T ]", "").strip();
  }

  /** A time of day with an optional offset; offset null when none was written. */
  public record TimeOfDay(LocalTime time, ZoneOffset offset) {}

  /**
   * Reads a time of day.
   *
   * @throws DateTimeParseException when {@code text} is not one
   */
  public static TimeOfDay parseTime(String text) {
    Matcher m = TIME.matcher(text.strip());
    if (!m.matches()) {
      throw new DateTimeParseException(Rejected.quote(text) + " is not a time of day", text, 0);
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = Integer.parseInt(m.group(2));
    int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int nanos =
        m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "000000000").substring(0, 9));
    if (m.group(5) != null) {
      if (hour < 1 || hour > 12) {
        throw new DateTimeParseException(
            Rejected.quote(text) + " has no 12-hour clock hour", text, 0);
      }
      boolean pm = m.group(5).equalsIgnoreCase("pm");
      hour = hour % 12 + (pm ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw new DateTimeParseException(Rejected.quote(text) + " is not a time of day", text, 0);
    }
    ZoneOffset offset = m.group(6) == null ? null : ZoneOffset.of(normalizeOffset(m.group(6)));
    return new TimeOfDay(LocalTime.of(hour, minute, second, nanos), offset);
  }

  private static String normalizeOffset(String offset) {
    if (offset.equals("Z") || offset.contains(":") || offset.length() == 3) {
      return offset;
    }
    return offset.substring(0, 3) + ":" + offset.substring(3);
  }

  /**
   * A local date-time in {@code zone} as an offset date-time (the offset in force then). An offset
   * written in the data wins over the zone.
   */
  public static OffsetDateTime at(LocalDate date, TimeOfDay time, ZoneId zone) {
    LocalDateTime local = date.atTime(time.time());
    return time.offset() != null
        ? local.atOffset(time.offset())
        : local.atZone(zone).toOffsetDateTime();
  }

  /** Midnight starting {@code date} in {@code zone}. */
  public static OffsetDateTime startOfDay(LocalDate date, ZoneId zone) {
    return date.atStartOfDay(zone).toOffsetDateTime();
  }
}
