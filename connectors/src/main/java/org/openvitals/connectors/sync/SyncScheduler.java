package org.openvitals.connectors.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Background syncing. Every connected source syncs when the scheduler starts (or when it is first
 * seen connected), then {@code sync_interval_minutes} after its previous sync ended. A tick every
 * {@link #TICK} decides what is due, so the plan follows the wall clock:
 *
 * <ul>
 *   <li>A tick that comes much later than expected means the computer slept (or its clock jumped):
 *       every source syncs {@link #SETTLE} later, once, however many intervals were missed.
 *   <li>The network coming back (the {@link NetworkProbe} going from offline to online) does the
 *       same.
 *   <li>A source waiting on its provider's rate-limit window (kept in the store, so a restart
 *       respects it) is not synced before the window ends.
 *   <li>A source is never synced twice at once: the engine joins a running sync in this process and
 *       skips a source another process is syncing (then this one tries again {@link #BUSY_RETRY}
 *       later).
 * </ul>
 *
 * The planned time of each source's next sync is kept in the store, for the app's Sources screen
 * and {@code openvitals status}. Closing stops running syncs at their next page boundary.
 */
public final class SyncScheduler implements AutoCloseable {
  static final Duration TICK = Duration.ofSeconds(30);
  static final Duration WAKE_GAP = Duration.ofMinutes(2);
  static final Duration SETTLE = Duration.ofSeconds(20);
  static final Duration BUSY_RETRY = Duration.ofMinutes(2);

  /** How long {@link #close} lets running syncs reach a page boundary before interrupting them. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /** Told when a source's sync starts and ends (on the sync's thread). */
  public interface Listener {
    default void started(String provider) {}

    default void finished(SyncRun run) {}
  }

  private final SyncEngine engine;
  private final Clock clock;
  private final NetworkProbe network;
  private final Listener listener;
  private final Map<String, Instant> planned = new ConcurrentHashMap<>();
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  private Instant lastTick;
  private boolean wasOnline = true;
  private volatile boolean closed;
  private Thread ticker;

  public SyncScheduler(SyncEngine engine, Clock clock, NetworkProbe network, Listener listener) {
    this.engine = engine;
    this.clock = clock;
    this.network = network;
    this.listener = listener;
  }

  /** Starts ticking on a daemon thread; the first tick syncs every connected source. */
  public synchronized void start() {
    if (ticker != null || closed) {
      return;
    }
    ticker =
        Thread.ofPlatform()
            .daemon()
            .name("sync-scheduler")
            .start(() -> {
              while (!closed) {
                try {
                  tick();
                  Thread.sleep(TICK);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  // A store closed under us or a vault that cannot be read: try on the next tick.
                }
              }
            });
  }

  /**
   * Decides what is due now and starts those syncs; returns them (tests wait on them). Called by
   * the ticking thread, or directly by tests that move the clock by hand.
   */
  public synchronized List<CompletableFuture<SyncRun>> tick() {
    if (closed) {
      return List.of(); // its store may be closed already
    }
    Instant now = clock.instant();
    boolean woke = lastTick != null && Duration.between(lastTick, now).compareTo(WAKE_GAP) > 0;
    boolean online = network.online();
    boolean networkBack = online && !wasOnline;
    lastTick = now;
    wasOnline = online;
    List<String> connected = engine.connected();
    planned.keySet().retainAll(connected);
    List<CompletableFuture<SyncRun>> started = new ArrayList<>();
    for (String provider : connected) {
      if (running.containsKey(provider)) {
        continue; // its end plans the next one
      }
      Instant next = planned.getOrDefault(provider, now);
      if (woke || networkBack) {
        Instant soon = now.plus(SETTLE);
        next = next.isBefore(soon) ? next : soon;
      }
      Optional<Instant> paused = engine.pausedUntil(provider);
      if (paused.isPresent() && paused.get().isAfter(next)) {
        next = paused.get();
      }
      plan(provider, next);
      if (!next.isAfter(now) && online) {
        started.add(launch(provider));
      }
    }
    return started;
  }

  /** Syncs {@code provider} now (or joins its running sync), then plans the next one. */
  public synchronized CompletableFuture<SyncRun> syncNow(String provider) {
    return launch(provider);
  }

  /** When {@code provider}'s next sync is planned, if it is connected and the scheduler runs. */
  public Optional<Instant> nextSync(String provider) {
    return Optional.ofNullable(planned.get(provider));
  }

  private CompletableFuture<SyncRun> launch(String provider) {
    CompletableFuture<SyncRun> result = new CompletableFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .name("sync-" + provider)
            .unstarted(() -> {
              SyncRun run = null;
              Throwable failure = null;
              try {
                listener.started(provider);
                run = engine.sync(provider);
                Instant end = clock.instant();
                plan(
                    provider,
                    run.outcome() == SyncState.SYNCING // another process has it
                        ? end.plus(BUSY_RETRY)
                        : end.plus(engine.settings(provider).syncInterval()));
                listener.finished(run);
              } catch (InterruptedException e) {
                failure = e;
              } catch (RuntimeException e) {
                plan(provider, clock.instant().plus(engine.settings(provider).syncInterval()));
                failure = e;
              } finally {
                // Before the result is out, so whoever waits on it sees the source idle.
                running.remove(provider, Thread.currentThread());
              }
              if (failure == null) {
                result.complete(run);
              } else {
                result.completeExceptionally(failure);
              }
            });
    running.putIfAbsent(provider, thread);
    thread.start();
    return result;
  }

  /** Synchronized with {@link #tick}, so a tick never puts back the plan a sync just replaced. */
  private synchronized void plan(String provider, Instant when) {
    planned.put(provider, when);
    try {
      engine.planNext(provider, when);
    } catch (RuntimeException closing) {
      // The store is closing; the plan in memory is what counts while this process runs.
    }
  }

  /**
   * Stops ticking and asks running syncs to stop at their next page boundary; waits up to {@link
   * #STOP_GRACE} for them, then interrupts what still waits (on the network or a rate limit).
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = ticker;
    }
    if (t != null) {
      t.interrupt();
    }
    engine.stop();
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (Thread sync : List.copyOf(running.values())) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !sync.join(Duration.ofNanos(left))) {
          sync.interrupt();
          sync.join(Duration.ofSeconds(2));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
