package org.openvitals.bench.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;

/**
 * Daily series read from the rollups: one year and ten years of steps from three sources (each with
 * a sample every hour, 2015 to 2024, plus hourly heart rate so the rollups hold other types too).
 * The baseline computes the one-year series without rollups, by streaming that year's raw samples
 * and adding them up per day.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DailySeriesBenchmark {
  static final LocalDate FIRST = LocalDate.parse("2015-01-01");
  static final LocalDate LAST = LocalDate.parse("2024-12-31");
  static final LocalDate LAST_YEAR = LocalDate.parse("2024-01-01");

  @Param({"sqlite", "h2"})
  public String engine;

  private SampleStore store;

  @Setup(Level.Trial)
  public void openTenYears() {
    store = BenchStores.fixture(engine, "ten-years-hourly", DailySeriesBenchmark::fillTenYears);
  }

  private static void fillTenYears(SampleStore store) {
    List<SourceRef> sources =
        List.of(SyntheticSamples.WATCH, SyntheticSamples.PHONE, SyntheticSamples.RING);
    List<Sample> batch = new ArrayList<>(10_000);
    OffsetDateTime end = LAST.plusDays(1).atStartOfDay(SyntheticSamples.ZONE).toOffsetDateTime();
    for (OffsetDateTime hour = FIRST.atStartOfDay(SyntheticSamples.ZONE).toOffsetDateTime();
        hour.isBefore(end);
        hour = hour.plusHours(1)) {
      int h = hour.getHour();
      for (SourceRef source : sources) {
        batch.add(Sample.of(MetricType.STEPS, hour, hour.plusHours(1), 100 + h * 37 % 900, source));
      }
      batch.add(Sample.of(MetricType.HEART_RATE, hour, hour, 55 + h, SyntheticSamples.WATCH));
      if (batch.size() >= 10_000) {
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
  public List<DailyRollup> oneYearFromRollups() {
    return expect(store.daily(MetricType.STEPS, LAST_YEAR, LAST), 366 * 3);
  }

  @Benchmark
  public List<DailyRollup> tenYearsFromRollups() {
    return expect(store.daily(MetricType.STEPS, FIRST, LAST), 3653 * 3);
  }

  @Benchmark
  public Map<LocalDate, Double> oneYearFromRawSamples() {
    Map<LocalDate, Double> perDay = new HashMap<>();
    store.forEachSample(
        MetricType.STEPS,
        LAST_YEAR.atStartOfDay(SyntheticSamples.ZONE).toInstant(),
        LAST.plusDays(1).atStartOfDay(SyntheticSamples.ZONE).toInstant(),
        s -> perDay.merge(store.dayBoundaries().dayOf(s.start()), s.value(), Double::sum));
    if (perDay.size() != 366) {
      throw new IllegalStateException("Expected 366 days, got " + perDay.size());
    }
    return perDay;
  }

  private static List<DailyRollup> expect(List<DailyRollup> rollups, int size) {
    if (rollups.size() != size) {
      throw new IllegalStateException("Expected " + size + " rollups, got " + rollups.size());
    }
    return rollups;
  }
}
