package org.openvitals.app.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.openvitals.app.context.Progress;

/**
 * The {@link Progress} a test hands to work it calls directly: counts the progress reports and can
 * cancel the work at once or after a number of them, so a test can stop work part-way through.
 * {@link #runOnFxThread} runs at once.
 */
public final class TestProgress implements Progress {
  private final AtomicInteger updates = new AtomicInteger();
  private volatile int cancelAfter = Integer.MAX_VALUE;
  private volatile String message = "";

  /** Cancels from now on. */
  public TestProgress cancel() {
    return cancelAfter(0);
  }

  /** Cancels once the work has reported progress {@code reports} times. */
  public TestProgress cancelAfter(int reports) {
    cancelAfter = reports;
    return this;
  }

  /** How often the work reported progress. */
  public int updates() {
    return updates.get();
  }

  /** The last message the work gave. */
  public String message() {
    return message;
  }

  @Override
  public boolean isCancelled() {
    return updates.get() >= cancelAfter;
  }

  @Override
  public void updateProgress(double done, double total) {
    updates.incrementAndGet();
  }

  @Override
  public void updateMessage(String text) {
    message = text;
  }

  @Override
  public void runOnFxThread(Runnable action) {
    action.run();
  }
}
