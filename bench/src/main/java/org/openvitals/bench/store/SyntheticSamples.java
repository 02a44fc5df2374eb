package org.openvitals.bench.store;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * Minute-level data as a watch, a phone and a ring produce it, generated forward in time: every
 * minute the watch writes heart rate, steps and active energy, the phone writes steps when it is
 * carried, and every five minutes the ring writes heart rate with its own record ids. Times carry
 * Berlin's UTC offset, as an export from a phone in Berlin does.
 */
final class SyntheticSamples {
  static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "Anna's iPhone");
  static final SourceRef RING = new SourceRef("oura", "Oura Ring");
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private final SplittableRandom random;
  private final List<Sample> carried = new ArrayList<>();
  private ZonedDateTime minute;

  SyntheticSamples(long seed, ZonedDateTime from) {
    this.random = new SplittableRandom(seed);
    this.minute = from.withZoneSameInstant(ZONE);
  }

  /** Exactly the next {@code size} samples in time order. */
  List<Sample> next(int size) {
    List<Sample> out = new ArrayList<>(size + 8);
    out.addAll(carried);
    carried.clear();
    while (out.size() < size) {
      OffsetDateTime start = minute.toOffsetDateTime();
      OffsetDateTime end = start.plusMinutes(1);
      int hour = minute.getHour();
      boolean awake = hour >= 7 && hour < 23;
      out.add(
          new Sample(
              MetricType.HEART_RATE,
              start,
              start,
              (awake ? 70 : 52) + random.nextInt(25),
              WATCH,
              "Apple Watch Series 9",
              null,
              Map.of()));
      if (awake) {
        out.add(
            new Sample(
                MetricType.STEPS,
                start,
                end,
                random.nextInt(5, 140),
                WATCH,
                "Apple Watch Series 9",
                null,
                Map.of()));
        out.add(Sample.of(MetricType.ACTIVE_ENERGY, start, end, 0.5 + random.nextDouble(4), WATCH));
        if (random.nextInt(3) > 0) {
          out.add(Sample.of(MetricType.STEPS, start, end, random.nextInt(5, 120), PHONE));
        }
      }
      if (minute.getMinute() % 5 == 0) {
        out.add(
            new Sample(
                MetricType.HEART_RATE,
                start,
                start,
                (awake ? 68 : 50) + random.nextInt(25),
                RING,
                null,
                "oura-hr-" + start.toEpochSecond(),
                Map.of("source", awake ? "awake" : "sleep")));
      }
      minute = minute.plusMinutes(1);
    }
    carried.addAll(out.subList(size, out.size()));
    return new ArrayList<>(out.subList(0, size));
  }
}
