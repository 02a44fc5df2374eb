package org.openvitals.connectors.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A provider's request allowance: at most {@code limit} requests in any sliding {@code window}
 * (Withings about 120 per minute, Oura 5,000 per 5 minutes), shared by every stream of the source.
 * A 429 or a rate-limit header can also pause it until a given instant.
 */
public final class RequestBudget {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Deque<Instant> sent = new ArrayDeque<>();
  private Instant pausedUntil = Instant.MIN;
  private Consumer<Instant> onPause = until -> {};

  public RequestBudget(int limit, Duration window, Clock clock, Sleeper sleeper) {
    if (limit < 1) {
      throw new IllegalArgumentException("A request budget needs a positive limit: " + limit);
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits until one more request fits, then counts it. */
  public void acquire() throws InterruptedException {
    while (true) {
      Duration wait;
      synchronized (this) {
        Instant now = clock.instant();
        while (!sent.isEmpty() && !sent.peekFirst().plus(window).isAfter(now)) {
          sent.removeFirst();
        }
        if (now.isBefore(pausedUntil)) {
          wait = Duration.between(now, pausedUntil);
        } else if (sent.size() >= limit) {
          wait = Duration.between(now, sent.peekFirst().plus(window));
        } else {
          sent.addLast(now);
          return;
        }
      }
      sleeper.sleep(wait);
    }
  }

  /** No request before {@code until} (from Retry-After or X-RateLimit-Reset). */
  public void pauseUntil(Instant until) {
    synchronized (this) {
      if (!until.isAfter(pausedUntil)) {
        return;
      }
      pausedUntil = until;
    }
    onPause.accept(until);
  }

  /** The end of the current pause ({@link Instant#MIN} when there is none). */
  public synchronized Instant pausedUntil() {
    return pausedUntil;
  }

  /** Told of every longer pause, so it can be kept where a restarted process finds it. */
  public synchronized void onPause(Consumer<Instant> listener) {
    this.onPause = listener;
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }
}
