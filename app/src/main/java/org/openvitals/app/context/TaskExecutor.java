package org.openvitals.app.context;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/**
 * Where {@link BackgroundTask}s run: their work on a background thread, their results on the FX
 * thread. The app uses {@link #background()}; view-model tests use {@link #immediate()}, which does
 * both at once on the calling thread, so a test reads the result on the next line, with no FX
 * toolkit and no waiting. {@link AppContext} owns one and closes it.
 */
public final class TaskExecutor implements AutoCloseable {
  private final Executor background;
  private final Executor fxThread;

  /**
   * @param background runs work off the FX thread
   * @param fxThread runs results, progress and cancel callbacks on the FX thread
   */
  TaskExecutor(Executor background, Executor fxThread) {
    this.background = background;
    this.fxThread = fxThread;
  }

  /** Work on virtual threads; results on the FX thread (at once when already on it). */
  public static TaskExecutor background() {
    ExecutorService threads =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("openvitals-bg-", 0).factory());
    return new TaskExecutor(
        threads,
        action -> {
          if (Platform.isFxApplicationThread()) {
            action.run();
          } else {
            Platform.runLater(action);
          }
        });
  }

  /**
   * Runs work and then its result on the calling thread, before {@code start()} returns (for tests:
   * deterministic, no FX toolkit needed).
   */
  public static TaskExecutor immediate() {
    return new TaskExecutor(Runnable::run, Runnable::run);
  }

  void runInBackground(Runnable work) {
    background.execute(work);
  }

  /**
   * Runs {@code action} on the FX thread: at once when called there, else as soon as it is free.
   */
  void runOnFxThread(Runnable action) {
    fxThread.execute(action);
  }

  /** Interrupts running work and accepts no more. */
  @Override
  public void close() {
    if (background instanceof ExecutorService threads) {
      threads.shutdownNow();
    }
  }
}
