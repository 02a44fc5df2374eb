package org.openvitals.bench.insights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.insights.InsightData;
import org.openvitals.core.insights.InsightReport;
import org.openvitals.core.insights.Insights;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * Every built-in insight (trends, baselines and anomalies, lagged correlations) over five years of
 * one generated person's data in a SQLite store, against reading the same daily values from the
 * store in the same run: {@code readDailyValues} is what any screen showing five years pays
 * already, {@code readAndFindInsights} adds the statistics. The store holds every metric the
 * insights use (minute-level steps included, heart rate left out: no insight reads it), its merged
 * days already stored, as after the first time the dashboard showed them. Loading includes the
 * timestamped meals late eating is read from.
 *
 * <p>Run: {@code bench/run InsightsBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class InsightsBench {
  static final LocalDate TO = LocalDate.of(2026, 11, 29);
  static final LocalDate FROM = TO.minusYears(5).plusDays(1);

  Path dir;
  SampleStore store;
  RulesService rules;
  InsightData loaded;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("openvitals-insights-bench");
    store = Stores.open(StoreConfig.sqlite(dir));
    ZoneId zone = ZoneId.of("Europe/Berlin");
    store.setDayBoundaries(new DayBoundaries.FixedZone(zone));
    LocalDate first = InsightData.firstDayNeeded(FROM, TO);
    int days = (int) (TO.toEpochDay() - first.toEpochDay() + 1);
    Set<MetricType> used = inputs();
    List<Sample> batch = new ArrayList<>();
    // Late dinners on a third of days, so the late-eating correlation is computed, not skipped.
    SyntheticData.of(
            new SyntheticData.Options(days, 1, TO, zone, false, true)
                .withEffects(SyntheticData.Effects.NONE.withLateDinners(0.3, 45)))
        .days()
        .forEach(day -> {
          day.samples().stream().filter(s -> used.contains(s.type())).forEach(batch::add);
          if (batch.size() > 50_000) {
            store.upsert(batch);
            batch.clear();
          }
        });
    store.upsert(batch);
    rules = new RulesService(store, Clock.systemUTC());
    loaded = InsightData.load(rules, store, FROM, TO, () -> false); // resolves and stores every day
    System.out.printf("%n%d days, %d metrics with data%n", days, loaded.series().size());
  }

  private static Set<MetricType> inputs() {
    Set<MetricType> out = new java.util.HashSet<>();
    InsightData.METRICS.forEach(m -> out.addAll(org.openvitals.core.rules.Rules.inputsOf(m)));
    return out;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Baseline: the stored daily values (and rollups) of every metric the insights use. */
  @Benchmark
  public InsightData readDailyValues() {
    return InsightData.load(rules, store, FROM, TO, () -> false);
  }

  @Benchmark
  public InsightReport readAndFindInsights() {
    return Insights.of(InsightData.load(rules, store, FROM, TO, () -> false), FROM, TO);
  }

  /** The statistics alone, on daily values already in memory. */
  @Benchmark
  public InsightReport findInsights() {
    return Insights.of(loaded, FROM, TO);
  }
}
