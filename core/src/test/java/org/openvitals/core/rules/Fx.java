package org.openvitals.core.rules;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/** Small builders for rule tests. */
final class Fx {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final DayBoundaries BERLIN_DAYS = new DayBoundaries.FixedZone(BERLIN);
  static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "Anna's iPhone");
  static final SourceRef RING = new SourceRef("oura", "Oura Ring");
  static final SourceRef SCALE = new SourceRef("withings", "Body+ scale");
  static final SourceRef SCALE2 = new SourceRef("csv", "Old scale");
  static final SourceRef MFP = new SourceRef("myfitnesspal", "MyFitnessPal");
  static final SourceRef CRONO = new SourceRef("cronometer", "Cronometer");
  static final SourceRef STRAVA = new SourceRef("strava", "Strava");
  static final SourceRef MANUAL = new SourceRef("manual", "Manual entry");

  private Fx() {}

  /** A Berlin wall-clock time on a day, with Berlin's offset at that moment. */
  static OffsetDateTime at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute))
        .atZone(BERLIN)
        .toOffsetDateTime();
  }

  static OffsetDateTime at(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset);
  }

  static Sample s(MetricType m, OffsetDateTime start, OffsetDateTime end, double v, SourceRef src) {
    return Sample.of(m, start, end, v, src);
  }

  static Sample s(MetricType m, OffsetDateTime start, int minutes, double v, SourceRef src) {
    return Sample.of(m, start, start.plusMinutes(minutes), v, src);
  }

  static Sample workout(OffsetDateTime start, int minutes, String type, SourceRef src) {
    return new Sample(
        MetricType.WORKOUT,
        start,
        start.plusMinutes(minutes),
        minutes,
        src,
        null,
        null,
        type == null ? Map.of() : Map.of("activity_type", type));
  }

  static RuleContext ctx(SourcePreferences prefs) {
    return RuleContext.of(prefs, BERLIN_DAYS);
  }

  static RuleContext ctx() {
    return ctx(SourcePreferences.defaults());
  }

  static OffsetDateTime utc(int year, int month, int day, int hour, int minute) {
    return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.UTC);
  }
}
