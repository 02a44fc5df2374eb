package org.openvitals.bench.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * The dashboard's path through a real SQLite store holding the year of {@link StepsYear}: reading a
 * year of merged daily steps when one new sample arrived since the last read (that day is resolved
 * again, the rest is read), against reading it with nothing changed and against the store's raw
 * daily rollups (one indexed query, no rules), all in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class StoredResolutionBench {
  Path dir;
  SampleStore store;
  RulesService rules;
  int added;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("openvitals-rules-bench-");
    store = Stores.open(StoreConfig.sqlite(dir));
    store.setDayBoundaries(new DayBoundaries.FixedZone(StepsYear.ZONE));
    List<Sample> year = StepsYear.generate();
    for (int i = 0; i < year.size(); i += 20_000) {
      store.upsert(year.subList(i, Math.min(year.size(), i + 20_000)));
    }
    rules = new RulesService(store, Clock.systemUTC());
    rules.daily(MetricType.STEPS, StepsYear.FIRST, StepsYear.LAST); // resolve and store the year
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** A new phone sample on a different day each time, then the year as the dashboard reads it. */
  @Benchmark
  public List<ResolvedDay> yearAfterOneNewSample() {
    added++;
    LocalDate day = StepsYear.FIRST.plusDays(added % 360);
    OffsetDateTime at = day.atTime(3, added % 60).atZone(StepsYear.ZONE).toOffsetDateTime();
    store.upsert(
        List.of(
            Sample.of(MetricType.STEPS, at, at.plusSeconds(30), 1 + added % 7, StepsYear.PHONE)));
    List<ResolvedDay> out = rules.daily(MetricType.STEPS, StepsYear.FIRST, StepsYear.LAST);
    if (rules.lastResolvedDays() > 2) {
      throw new IllegalStateException(
          "Resolved " + rules.lastResolvedDays() + " days, expected at most 2");
    }
    return out;
  }

  /** Baseline: the same read with nothing new (stored results only). */
  @Benchmark
  public List<ResolvedDay> yearUnchanged() {
    return rules.daily(MetricType.STEPS, StepsYear.FIRST, StepsYear.LAST);
  }

  /** Baseline: the store's raw per-source daily rollups for the year, no rules. */
  @Benchmark
  public List<DailyRollup> rawRollupsYear() {
    return store.daily(MetricType.STEPS, StepsYear.FIRST, StepsYear.LAST);
  }
}
