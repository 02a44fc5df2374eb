package org.openvitals.app.context;

/**
 * What work running in a {@link BackgroundTask} can do besides returning its result: see whether it
 * was cancelled, and say how far it is. Every method may be called from the work's thread; updates
 * reach the FX thread coalesced (the latest one wins), so reporting every record is cheap.
 */
public interface Progress {
  /**
   * Whether the task was cancelled: long work checks this between steps and stops (by returning or
   * throwing). A cancelled task's result is never delivered.
   */
  boolean isCancelled();

  /** {@code done} of {@code total} steps; a negative {@code done} means "not known yet". */
  void updateProgress(double done, double total);

  /** A sentence saying what the work is doing now. */
  void updateMessage(String message);

  /**
   * Runs {@code action} on the FX thread, unless the task has ended or been cancelled by then: for
   * a first partial result, or what a sign-in page said, while the work goes on.
   */
  void runOnFxThread(Runnable action);
}
