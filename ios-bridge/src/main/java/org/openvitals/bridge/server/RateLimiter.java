package org.openvitals.bridge.server;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per caller (device id, or address before pairing): {@code burst} requests at once,
 * refilled at {@code perSecond}. A phone uploading as fast as the desktop commits stays well under
 * the default; a loop gone wrong gets 429 with the seconds to wait.
 */
public final class RateLimiter {
  private final double burst;
  private final double perSecond;
  private final Clock clock;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  public RateLimiter(int burst, double perSecond, Clock clock) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.clock = clock;
  }

  /** 0 when the caller may go on, else the whole seconds to wait. */
  public int acquire(String caller) {
    long now = clock.millis();
    Bucket b = buckets.computeIfAbsent(caller, c -> new Bucket(burst, now));
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1000.0 * perSecond);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return (int) Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
    }
  }
}
