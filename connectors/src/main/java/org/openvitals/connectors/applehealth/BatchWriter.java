package org.openvitals.connectors.applehealth;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.PreparedSamples;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;

/**
 * Writes samples on its own thread while the caller keeps parsing: the two cores of a small machine
 * each get one job. Batches travel through a short bounded queue, so memory stays flat whatever the
 * file size and a slow store slows the parser instead of filling the heap.
 *
 * <p>Each batch is one store transaction carrying the import checkpoint (the ordinal of the last
 * export element whose samples are all in it). A crash or cancel therefore leaves a checkpoint that
 * never claims more than was stored.
 */
final class BatchWriter implements AutoCloseable {
  private static final Batch END =
      new Batch(
          new PreparedSamples.AsGiven(List.of()), new PreparedSamples.AsGiven(List.of()), Map.of());

  /** Samples per transaction: large enough to amortise the commit, small enough to stay lean. */
  static final int BATCH_SIZE = 10_000;

  private final SampleStore store;
  private final String checkpointKey;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(3);
  private final Thread thread;

  private final int batchSize;
  private List<Sample> samples = new ArrayList<>();
  private List<Sample> correlationCopies = new ArrayList<>();

  private volatile Throwable failure;
  // Written by the writer thread only; read after join().
  private WriteResult written = WriteResult.EMPTY;
  private WriteResult copiesWritten = WriteResult.EMPTY;
  private long storeNanos;
  private long writerCpuNanos;
  private long waitedNanos;

  /**
   * Samples inside a Correlation that Apple also writes as top-level Records. Written in their own
   * upsert so their outcome can be told apart: already stored means "the top-level copy was here".
   */
  private record Batch(
      PreparedSamples samples, PreparedSamples copies, Map<String, String> state) {}

  BatchWriter(SampleStore store, String checkpointKey, int batchSize) {
    this.store = store;
    this.batchSize = batchSize;
    this.checkpointKey = checkpointKey;
    this.thread = Thread.ofPlatform().name("apple-health-writer").daemon().unstarted(this::run);
    thread.start();
  }

  void add(Sample s) {
    samples.add(s);
  }

  void addCorrelationCopy(Sample s) {
    correlationCopies.add(s);
  }

  /** True when enough samples wait for a commit. */
  boolean full() {
    return samples.size() + correlationCopies.size() >= batchSize;
  }

  /**
   * Hands the pending samples to the writer thread, with a checkpoint saying that every element up
   * to {@code checkpoint} is stored once this batch commits.
   */
  void flush(String checkpoint) throws StoreFailure {
    flush(Map.of(checkpointKey, checkpoint));
  }

  void flush(Map<String, String> state) throws StoreFailure {
    if (samples.isEmpty() && correlationCopies.isEmpty() && state.isEmpty()) {
      return;
    }
    // Prepared here, on the parser's thread: the writer only binds, and the batches waiting in the
    // queue take a fraction of the memory (less for the collector to copy).
    put(new Batch(store.prepare(samples), store.prepare(correlationCopies), state));
    samples = new ArrayList<>(batchSize);
    correlationCopies = new ArrayList<>();
  }

  /** Waits until everything handed over is committed. */
  void finish() throws StoreFailure {
    put(END);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreFailure(new IllegalStateException("interrupted while writing", e));
    }
    if (failure != null) {
      throw new StoreFailure(failure);
    }
  }

  WriteResult written() {
    return written;
  }

  WriteResult correlationCopiesWritten() {
    return copiesWritten;
  }

  /**
   * Where the time went, for the report and the benchmark: wall time inside the store's upserts,
   * CPU time of the writer thread, and time the parser waited because the queue was full (the store
   * being the slower side).
   */
  Map<String, Long> timings() {
    return Map.of(
        "store_busy_ms", storeNanos / 1_000_000,
        "writer_cpu_ms", writerCpuNanos / 1_000_000,
        "parser_waited_for_store_ms", waitedNanos / 1_000_000);
  }

  private void put(Batch batch) throws StoreFailure {
    try {
      if (queue.offer(batch)) {
        return;
      }
      long t0 = System.nanoTime();
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        if (failure != null || !thread.isAlive()) {
          throw new StoreFailure(failure);
        }
      }
      waitedNanos += System.nanoTime() - t0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreFailure(new IllegalStateException("interrupted while writing", e));
    }
  }

  private void run() {
    try {
      while (true) {
        Batch b = queue.take();
        if (b == END) {
          return;
        }
        long t0 = System.nanoTime();
        if (b.copies().size() == 0) {
          written = written.plus(store.upsert(b.samples(), b.state()));
        } else {
          // Two transactions; the checkpoint rides on the second, so a crash between them only
          // means the first is upserted again (idempotently) on the next run.
          written = written.plus(store.upsert(b.samples(), Map.of()));
          copiesWritten = copiesWritten.plus(store.upsert(b.copies(), b.state()));
        }
        storeNanos += System.nanoTime() - t0;
      }
    } catch (Throwable t) {
      failure = t;
    } finally {
      writerCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }

  /** The store refused a write; what was committed before stays. */
  static final class StoreFailure extends Exception {
    StoreFailure(Throwable cause) {
      super(cause == null ? "the writer stopped" : String.valueOf(cause.getMessage()), cause);
    }
  }
}
