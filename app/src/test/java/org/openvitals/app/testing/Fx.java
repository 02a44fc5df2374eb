package org.openvitals.app.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;

/**
 * Runs view-model code on the FX thread from a plain JUnit test (no window): starts the toolkit
 * once, calls into it and waits for background work to settle.
 */
public final class Fx {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static final List<Throwable> UNCAUGHT = new CopyOnWriteArrayList<>();

  private Fx() {}

  /** Starts the toolkit (once per JVM) and records exceptions thrown on the FX thread. */
  public static void start() {
    try {
      Platform.startup(() -> {});
    } catch (IllegalStateException alreadyRunning) {
      // Another test in this JVM started it.
    }
    Platform.setImplicitExit(false);
    run(() ->
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> UNCAUGHT.add(error)));
  }

  /** Fails if code on the FX thread threw since the last call (a handler that broke half-way). */
  public static void assertNothingThrown() {
    List<Throwable> thrown = List.copyOf(UNCAUGHT);
    UNCAUGHT.clear();
    if (!thrown.isEmpty()) {
      AssertionError e = new AssertionError("The FX thread threw " + thrown.size() + " time(s)");
      thrown.forEach(e::addSuppressed);
      throw e;
    }
  }

  public static <T> T call(Callable<T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(action.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("FX call failed", e);
    }
  }

  public static void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  /** Waits until {@code idle}, read on the FX thread, holds. */
  public static void await(BooleanSupplier idle) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!call(idle::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Background work did not finish within " + TIMEOUT);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
