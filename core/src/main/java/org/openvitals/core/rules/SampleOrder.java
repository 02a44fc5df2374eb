package org.openvitals.core.rules;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openvitals.core.model.Sample;

/** Shared helpers: a total order on samples (so results never depend on arrival order), times. */
final class SampleOrder {
  private SampleOrder() {}

  /** By start, end, value, external id, device: two samples comparing equal are interchangeable. */
  static final Comparator<Sample> CANONICAL =
      Comparator.comparingLong((Sample s) -> ms(s.start()))
          .thenComparingLong(s -> ms(s.end()))
          .thenComparingDouble(Sample::value)
          .thenComparing(Sample::externalId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Sample::device, Comparator.nullsFirst(Comparator.naturalOrder()));

  /**
   * Sorts into {@link #CANONICAL} order. One source's samples usually come from the store already
   * ordered by start with no ties; that case is recognised in one cheap pass and left alone.
   */
  static void sort(List<Sample> samples) {
    long previous = Long.MIN_VALUE;
    for (Sample s : samples) {
      long start = ms(s.start());
      if (start <= previous) {
        samples.sort(CANONICAL);
        return;
      }
      previous = start;
    }
  }

  /** Epoch milliseconds without allocating an Instant. */
  static long ms(OffsetDateTime t) {
    return t.toEpochSecond() * 1000L + t.getNano() / 1_000_000;
  }

  /** A number for people: whole numbers without decimals, others with up to two. */
  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) Math.rint(v));
    }
    return String.format(Locale.ROOT, "%,.2f", v);
  }
}
