package org.openvitals.app.context;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.util.Subscription;

/**
 * The background work of one view model: the one way the app runs slow work (reading the store,
 * importing, syncing, exporting) off the FX thread and brings the result back onto it.
 *
 * <ul>
 *   <li>{@link #task} makes a {@link BackgroundTask}; give it its callbacks and start it.
 *   <li>{@link #lane()} makes a lane for work where only the latest request counts (a reload, a
 *       preview, a search): starting a task in a lane cancels the lane's previous task, and an
 *       older result never overwrites a newer one. A lane says whether it is running, and how far
 *       its task is.
 *   <li>{@link #runningCountProperty()} and {@link #busyProperty()} count the tasks running.
 *   <li>Every task remembers the store it was started for: when the app opens another store, tasks
 *       started for the old one are cancelled, so their results never reach the new store's screen.
 *   <li>{@link #dispose()} cancels everything silently and refuses new tasks; a view model calls it
 *       from its own {@code dispose()}. Work with no task running holds no listener on the store.
 * </ul>
 *
 * Use it on the FX thread. With {@link TaskExecutor#immediate()} (tests) a task's work and its
 * callbacks have run when {@code start()} returns.
 */
public final class BackgroundWork implements Disposable {
  private final TaskExecutor executor;
  private final ObservableValue<?> scope;

  /** Follows the store while tasks run; idle work holds nothing on the shared state. */
  private Subscription scopeWatch = Subscription.EMPTY;

  private final Set<BackgroundTask<?>> running = new LinkedHashSet<>();
  private final ReadOnlyIntegerWrapper runningCount =
      new ReadOnlyIntegerWrapper(this, "runningCount");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private boolean disposed;

  /** Work on {@code context}'s executor, for its open store. */
  public BackgroundWork(AppContext context) {
    this(context.executor(), context.storeProperty());
  }

  /**
   * @param scope what tasks are started for (the open store): when it changes, tasks started for an
   *     earlier value are cancelled
   */
  BackgroundWork(TaskExecutor executor, ObservableValue<?> scope) {
    this.executor = Objects.requireNonNull(executor);
    this.scope = scope;
  }

  /** A task with no lane: it runs alongside every other. */
  public <T> BackgroundTask<T> task(BackgroundTask.Work<T> work) {
    return new BackgroundTask<>(this, null, work);
  }

  /** A new lane: at most one of its tasks runs, the latest started. */
  public Lane lane() {
    return new Lane();
  }

  /** How many tasks are running. */
  public ReadOnlyIntegerProperty runningCountProperty() {
    return runningCount.getReadOnlyProperty();
  }

  /** True while any task runs. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /**
   * Drops every running task with no callback and refuses new tasks: nothing this work started
   * writes into the view model any more.
   */
  @Override
  public void dispose() {
    disposed = true;
    new ArrayList<>(running).forEach(task -> task.drop(false));
  }

  TaskExecutor executor() {
    return executor;
  }

  /** A task starts: counts it, replaces its lane's previous task; returns the task's scope. */
  Object started(BackgroundTask<?> task, Lane lane) {
    if (disposed) {
      throw new IllegalStateException("This view model was disposed");
    }
    if (running.isEmpty()) {
      scopeWatch = scope.subscribe((before, now) -> cancelStartedFor(now));
    }
    running.add(task);
    count();
    if (lane != null) {
      lane.started(task);
    }
    return scope.getValue();
  }

  /** A task succeeded, failed, was cancelled or dropped. */
  void ended(BackgroundTask<?> task, Lane lane) {
    if (running.remove(task)) {
      count();
      if (running.isEmpty()) {
        scopeWatch.unsubscribe();
        scopeWatch = Subscription.EMPTY;
      }
    }
    if (lane != null) {
      lane.ended(task);
    }
  }

  private void count() {
    runningCount.set(running.size());
    busy.set(!running.isEmpty());
  }

  private void cancelStartedFor(Object now) {
    for (BackgroundTask<?> task : new ArrayList<>(running)) {
      if (task.scope() != now) {
        task.drop(true);
      }
    }
  }

  /**
   * Work where only the latest request counts. Starting a task here cancels the previous one (with
   * no callback: it was replaced, not stopped by the user); its result, even one already on its
   * way, is dropped.
   */
  public final class Lane {
    private BackgroundTask<?> current;
    private final ReadOnlyBooleanWrapper laneRunning = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    private Lane() {}

    /** A task for this lane; it replaces the lane's running task when started. */
    public <T> BackgroundTask<T> task(BackgroundTask.Work<T> work) {
      return new BackgroundTask<>(BackgroundWork.this, this, work);
    }

    /** True while the lane's task runs. */
    public ReadOnlyBooleanProperty runningProperty() {
      return laneRunning.getReadOnlyProperty();
    }

    public boolean isRunning() {
      return laneRunning.get();
    }

    /** The running (or last) task's progress: 0 to 1, or -1 while not known. */
    public ReadOnlyDoubleProperty progressProperty() {
      return progress.getReadOnlyProperty();
    }

    /** What the running (or last) task said it is doing. */
    public ReadOnlyStringProperty messageProperty() {
      return message.getReadOnlyProperty();
    }

    /**
     * Cancels the running task, as {@link BackgroundTask#cancel()} does.
     *
     * @return whether a task was stopped
     */
    public boolean cancel() {
      return current != null && current.cancel();
    }

    private void started(BackgroundTask<?> task) {
      BackgroundTask<?> previous = current;
      current = task;
      if (previous != null) {
        previous.drop(false);
      }
      progress.bind(task.progressProperty());
      message.bind(task.messageProperty());
      laneRunning.set(true);
    }

    private void ended(BackgroundTask<?> task) {
      if (current == task) {
        current = null;
        progress.unbind(); // keeps the last value
        message.unbind();
        laneRunning.set(false);
      }
    }
  }
}
