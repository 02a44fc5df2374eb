package org.openvitals.app.context;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link TaskExecutor} the test drives by hand: background work and FX-thread deliveries wait in
 * two queues until the test runs them, on its own thread (which plays the FX thread). So a test can
 * finish an old task after a newer one, or deliver a result after the store changed.
 */
public final class ManualExecutor {
  private final Deque<Runnable> work = new ArrayDeque<>();
  private final Deque<Runnable> fxThread = new ArrayDeque<>();
  private final TaskExecutor executor = new TaskExecutor(work::add, fxThread::add);

  public TaskExecutor executor() {
    return executor;
  }

  /** How many pieces of background work wait to run. */
  public int waiting() {
    return work.size();
  }

  /** Runs the oldest waiting work; its result waits for {@link #deliver()}. */
  public void runOldest() {
    work.removeFirst().run();
  }

  /** Runs the newest waiting work; its result waits for {@link #deliver()}. */
  public void runNewest() {
    work.removeLast().run();
  }

  /**
   * Runs what waits for the FX thread (results, progress), including what that queues.
   *
   * @return how many deliveries ran
   */
  public int deliver() {
    int delivered = 0;
    while (!fxThread.isEmpty()) {
      fxThread.removeFirst().run();
      delivered++;
    }
    return delivered;
  }

  /** Runs all work and deliveries, oldest first, until nothing waits. */
  public void runAll() {
    while (!work.isEmpty() || !fxThread.isEmpty()) {
      deliver();
      if (!work.isEmpty()) {
        runOldest();
      }
    }
  }
}
