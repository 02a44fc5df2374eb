package org.openvitals.app.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** The one way the app runs background work: latest wins, counting, failures, cancel, stores. */
class BackgroundWorkTest {
  private final ManualExecutor manual = new ManualExecutor();
  private final SimpleObjectProperty<String> store = new SimpleObjectProperty<>("store A");
  private final BackgroundWork work = new BackgroundWork(manual.executor(), store);
  private final List<String> shown = new ArrayList<>();

  @Test
  void theWorkRunsOffTheCallersThreadAndItsResultArrivesOnTheFxThreadAfterwards() {
    BackgroundTask<String> task = work.task(progress -> "read").onSuccess(shown::add).start();

    assertThat(task.isRunning()).isTrue();
    assertThat(manual.waiting()).as("queued for a background thread").isEqualTo(1);
    manual.runOldest();
    assertThat(shown).as("not before the FX thread takes it").isEmpty();
    assertThat(work.busyProperty().get()).isTrue();

    manual.deliver();

    assertThat(shown).containsExactly("read");
    assertThat(task.state()).isEqualTo(BackgroundTask.State.SUCCEEDED);
    assertThat(work.busyProperty().get()).isFalse();
  }

  @Test
  void inALaneAnOlderResultNeverOverwritesANewerOne() {
    BackgroundWork.Lane reads = work.lane();
    BackgroundTask<String> older = reads.task(progress -> "older").onSuccess(shown::add).start();
    BackgroundTask<String> newer = reads.task(progress -> "newer").onSuccess(shown::add).start();

    manual.runNewest(); // the newer read finishes first ...
    manual.deliver();
    manual.runOldest(); // ... and the older one after it
    manual.deliver();

    assertThat(shown).containsExactly("newer");
    assertThat(older.state()).isEqualTo(BackgroundTask.State.CANCELLED);
    assertThat(newer.state()).isEqualTo(BackgroundTask.State.SUCCEEDED);
    assertThat(reads.isRunning()).isFalse();
  }

  @Test
  void aResultAlreadyOnItsWayIsDroppedWhenANewerTaskStartsInTheLane() {
    BackgroundWork.Lane reads = work.lane();
    reads.task(progress -> "older").onSuccess(shown::add).start();
    manual.runOldest(); // done; its result waits for the FX thread

    reads.task(progress -> "newer").onSuccess(shown::add).start();
    manual.runAll();

    assertThat(shown).containsExactly("newer");
  }

  @Test
  void theBusyCountFollowsEveryWayATaskEnds() {
    BackgroundWork.Lane lane = work.lane();
    work.task(progress -> "a").start();
    BackgroundTask<String> cancelled = work.task(progress -> "b").start();
    lane.task(progress -> "c").start();
    assertThat(work.runningCountProperty().get()).isEqualTo(3);

    lane.task(progress -> "d").start(); // replaces c
    assertThat(work.runningCountProperty().get()).isEqualTo(3);
    cancelled.cancel();
    assertThat(work.runningCountProperty().get()).isEqualTo(2);
    assertThat(lane.isRunning()).isTrue();

    manual.runAll();

    assertThat(work.runningCountProperty().get()).isZero();
    assertThat(work.busyProperty().get()).isFalse();
    assertThat(lane.isRunning()).isFalse();
  }

  @Test
  void aFailureBecomesASentenceSayingWhatFailedAndWhy() {
    List<String> errors = new ArrayList<>();
    BackgroundTask<String> task =
        work.<String>task(
                progress -> {
                  throw new IllegalStateException("the store is closed");
                })
            .onSuccess(shown::add)
            .onFailure("Could not read the source order", errors::add)
            .start();
    work.task(
            progress -> {
              throw new IllegalStateException();
            })
        .onFailure("Could not save", errors::add)
        .start();

    manual.runAll();

    assertThat(errors)
        .containsExactly(
            "Could not read the source order: the store is closed",
            "Could not save: java.lang.IllegalStateException");
    assertThat(shown).isEmpty();
    assertThat(task.state()).isEqualTo(BackgroundTask.State.FAILED);
    assertThat(work.busyProperty().get()).isFalse();
  }

  @Test
  void cancelTellsTheWorkAndNeverDeliversItsResult() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    ConcurrentLinkedQueue<Runnable> fxThread = new ConcurrentLinkedQueue<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      BackgroundWork real = new BackgroundWork(new TaskExecutor(threads, fxThread::add), store);
      List<String> cancelled = new ArrayList<>();
      BackgroundTask<String> task =
          real.task(
                  progress -> {
                    started.countDown();
                    while (!progress.isCancelled()) {
                      Thread.onSpinWait();
                    }
                    stopped.countDown();
                    return "partial";
                  })
              .onSuccess(shown::add)
              .onCancelled(() -> cancelled.add("cancelled"))
              .start();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(task.cancel()).isTrue();

      assertThat(cancelled).containsExactly("cancelled");
      assertThat(real.busyProperty().get()).as("not running from the user's view").isFalse();
      assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the work saw the cancel").isTrue();
      awaitDelivery(fxThread);
      assertThat(shown).isEmpty();
      assertThat(task.cancel()).as("once").isFalse();
    }
  }

  @Test
  void onlyInterruptibleWorkIsInterrupted() throws Exception {
    ConcurrentLinkedQueue<Runnable> fxThread = new ConcurrentLinkedQueue<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      BackgroundWork real = new BackgroundWork(new TaskExecutor(threads, fxThread::add), store);
      for (boolean interruptible : List.of(true, false)) {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        BackgroundTask<String> task =
            real.task(progress -> {
              started.countDown();
              try {
                release.await(); // a request to a provider that hangs
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              ended.countDown();
              return "";
            });
        if (interruptible) {
          task.interruptible();
        }
        task.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        task.cancel();

        if (interruptible) {
          assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        } else {
          assertThat(ended.await(200, TimeUnit.MILLISECONDS)).as("still waiting").isFalse();
          release.countDown();
          assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(interrupted.get())
            .as("interruptible: " + interruptible)
            .isEqualTo(interruptible);
      }
    }
  }

  @Test
  void tasksStartedForAnotherStoreAreCancelledWhenTheStoreChanges() {
    List<String> cancelled = new ArrayList<>();
    work.task(progress -> "A's data")
        .onSuccess(shown::add)
        .onCancelled(() -> cancelled.add("A"))
        .start();
    manual.runOldest(); // read from store A, on its way to the screen

    store.set("store B");
    work.task(progress -> "B's data").onSuccess(shown::add).start();
    manual.runAll();

    assertThat(cancelled).containsExactly("A");
    assertThat(shown).containsExactly("B's data");
  }

  @Test
  void disposeDropsEverythingSilentlyStopsFollowingTheStoreAndRefusesNewWork() {
    List<String> called = new ArrayList<>();
    work.task(progress -> "x")
        .onSuccess(called::add)
        .onCancelled(() -> called.add("cancelled"))
        .start();

    work.dispose();
    manual.runAll();
    store.set("store B");

    assertThat(called).isEmpty();
    assertThat(work.busyProperty().get()).isFalse();
    assertThatThrownBy(() -> work.task(progress -> "y").start())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void workHoldsNothingOnTheStoreOnceItsTasksEnded() {
    WeakReference<BackgroundWork> idle =
        new WeakReference<>(new BackgroundWork(manual.executor(), store));
    BackgroundWork used = new BackgroundWork(manual.executor(), store);
    used.task(progress -> "x").start();
    used.lane().task(progress -> "y").start().cancel();
    manual.runAll();
    WeakReference<BackgroundWork> done = new WeakReference<>(used);
    used = null;

    assertThat(collected(idle)).as("never used").isTrue();
    assertThat(collected(done)).as("its tasks succeeded or were cancelled").isTrue();
  }

  @Test
  void progressAndMessagesReachTheLaneCoalesced() {
    BackgroundWork.Lane export = work.lane();
    export
        .task(progress -> {
          progress.updateMessage("Exporting");
          for (int i = 1; i <= 1000; i++) {
            progress.updateProgress(i, 4000);
          }
          return "done";
        })
        .start();
    assertThat(export.progressProperty().get()).as("not known yet").isEqualTo(-1);

    manual.runOldest();

    assertThat(manual.deliver())
        .as("message, progress and result: not one per update")
        .isEqualTo(3);
    assertThat(export.progressProperty().get()).isEqualTo(0.25);
    assertThat(export.messageProperty().get()).isEqualTo("Exporting");
    assertThat(export.isRunning()).isFalse();
  }

  @Test
  void theImmediateExecutorHasDeliveredWhenStartReturns() {
    BackgroundWork now = new BackgroundWork(TaskExecutor.immediate(), store);
    List<String> partial = new ArrayList<>();

    now.task(
            progress -> {
              progress.runOnFxThread(() -> partial.add("first values"));
              return "all values";
            })
        .onSuccess(shown::add)
        .start();

    assertThat(partial).containsExactly("first values");
    assertThat(shown).containsExactly("all values");
    assertThat(now.busyProperty().get()).isFalse();
  }

  private static boolean collected(WeakReference<?> ref) {
    for (int i = 0; i < 40 && ref.get() != null; i++) {
      System.gc();
      Thread.onSpinWait();
    }
    return ref.get() == null;
  }

  private static void awaitDelivery(ConcurrentLinkedQueue<Runnable> fxThread) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fxThread.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Runnable delivery;
    while ((delivery = fxThread.poll()) != null) {
      delivery.run();
    }
  }
}
