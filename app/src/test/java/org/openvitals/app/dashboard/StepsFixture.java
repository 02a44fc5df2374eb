package org.openvitals.app.dashboard;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
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
 * A known data set in a real SQLite store: a watch and a phone counting the same walks (the watch
 * is preferred by default), the phone alone in the afternoon, and weight from a scale. Days are
 * UTC; "today" is {@link #TODAY}.
 */
final class StepsFixture {
  static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T18:00:00Z"), ZoneOffset.UTC);
  static final SourceRef WATCH = new SourceRef("apple_health", "Test Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "Test Phone");
  static final SourceRef SCALE = new SourceRef("withings", "Test Scale");

  private StepsFixture() {}

  /**
   * Each day of the 14 ending today: 09:00-10:00 the watch counts 1000 + 10·i steps and the phone
   * 900 (same walk); 15:00-16:00 only the phone, 500. Resolved: 1500 + 10·i (watch morning, phone
   * afternoon), never the 2400 a sum would give. With the phone preferred: 1400 (its own day). The
   * scale weighs 80 kg today and 82 kg a week ago.
   */
  static AppContext open(Path dir) {
    return open(dir, TaskExecutor.background());
  }

  /** The fixture's store, with background work run by {@code executor}. */
  static AppContext open(Path dir, TaskExecutor executor) {
    return open(dir, executor, CLOCK);
  }

  /** The fixture's store seen at {@code clock}'s time (years later: data of some age). */
  static AppContext open(Path dir, TaskExecutor executor, Clock clock) {
    AppContext context = new AppContext(StoreConfig.sqlite(dir), clock, executor);
    SampleStore store = context.store();
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      LocalDate day = TODAY.minusDays(13 - i);
      samples.add(steps(day, 9, 1000 + 10 * i, WATCH));
      samples.add(steps(day, 9, 900, PHONE));
      samples.add(steps(day, 15, 500, PHONE));
    }
    samples.add(weight(TODAY, 80.0));
    samples.add(weight(TODAY.minusDays(7), 82.0));
    store.upsert(samples);
    store.setDeviceClass(WATCH, DeviceClass.WATCH);
    store.setDeviceClass(PHONE, DeviceClass.PHONE);
    store.setDeviceClass(SCALE, DeviceClass.SCALE);
    return context;
  }

  /** Resolved steps of the fixture's day {@code i} (0 = 13 days ago, 13 = today). */
  static double resolvedSteps(int i) {
    return 1500 + 10 * i;
  }

  private static Sample steps(LocalDate day, int hour, double value, SourceRef source) {
    OffsetDateTime start = day.atTime(hour, 0).atOffset(ZoneOffset.UTC);
    return Sample.of(MetricType.STEPS, start, start.plusHours(1), value, source);
  }

  private static Sample weight(LocalDate day, double kg) {
    OffsetDateTime at = day.atTime(7, 0).atOffset(ZoneOffset.UTC);
    return Sample.of(MetricType.BODY_MASS, at, at, kg, SCALE);
  }

  /** Runs {@code work} on the FX thread and returns its result. */
  static <T> T fx(Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Platform.runLater(task);
    return task.get(10, TimeUnit.SECONDS);
  }

  /** Waits until {@code condition}, checked on the FX thread, holds. */
  static void await(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!fx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for the dashboard");
      }
      Thread.sleep(20);
    }
  }
}
