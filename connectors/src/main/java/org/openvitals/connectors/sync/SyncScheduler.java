package org.openvitals.connectors.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Background syncing: every connected source once at start, then every source on its own interval
 * ({@code sync_interval_minutes}), plus "sync now" on demand. The timer thread only triggers; the
 * syncs run on virtual threads. Sources that need reconnecting are skipped by the engine without
 * touching the network, so a lost connection is never retried in a loop.
 */
public final class SyncScheduler implements AutoCloseable {
  private final SyncEngine engine;
  private final Consumer<SyncRun> listener;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("sync-timer").factory());

  public SyncScheduler(SyncEngine engine, Consumer<SyncRun> listener) {
    this.engine = engine;
    this.listener = listener;
  }

  /** Syncs every connected source now and schedules each on its interval. */
  public void start() {
    List<String> connected = engine.connected();
    for (String provider : engine.providers()) {
      Duration interval = engine.settings(provider).syncInterval();
      long initialDelay = connected.contains(provider) ? 0 : interval.toMillis();
      timer.scheduleWithFixedDelay(
          () -> {
            if (engine.connected().contains(provider)) {
              syncNow(provider);
            }
          },
          initialDelay,
          interval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Starts a sync of {@code provider} on a virtual thread (or joins the running one). */
  public CompletableFuture<SyncRun> syncNow(String provider) {
    CompletableFuture<SyncRun> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("sync-" + provider)
        .start(() -> {
          try {
            SyncRun run = engine.sync(provider);
            listener.accept(run);
            result.complete(run);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
