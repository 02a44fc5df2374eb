package org.openvitals.connectors.http;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a provider says in its answers' headers that its allowance is used up, so requests pause
 * before the provider has to refuse them (and, on a 429, how long to wait).
 */
@FunctionalInterface
public interface RateLimitHeaders {
  /**
   * {@code X-RateLimit-Remaining: 0} (or a 429) with {@code X-RateLimit-Reset}: epoch seconds, or
   * seconds from now when the number is too small to be a date (WHOOP sends it that way).
   */
  RateLimitHeaders STANDARD =
      (response, now) -> {
        Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
        Optional<String> reset = response.headers().firstValue("X-RateLimit-Reset");
        boolean exhausted =
            remaining.map(r -> r.strip().equals("0")).orElse(response.statusCode() == 429);
        if (!exhausted || reset.isEmpty()) {
          return Optional.empty();
        }
        try {
          long value = Long.parseLong(reset.get().strip());
          return Optional.of(
              value < 1_000_000_000L
                  ? now.plus(Duration.ofSeconds(value))
                  : Instant.ofEpochSecond(value));
        } catch (NumberFormatException unreadable) {
          return Optional.empty(); // Retry-After or the backoff decides
        }
      };

  /** No request before the returned instant; empty while the headers allow more. */
  Optional<Instant> pauseUntil(HttpResponse<?> response, Instant now);
}
