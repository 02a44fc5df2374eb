package org.openvitals.connectors.strava;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Strava's limits as its answers report them: {@code X-RateLimit-Limit}/{@code X-RateLimit-Usage}
 * (all requests) and {@code X-ReadRateLimit-Limit}/{@code X-ReadRateLimit-Usage} (reads), each
 * "15-minute,daily", e.g. {@code 100,1000} and {@code 37,412}. The 15-minute windows end at :00,
 * :15, :30 and :45; the daily one at midnight UTC. A used-up window pauses requests until it ends;
 * a 429 without readable headers waits for the next quarter hour.
 */
final class StravaRateLimits implements org.openvitals.connectors.http.RateLimitHeaders {

  @Override
  public Optional<Instant> pauseUntil(HttpResponse<?> response, Instant now) {
    Optional<Instant> overall = used(response, "X-RateLimit", now);
    Optional<Instant> reads = used(response, "X-ReadRateLimit", now);
    Optional<Instant> later =
        overall.isEmpty()
            ? reads
            : reads.isEmpty() || overall.get().isAfter(reads.get()) ? overall : reads;
    if (later.isEmpty() && response.statusCode() == 429) {
      return Optional.of(nextQuarterHour(now));
    }
    return later;
  }

  /** When the window named by {@code prefix}'s headers that is used up ends; empty if none is. */
  private static Optional<Instant> used(HttpResponse<?> response, String prefix, Instant now) {
    long[] limit = pair(response.headers().firstValue(prefix + "-Limit"));
    long[] usage = pair(response.headers().firstValue(prefix + "-Usage"));
    if (limit == null || usage == null) {
      return Optional.empty();
    }
    if (usage[1] >= limit[1]) {
      return Optional.of(
          LocalDate.ofInstant(now, ZoneOffset.UTC)
              .plusDays(1)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant());
    }
    if (usage[0] >= limit[0]) {
      return Optional.of(nextQuarterHour(now));
    }
    return Optional.empty();
  }

  static Instant nextQuarterHour(Instant now) {
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    long minutes = ChronoUnit.MINUTES.between(hour, now);
    return hour.plus((minutes / 15 + 1) * 15, ChronoUnit.MINUTES);
  }

  /** "15-minute,daily" as two numbers, or null when absent or unreadable. */
  private static long[] pair(Optional<String> header) {
    if (header.isEmpty()) {
      return null;
    }
    String[] parts = header.get().split(",");
    if (parts.length != 2) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip())};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
