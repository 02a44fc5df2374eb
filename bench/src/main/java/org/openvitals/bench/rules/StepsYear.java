package org.openvitals.bench.rules;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * A year of minute-level steps from three overlapping sources, in Europe/Berlin local time (so both
 * DST changes are in it): a watch worn all day except an hour's charge, a phone carried
 * 05:00-24:00, a ring worn all day. About 1.45 million samples, in store order (by start).
 */
final class StepsYear {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
  static final LocalDate LAST = LocalDate.of(2024, 12, 31);
  static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "iPhone");
  static final SourceRef RING = new SourceRef("oura", "Oura Ring");

  private StepsYear() {}

  static List<Sample> generate() {
    SplittableRandom random = new SplittableRandom(42);
    List<Sample> out = new ArrayList<>(1_600_000);
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      out.addAll(day(day, random));
    }
    return out;
  }

  static List<Sample> day(LocalDate day, SplittableRandom random) {
    List<Sample> out = new ArrayList<>(4_400);
    int chargeAt = 12 * 60 + random.nextInt(6 * 60);
    OffsetDateTime t = day.atStartOfDay(ZONE).toOffsetDateTime();
    OffsetDateTime end = day.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    for (; t.isBefore(end); t = t.plusMinutes(1)) {
      OffsetDateTime local = t.atZoneSameInstant(ZONE).toOffsetDateTime();
      int minute = local.getHour() * 60 + local.getMinute();
      double truth = minute >= 7 * 60 && minute < 22 * 60 ? random.nextInt(120) : random.nextInt(3);
      OffsetDateTime next = local.plusMinutes(1);
      if (minute < chargeAt || minute >= chargeAt + 60) {
        out.add(Sample.of(MetricType.STEPS, local, next, truth, WATCH));
      }
      if (minute >= 5 * 60) {
        out.add(Sample.of(MetricType.STEPS, local, next, Math.floor(truth * 0.8), PHONE));
      }
      out.add(Sample.of(MetricType.STEPS, local, next, Math.floor(truth * 0.9), RING));
    }
    return out;
  }
}
