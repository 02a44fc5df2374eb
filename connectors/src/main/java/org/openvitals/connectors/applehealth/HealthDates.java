package org.openvitals.connectors.applehealth;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The date forms Apple Health exports write. Modern exports use {@code 2019-07-19 10:36:11 -0700}
 * (offset without a colon, which strict ISO-8601 parsers refuse); iOS 8 exports use the compact
 * {@code 20140104084300-0800}. The offset is kept: it is the device's offset when the record was
 * written. Parsed by hand because this runs for every date of every record (millions per export)
 * and a {@code DateTimeFormatter} is several times slower.
 */
final class HealthDates {
  private HealthDates() {}

  /**
   * Parses a record date.
   *
   * @throws DateTimeException naming the text when it is in no known form
   */
  static OffsetDateTime parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new DateTimeException("missing date");
    }
    String s = text.strip();
    try {
      if (s.length() == 25 && s.charAt(4) == '-' && s.charAt(10) == ' ' && s.charAt(19) == ' ') {
        return of(s, 0, 5, 8, 11, 14, 17, 20);
      }
      if (s.length() == 26 && s.charAt(4) == '-' && s.charAt(19) == ' ' && s.charAt(23) == ':') {
        // 2019-07-19 10:36:11 -07:00, seen in files re-written by other tools.
        return of(s.substring(0, 23) + s.substring(24), 0, 5, 8, 11, 14, 17, 20);
      }
      if (s.length() == 19 && (s.charAt(14) == '+' || s.charAt(14) == '-')) {
        return of(s, 0, 4, 6, 8, 10, 12, 14);
      }
    } catch (NumberFormatException | DateTimeException e) {
      throw new DateTimeException("bad date '" + text + "'");
    }
    throw new DateTimeException("bad date '" + text + "' (expected yyyy-MM-dd HH:mm:ss ±hhmm)");
  }

  private static OffsetDateTime of(
      String s, int year, int month, int day, int hour, int minute, int second, int offset) {
    int sign =
        switch (s.charAt(offset)) {
          case '-' -> -1;
          case '+' -> 1;
          default -> throw new DateTimeException("no offset sign");
        };
    int offsetHours = digits(s, offset + 1, 2);
    int offsetMinutes = digits(s, offset + 3, 2);
    ZoneOffset zone = ZoneOffset.ofTotalSeconds(sign * (offsetHours * 3600 + offsetMinutes * 60));
    return OffsetDateTime.of(
        digits(s, year, 4),
        digits(s, month, 2),
        digits(s, day, 2),
        digits(s, hour, 2),
        digits(s, minute, 2),
        digits(s, second, 2),
        0,
        zone);
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException();
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** ActivitySummary's {@code dateComponents}: a bare local date with no time zone. */
  static LocalDate parseDay(String text) {
    return LocalDate.parse(text.strip());
  }

  /**
   * An HRV beat time, which the export writes as a locale-formatted time of day: {@code 7:47:41.86
   * PM} (en_US, with a space or U+202F before PM), {@code 08:33:44,67} (fr_FR, decimal comma). The
   * date comes from the record: the beat is placed at or after the record's start, on the next day
   * when the record crosses midnight.
   *
   * @return seconds after {@code recordStart}
   * @throws DateTimeException when the text is not such a time
   */
  static double secondsAfter(OffsetDateTime recordStart, String text) {
    String s = text.strip().replace('\u202F', ' ').replace('\u00A0', ' ');
    int hourShift = 0;
    String upper = s.toUpperCase(java.util.Locale.ROOT);
    if (upper.endsWith("AM") || upper.endsWith("PM")) {
      boolean pm = upper.endsWith("PM");
      s = s.substring(0, s.length() - 2).strip();
      hourShift = pm ? 12 : 0;
      if (s.startsWith("12:")) {
        hourShift -= 12;
      }
    }
    String[] parts = s.split(":");
    if (parts.length != 3) {
      throw new DateTimeException("bad beat time '" + text + "'");
    }
    double secondOfDay;
    try {
      int hour = Integer.parseInt(parts[0]) + hourShift;
      int minute = Integer.parseInt(parts[1]);
      double second = Double.parseDouble(parts[2].replace(',', '.'));
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second >= 61) {
        throw new DateTimeException("bad beat time '" + text + "'");
      }
      secondOfDay = hour * 3600 + minute * 60 + second;
    } catch (NumberFormatException e) {
      throw new DateTimeException("bad beat time '" + text + "'");
    }
    LocalTime start = recordStart.toLocalTime();
    double startOfDay = start.toSecondOfDay() + start.getNano() / 1e9;
    double delta = secondOfDay - startOfDay;
    if (delta < -12 * 3600) {
      delta += 24 * 3600; // the record crossed midnight
    }
    return delta;
  }
}
