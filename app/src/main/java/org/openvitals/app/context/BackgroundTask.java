package org.openvitals.app.context;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One piece of slow work of a view model: made by {@link BackgroundWork#task} or {@link
 * BackgroundWork.Lane#task}, given its callbacks, then {@link #start() started}. The work runs off
 * the FX thread; the callbacks run on the FX thread, at most one of them, once:
 *
 * <ul>
 *   <li>{@link #onSuccess} with the work's result;
 *   <li>{@link #onFailure} with what it threw (without one, the failure is logged);
 *   <li>{@link #onCancelled} when {@link #cancel()} stopped it, or when the store it was started
 *       for was replaced by another (its result would belong to the old store).
 * </ul>
 *
 * A task replaced by a newer one in its lane, or whose view model was disposed, ends with no
 * callback at all. Configure, start and cancel on the FX thread; the work itself reports through
 * the {@link Progress} it is given.
 *
 * <pre>{@code
 * scans.task(progress -> QualityScan.scan(store, ..., progress::updateProgress, progress::isCancelled))
 *     .onSuccess(this::show)
 *     .onFailure("Could not check the data", summary::set)
 *     .start();
 * }</pre>
 *
 * @param <T> the work's result
 */
public final class BackgroundTask<T> implements Progress {
  private static final System.Logger LOG = System.getLogger(BackgroundTask.class.getName());

  /** The work: runs off the FX thread, returns the result or throws why it could not. */
  @FunctionalInterface
  public interface Work<T> {
    T call(Progress progress) throws Exception;
  }

  /** Where a task is; read on the FX thread. */
  public enum State {
    /** Made, not started yet. */
    READY,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Cancelled, replaced by a newer task, or dropped with its store or view model. */
    CANCELLED
  }

  private final BackgroundWork owner;
  private final BackgroundWork.Lane lane;
  private final Work<T> work;
  private Consumer<? super T> onSuccess = value -> {};
  private Consumer<? super Throwable> onFailure;
  private Runnable onCancelled = () -> {};

  /** FX thread only. */
  private State state = State.READY;

  /** The store (or other scope) the task was started for; FX thread only. */
  private Object scope;

  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final AtomicReference<Double> pendingProgress = new AtomicReference<>();
  private final AtomicReference<String> pendingMessage = new AtomicReference<>();
  private volatile boolean cancelled;
  private boolean interruptible;

  /** The thread running the work, while it runs; guarded by this. */
  private Thread runner;

  BackgroundTask(BackgroundWork owner, BackgroundWork.Lane lane, Work<T> work) {
    this.owner = owner;
    this.lane = lane;
    this.work = Objects.requireNonNull(work);
  }

  /** Runs on the FX thread with the work's result. */
  public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
    requireReady();
    onSuccess = Objects.requireNonNull(action);
    return this;
  }

  /** Runs on the FX thread with what the work threw. */
  public BackgroundTask<T> onFailure(Consumer<? super Throwable> action) {
    requireReady();
    onFailure = Objects.requireNonNull(action);
    return this;
  }

  /**
   * On failure, shows a sentence: {@code whatFailed}, a colon and {@link #reason why} (for example
   * "Could not read the source order: the store is closed").
   */
  public BackgroundTask<T> onFailure(String whatFailed, Consumer<String> show) {
    Objects.requireNonNull(show);
    return onFailure(error -> show.accept(whatFailed + ": " + reason(error)));
  }

  /**
   * Runs on the FX thread when the task was cancelled, or dropped because another store was opened.
   */
  public BackgroundTask<T> onCancelled(Runnable action) {
    requireReady();
    onCancelled = Objects.requireNonNull(action);
    return this;
  }

  /**
   * Makes {@link #cancel()} also interrupt the work's thread, to end a blocking wait (a network
   * call, a sign-in waiting for the browser). Only for such work: H2 closes its file for good when
   * a thread reading or writing it is interrupted, so work on the store checks {@link
   * Progress#isCancelled()} instead.
   */
  public BackgroundTask<T> interruptible() {
    requireReady();
    interruptible = true;
    return this;
  }

  /**
   * Starts the work off the FX thread. In a lane, the lane's previous task is cancelled first, and
   * nothing of it is delivered any more (latest wins).
   *
   * @throws IllegalStateException when started twice, or after the view model was disposed
   */
  public BackgroundTask<T> start() {
    requireReady();
    scope = owner.started(this, lane);
    state = State.RUNNING;
    try {
      owner.executor().runInBackground(this::runWork);
    } catch (RejectedExecutionException closing) {
      drop(false); // the app is closing
    }
    return this;
  }

  private void runWork() {
    synchronized (this) {
      runner = Thread.currentThread();
    }
    T value = null;
    Throwable error = null;
    try {
      if (!cancelled) {
        value = work.call(this);
      }
    } catch (Throwable t) {
      error = t;
    } finally {
      synchronized (this) {
        runner = null;
      }
    }
    T result = value;
    Throwable failure = error;
    owner.executor().runOnFxThread(() -> ended(result, failure));
  }

  /** On the FX thread once the work returned or threw; ignored when the task was stopped. */
  private void ended(T value, Throwable error) {
    if (state != State.RUNNING) {
      return;
    }
    state = error == null ? State.SUCCEEDED : State.FAILED;
    owner.ended(this, lane);
    if (error == null) {
      onSuccess.accept(value);
    } else if (onFailure != null) {
      onFailure.accept(error);
    } else {
      LOG.log(System.Logger.Level.WARNING, "Background work failed", error);
    }
  }

  /**
   * Stops the task: the work sees {@link Progress#isCancelled()} (and, if {@link #interruptible()},
   * an interrupt), {@link #onCancelled} runs, and the work's result, even one already on its way,
   * is never delivered. The task stops counting as running at once, though its work may take a
   * moment to notice.
   *
   * @return whether the task was running (false when it had already ended)
   */
  public boolean cancel() {
    if (state != State.RUNNING) {
      return false;
    }
    drop(true);
    return true;
  }

  /**
   * Ends the task now, whatever its work is doing; runs {@link #onCancelled} when {@code notify}.
   * FX thread.
   */
  void drop(boolean notify) {
    if (state != State.RUNNING) {
      return;
    }
    state = State.CANCELLED;
    synchronized (this) {
      cancelled = true;
      if (interruptible && runner != null && runner != Thread.currentThread()) {
        runner.interrupt();
      }
    }
    owner.ended(this, lane);
    if (notify) {
      onCancelled.run();
    }
  }

  Object scope() {
    return scope;
  }

  /** Where the task is. FX thread. */
  public State state() {
    return state;
  }

  /** True from {@link #start()} until the task succeeded, failed or was cancelled. FX thread. */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /** How far the work is, 0 to 1, or -1 while not known; FX thread. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** What the work said it is doing; FX thread. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  // --- Progress: called by the work, on its thread ------------------------------------------

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void updateProgress(double done, double total) {
    double fraction = done < 0 || total <= 0 ? -1 : Math.min(1, done / total);
    if (pendingProgress.getAndSet(fraction) == null) {
      runOnFxThread(() -> progress.set(pendingProgress.getAndSet(null)));
    }
  }

  @Override
  public void updateMessage(String text) {
    if (pendingMessage.getAndSet(text == null ? "" : text) == null) {
      runOnFxThread(() -> message.set(pendingMessage.getAndSet(null)));
    }
  }

  @Override
  public void runOnFxThread(Runnable action) {
    owner
        .executor()
        .runOnFxThread(() -> {
          if (state == State.RUNNING) {
            action.run();
          }
        });
  }

  /** Why {@code error} happened, for people: its message, or its kind when it has none. */
  public static String reason(Throwable error) {
    return error.getMessage() == null ? error.toString() : error.getMessage();
  }

  private void requireReady() {
    if (state != State.READY) {
      throw new IllegalStateException("This task has already started");
    }
  }
}
