package org.openvitals.bridge.batches;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the protocol's times ({@code 2024-03-01T09:00:00[.fraction](Z|+01:00)}, the schema's
 * DateTime) by their fixed positions: {@link OffsetDateTime#parse} was a tenth of a batch's time.
 * Anything else, or a field out of range, goes to {@link OffsetDateTime#parse}, whose answer (or
 * error message) stands.
 */
final class WireTimes {
  private WireTimes() {}

  static OffsetDateTime parse(String t) {
    OffsetDateTime quick = quick(t);
    return quick != null ? quick : OffsetDateTime.parse(t);
  }

  private static OffsetDateTime quick(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (t.charAt(at) == '.') {
      int digits = 0;
      at++;
      while (at < n && t.charAt(at) >= '0' && t.charAt(at) <= '9' && digits < 9) {
        nanos = nanos * 10 + (t.charAt(at++) - '0');
        digits++;
      }
      if (digits == 0) {
        return null;
      }
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (at == n - 1 && t.charAt(at) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (at == n - 6
        && (t.charAt(at) == '+' || t.charAt(at) == '-')
        && t.charAt(at + 3) == ':') {
      int hours = number(t, at + 1, 2);
      int minutes = number(t, at + 4, 2);
      if (hours < 0 || minutes < 0) {
        return null;
      }
      int sign = t.charAt(at) == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    int year = number(t, 0, 4);
    int month = number(t, 5, 2);
    int day = number(t, 8, 2);
    int hour = number(t, 11, 2);
    int minute = number(t, 14, 2);
    int second = number(t, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
  private static int number(String t, int from, int length) {
    int v = 0;
    for (int i = from; i < from + length; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
