package org.openvitals.bench.rules;

import java.time.LocalDate;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.DayOutcome;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.time.DayBoundaries;

/**
 * The slice merge over a year of minute-level steps from three overlapping sources (about 1.5
 * million samples), and re-resolving one day after a new sample arrives. Each is paired with a
 * baseline over the same samples in the same run: the naive per-day sum (what an importer that adds
 * every source does), so results read as ratios.
 *
 * <p>Run: {@code ./mvnw -B -q -pl bench -am package -DskipTests} then {@code java -cp
 * "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main org.openvitals.bench.rules}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class ResolveBench {
  static final LocalDate DAY = LocalDate.of(2024, 6, 12);

  List<Sample> year;
  List<Sample> dayInputs;
  RuleContext ctx;
  DayBoundaries days;

  @Setup(Level.Trial)
  public void setUp() {
    year = StepsYear.generate();
    days = new DayBoundaries.FixedZone(StepsYear.ZONE);
    ctx = RuleContext.of(SourcePreferences.defaults(), days);
    // What the store hands the rules for one day: that day and the one before, plus the new sample.
    dayInputs = new ArrayList<>();
    for (Sample s : year) {
      LocalDate d = days.dayOf(s.start());
      if (d.equals(DAY) || d.equals(DAY.minusDays(1))) {
        dayInputs.add(s);
      }
    }
    var at = DAY.atTime(9, 30).atZone(StepsYear.ZONE).toOffsetDateTime();
    dayInputs.add(Sample.of(MetricType.STEPS, at, at.plusMinutes(5), 400, StepsYear.PHONE));
    System.out.printf(
        "%n%,d samples in the year, %,d inputs for one day%n", year.size(), dayInputs.size());
  }

  @Benchmark
  public Map<LocalDate, DayOutcome> resolveYear() {
    return Rules.resolve(MetricType.STEPS, year, ctx, StepsYear.FIRST, StepsYear.LAST, false);
  }

  /** Baseline: add every sample to its day, every source counted (the double count). */
  @Benchmark
  public Map<LocalDate, double[]> naiveSumYear() {
    return naiveSum(year);
  }

  @Benchmark
  public Map<LocalDate, DayOutcome> resolveDayAfterNewSample() {
    return Rules.resolve(MetricType.STEPS, dayInputs, ctx, DAY, DAY, false);
  }

  @Benchmark
  public Map<LocalDate, double[]> naiveSumDay() {
    return naiveSum(dayInputs);
  }

  private Map<LocalDate, double[]> naiveSum(List<Sample> samples) {
    Map<LocalDate, double[]> out = new HashMap<>();
    for (Sample s : samples) {
      out.computeIfAbsent(days.dayOf(s.start()), k -> new double[1])[0] += s.value();
    }
    return out;
  }

  /** Sanity check outside JMH: the merged year never double counts. */
  public static void main(String[] args) {
    ResolveBench b = new ResolveBench();
    b.setUp();
    long t0 = System.nanoTime();
    var merged = b.resolveYear();
    long t1 = System.nanoTime();
    var naive = b.naiveSumYear();
    long t2 = System.nanoTime();
    double m = merged.values().stream().mapToDouble(o -> o.resolved().value()).sum();
    double n = naive.values().stream().mapToDouble(a -> a[0]).sum();
    System.out.printf(
        "merged %,.0f steps in %d ms; naive %,.0f in %d ms%n",
        m, (t1 - t0) / 1_000_000, n, (t2 - t1) / 1_000_000);
  }
}
