package org.openvitals.bench.store;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;

/**
 * Bulk import: batches of 10,000 new minute-level samples, one transaction each, into a store that
 * starts empty in every iteration and grows through it. The score is samples per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 5)
public class BulkInsertBenchmark {
  static final int BATCH = 10_000;

  @Param({"sqlite", "h2"})
  public String engine;

  private Path dir;
  private SampleStore store;
  private SyntheticSamples data;
  private List<Sample> batch;

  @Setup(Level.Iteration)
  public void openEmptyStore() {
    dir = BenchStores.tempDir();
    store = BenchStores.open(engine, dir);
    data = new SyntheticSamples(42, ZonedDateTime.parse("2020-01-01T00:00+01:00[Europe/Berlin]"));
  }

  @Setup(Level.Invocation)
  public void nextBatch() {
    batch = data.next(BATCH);
  }

  @TearDown(Level.Iteration)
  public void deleteStore() {
    store.close();
    BenchStores.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public WriteResult upsert() {
    WriteResult result = store.upsert(batch);
    if (result.inserted() != batch.size()) {
      throw new IllegalStateException("Expected only new samples, got " + result);
    }
    return result;
  }
}
