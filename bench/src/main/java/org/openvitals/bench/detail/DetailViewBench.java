package org.openvitals.bench.detail;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.detail.ChartGeometry;
import org.openvitals.app.detail.DetailData;
import org.openvitals.app.detail.Span;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.bench.store.BenchStores;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;

/**
 * The detail view's two heavy cases, each from the store to the chart's pixel positions (what the
 * canvas then paints), against reading the same data from the store in the same run:
 *
 * <ul>
 *   <li>Year on five years of minute-level steps (2,629,440 samples): the year's merged days
 *       (stored results) against the same year's raw daily rollups.
 *   <li>Day of 86,400 heart-rate readings (1 Hz for a day): every reading against the store's list
 *       of the same samples.
 * </ul>
 *
 * The merged days are resolved once in the set-up (the first time a store is opened, they are
 * stored), as they are after the dashboard has shown a store once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetailViewBench {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate FIRST = LocalDate.of(2020, 1, 1);
  static final LocalDate LAST = LocalDate.of(2024, 12, 31);
  static final LocalDate HEART_DAY = LocalDate.of(2024, 6, 11);
  private static final SourceRef WATCH = new SourceRef("apple_health", "Bench Watch");
  private static final SourceRef STRAP = new SourceRef("polar", "Polar H10");

  private SampleStore store;
  private RulesService rules;
  private DisplayFormat format;
  private Instant dayFrom;
  private Instant dayTo;

  @Setup(Level.Trial)
  public void open() {
    store = BenchStores.fixture("sqlite", "detail-view", DetailViewBench::fill);
    rules = new RulesService(store, Clock.systemUTC());
    rules.daily(MetricType.STEPS, FIRST, LAST); // resolves and stores every day once
    format = new DisplayFormat(UnitSystem.METRIC);
    dayFrom = HEART_DAY.atStartOfDay(ZONE).toInstant();
    dayTo = HEART_DAY.plusDays(1).atStartOfDay(ZONE).toInstant();
  }

  /** Five years of one step sample a minute, and one day of 1 Hz heart rate. */
  private static void fill(SampleStore store) {
    List<Sample> batch = new ArrayList<>(10_000);
    OffsetDateTime minute = FIRST.atStartOfDay(ZONE).toOffsetDateTime();
    OffsetDateTime end = LAST.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    for (long i = 0; minute.isBefore(end); minute = minute.plusMinutes(1), i++) {
      batch.add(Sample.of(MetricType.STEPS, minute, minute.plusMinutes(1), i % 23, WATCH));
      if (batch.size() == 10_000) {
        store.upsert(batch);
        batch.clear();
      }
    }
    OffsetDateTime second = HEART_DAY.atStartOfDay(ZONE).toOffsetDateTime();
    for (int i = 0; i < 86_400; i++, second = second.plusSeconds(1)) {
      batch.add(Sample.of(MetricType.HEART_RATE, second, second, 60 + (i % 97) * 0.5, STRAP));
      if (batch.size() == 10_000) {
        store.upsert(batch);
        batch.clear();
      }
    }
    store.upsert(batch);
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  @Benchmark
  public ChartGeometry detailYear() {
    DetailData d =
        DetailData.load(
            store, rules, MetricType.STEPS, Span.YEAR, LAST.withDayOfYear(1), LAST, () -> false);
    if (d.points().size() != 366) {
      throw new IllegalStateException("Expected 366 days, got " + d.points().size());
    }
    return ChartGeometry.of(d, format, 1600, 500);
  }

  @Benchmark
  public List<DailyRollup> yearOfRollupsBaseline() {
    return store.daily(MetricType.STEPS, LAST.withDayOfYear(1), LAST);
  }

  @Benchmark
  public ChartGeometry detailDayOfHeartRate() {
    DetailData d =
        DetailData.load(
            store, rules, MetricType.HEART_RATE, Span.DAY, HEART_DAY, HEART_DAY, () -> false);
    if (d.points().size() != 86_400) {
      throw new IllegalStateException("Expected 86,400 readings, got " + d.points().size());
    }
    return ChartGeometry.of(d, format, 1600, 500);
  }

  @Benchmark
  public List<Sample> dayOfHeartRateBaseline() {
    return store.samples(MetricType.HEART_RATE, dayFrom, dayTo);
  }
}
