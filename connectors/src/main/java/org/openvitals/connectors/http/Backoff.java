package org.openvitals.connectors.http;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for 5xx answers and network errors: attempt n waits a random time
 * between half and all of {@code base * 2^n}, capped at {@code max}; after {@code maxAttempts} the
 * request fails, so a provider outage ends the sync run instead of hanging it.
 */
public record Backoff(Duration base, Duration max, int maxAttempts, RandomGenerator random) {

  public static Backoff standard() {
    return new Backoff(
        Duration.ofSeconds(1), Duration.ofMinutes(1), 6, RandomGenerator.getDefault());
  }

  public Duration delay(int attempt) {
    long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt, 20));
    long half = ceiling / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }
}
