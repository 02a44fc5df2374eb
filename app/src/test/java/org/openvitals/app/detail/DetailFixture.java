package org.openvitals.app.detail;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.time.DayBoundaries;

/**
 * A known day in a real SQLite store (days in UTC), {@link #DAY}:
 *
 * <ul>
 *   <li>steps: the watch 1,000 and the phone 900 in 09:00-10:00 (the same walk; the watch wins),
 *       the phone alone 500 in 15:00-16:00, the watch 600 over 22:30-23:30 (300 in each hour). The
 *       day's merged total is 2,100.
 *   <li>heart rate: the watch 61 at 08:00 and 72 at 14:03, the phone 74 at 14:03.
 *   <li>blood pressure: the cuff 120/80 at 08:00 that day and 130/85 the day before.
 *   <li>weight: the scale each of the ten days up to the day, 80.0, 80.5, 81.0, 80.0 ...
 * </ul>
 */
final class DetailFixture {
  static final LocalDate DAY = LocalDate.of(2026, 3, 10);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-12T18:00:00Z"), ZoneOffset.UTC);
  static final SourceRef WATCH = new SourceRef("apple_health", "Test Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "Test Phone");
  static final SourceRef SCALE = new SourceRef("withings", "Test Scale");
  static final SourceRef CUFF = new SourceRef("withings", "Test Cuff");
  static final OffsetDateTime READING_AT = at(DAY, 14, 3);

  private DetailFixture() {}

  static AppContext open(Path dir, TaskExecutor executor) {
    AppContext context = new AppContext(StoreConfig.sqlite(dir), CLOCK, executor);
    SampleStore store = context.store();
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
    List<Sample> samples = new ArrayList<>();
    samples.add(span(MetricType.STEPS, at(DAY, 9, 0), 60, 1000, WATCH));
    samples.add(span(MetricType.STEPS, at(DAY, 9, 0), 60, 900, PHONE));
    samples.add(span(MetricType.STEPS, at(DAY, 15, 0), 60, 500, PHONE));
    samples.add(span(MetricType.STEPS, at(DAY, 22, 30), 60, 600, WATCH));
    samples.add(Sample.of(MetricType.HEART_RATE, at(DAY, 8, 0), at(DAY, 8, 0), 61, WATCH));
    samples.add(Sample.of(MetricType.HEART_RATE, READING_AT, READING_AT, 72, WATCH));
    samples.add(Sample.of(MetricType.HEART_RATE, READING_AT, READING_AT, 74, PHONE));
    samples.add(reading(MetricType.BLOOD_PRESSURE_SYSTOLIC, DAY, 120, CUFF));
    samples.add(reading(MetricType.BLOOD_PRESSURE_DIASTOLIC, DAY, 80, CUFF));
    samples.add(reading(MetricType.BLOOD_PRESSURE_SYSTOLIC, DAY.minusDays(1), 130, CUFF));
    samples.add(reading(MetricType.BLOOD_PRESSURE_DIASTOLIC, DAY.minusDays(1), 85, CUFF));
    for (int i = 0; i < 10; i++) {
      samples.add(reading(MetricType.BODY_MASS, DAY.minusDays(9 - i), weight(i), SCALE));
    }
    store.upsert(samples);
    store.setDeviceClass(WATCH, DeviceClass.WATCH);
    store.setDeviceClass(PHONE, DeviceClass.PHONE);
    store.setDeviceClass(SCALE, DeviceClass.SCALE);
    return context;
  }

  /** The scale's reading on day {@code i} of ten (9 = {@link #DAY}). */
  static double weight(int i) {
    return 80 + (i % 3) * 0.5;
  }

  static OffsetDateTime at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atOffset(ZoneOffset.UTC);
  }

  private static Sample span(
      MetricType type, OffsetDateTime start, int minutes, double value, SourceRef source) {
    return Sample.of(type, start, start.plusMinutes(minutes), value, source);
  }

  private static Sample reading(MetricType type, LocalDate day, double value, SourceRef source) {
    OffsetDateTime at = at(day, 8, 0);
    return Sample.of(type, at, at, value, source);
  }
}
