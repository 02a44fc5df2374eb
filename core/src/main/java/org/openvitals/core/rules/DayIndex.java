package org.openvitals.core.rules;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.openvitals.core.time.DayBoundaries;

/**
 * Maps instants to the days {@code from..to} under the user's day boundaries, fast enough to call
 * per sample and per slice: a binary search over precomputed midnights for a fixed zone (so DST
 * days have 23 or 25 hours), arithmetic on the sample's own offset for sample-local days.
 */
final class DayIndex {
  private static final long DAY_MS = 86_400_000L;
  private static final long WIDEST_OFFSET_MS = 18 * 3_600_000L;

  private final LocalDate from;
  private final int days;
  private final long[] midnights; // null for sample-local days
  private final long windowStart;
  private final long windowEnd;

  private DayIndex(LocalDate from, int days, long[] midnights, long start, long end) {
    this.from = from;
    this.days = days;
    this.midnights = midnights;
    this.windowStart = start;
    this.windowEnd = end;
  }

  static DayIndex of(DayBoundaries boundaries, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "Day range ends (" + to + ") before it starts (" + from + ")");
    }
    int days = Math.toIntExact(to.toEpochDay() - from.toEpochDay() + 1);
    if (boundaries instanceof DayBoundaries.FixedZone(ZoneId zone)) {
      long[] m = new long[days + 1];
      for (int i = 0; i <= days; i++) {
        m[i] = from.plusDays(i).atStartOfDay(zone).toInstant().toEpochMilli();
      }
      return new DayIndex(from, days, m, m[0], m[days]);
    }
    long start = from.toEpochDay() * DAY_MS - WIDEST_OFFSET_MS;
    long end = (to.toEpochDay() + 1) * DAY_MS + WIDEST_OFFSET_MS;
    return new DayIndex(from, days, null, start, end);
  }

  int days() {
    return days;
  }

  LocalDate day(int index) {
    return from.plusDays(index);
  }

  int indexOf(LocalDate day) {
    long i = day.toEpochDay() - from.toEpochDay();
    return i < 0 || i >= days ? -1 : (int) i;
  }

  /** Earliest instant that can belong to one of the days (epoch ms). */
  long windowStart() {
    return windowStart;
  }

  /** Instant after the last one that can belong to one of the days (epoch ms). */
  long windowEnd() {
    return windowEnd;
  }

  /** The day of an instant written with the given UTC offset, or -1 outside the range. */
  int of(long epochMillis, int offsetSeconds) {
    if (midnights == null) {
      long local = Math.floorDiv(epochMillis + offsetSeconds * 1000L, DAY_MS);
      long i = local - from.toEpochDay();
      return i < 0 || i >= days ? -1 : (int) i;
    }
    if (epochMillis < midnights[0] || epochMillis >= midnights[days]) {
      return -1;
    }
    int lo = 0;
    int hi = days - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (midnights[mid] <= epochMillis) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  int of(OffsetDateTime t) {
    return of(t.toInstant().toEpochMilli(), t.getOffset().getTotalSeconds());
  }

  /** First instant of a day (epoch ms); for sample-local days, UTC midnight. */
  long dayStart(int index) {
    return midnights != null ? midnights[index] : (from.toEpochDay() + index) * DAY_MS;
  }

  long dayEnd(int index) {
    return midnights != null ? midnights[index + 1] : (from.toEpochDay() + index + 1) * DAY_MS;
  }

  /** Whether day ranges depend on the sample's own offset. */
  boolean sampleLocal() {
    return midnights == null;
  }
}
