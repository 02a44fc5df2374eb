package org.openvitals.bench.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;

/**
 * One day of raw 1 Hz heart rate (86,400 samples from a chest strap) read as {@link Sample}s, out
 * of three such days, in a store that also holds 400,000 minute-level samples of earlier weeks. The
 * baseline streams the same day without keeping the samples ({@code forEachSample} into a counter),
 * which shows what holding 86,400 objects in a list costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OneDayHeartRateBenchmark {
  static final ZonedDateTime DAY = ZonedDateTime.parse("2024-06-11T00:00+02:00[Europe/Berlin]");

  private static final SourceRef STRAP = new SourceRef("polar", "Polar H10");

  @Param({"sqlite", "h2"})
  public String engine;

  private SampleStore store;
  private Instant from;
  private Instant to;

  @Setup(Level.Trial)
  public void open() {
    store = BenchStores.fixture(engine, "one-hz-heart-rate", OneDayHeartRateBenchmark::fill);
    from = DAY.toInstant();
    to = DAY.plusDays(1).toInstant();
  }

  private static void fill(SampleStore store) {
    SyntheticSamples minuteData = new SyntheticSamples(7, DAY.minusDays(180));
    for (int i = 0; i < 40; i++) {
      store.upsert(minuteData.next(10_000));
    }
    List<Sample> batch = new ArrayList<>(10_000);
    OffsetDateTime second = DAY.minusDays(1).toOffsetDateTime();
    OffsetDateTime end = DAY.plusDays(2).toOffsetDateTime();
    for (long i = 0; second.isBefore(end); second = second.plusSeconds(1), i++) {
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
  public List<Sample> oneDayOf1HzHeartRate() {
    List<Sample> day = store.samples(MetricType.HEART_RATE, from, to);
    if (day.size() != 86_400) {
      throw new IllegalStateException("Expected 86,400 samples, got " + day.size());
    }
    return day;
  }

  @Benchmark
  public long oneDayStreamedBaseline() {
    long[] count = {0};
    store.forEachSample(MetricType.HEART_RATE, from, to, s -> count[0]++);
    return count[0];
  }
}
