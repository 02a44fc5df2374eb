package org.openvitals.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.openvitals.connectors.oauth.OAuthException;
import org.openvitals.connectors.oauth.QueryStrings;
import org.openvitals.connectors.vault.AccessTokens;
import org.openvitals.connectors.vault.ConnectionLostException;

/**
 * JSON requests to one provider's API for one account, within the provider's rules: every request
 * waits for the {@link RequestBudget}, which the provider's {@link RateLimitHeaders} pause when its
 * allowance is used up; 429 waits for {@code Retry-After} (seconds or an HTTP date) or what the
 * headers say; 5xx and network errors back off with jitter; a 401 refreshes the access token once.
 * Nothing is retried forever.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** 429s tolerated for one request before the run gives up (each one waits as told). */
  static final int MAX_RATE_LIMITED = 5;

  private final String provider;
  private final String account;
  private final URI baseUrl;
  private final HttpClient http;
  private final AccessTokens tokens;
  private final RequestBudget budget;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Clock clock;
  private final ResponseCheck check;
  private final AtomicInteger requests = new AtomicInteger();
  private final BooleanSupplier stopping;
  private final RateLimitHeaders rateLimits;

  /**
   * Longest rate-limit pause a sync sits through (Strava's 15-minute window); a longer one ends the
   * sync with {@link RateLimitedException}.
   */
  public static final Duration LONGEST_WAIT = Duration.ofMinutes(16);

  /**
   * @param stopping true once the sync should stop: checked before each request, which is always
   *     after the previous page was stored
   */
  public ApiClient(
      String provider,
      String account,
      URI baseUrl,
      HttpClient http,
      AccessTokens tokens,
      RequestBudget budget,
      Backoff backoff,
      Sleeper sleeper,
      Clock clock,
      ResponseCheck check,
      RateLimitHeaders rateLimits,
      BooleanSupplier stopping) {
    this.rateLimits = rateLimits;
    this.stopping = stopping;
    this.provider = provider;
    this.account = account;
    this.baseUrl = baseUrl;
    this.http = http;
    this.tokens = tokens;
    this.budget = budget;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.clock = clock;
    this.check = check;
  }

  /** GET {@code base + path} with {@code query}. */
  public JsonNode get(String path, Map<String, String> query)
      throws ApiException, ConnectionLostException, InterruptedException {
    URI uri = QueryStrings.withQuery(resolve(path), query);
    return send(uri, null);
  }

  /** POST a form to {@code base + path} (Withings' style). */
  public JsonNode post(String path, Map<String, String> form)
      throws ApiException, ConnectionLostException, InterruptedException {
    return send(resolve(path), QueryStrings.encode(form));
  }

  /** Requests sent so far, for sync history. */
  public int requestCount() {
    return requests.get();
  }

  private URI resolve(String path) {
    String base = baseUrl.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
            + (path.startsWith("/") ? path : "/" + path));
  }

  private JsonNode send(URI uri, String form)
      throws ApiException, ConnectionLostException, InterruptedException {
    String what = provider + " " + uri.getPath();
    String accessToken = token();
    boolean refreshed = false;
    int failures = 0;
    int rateLimited = 0;
    while (true) {
      if (stopping.getAsBoolean()) {
        throw new InterruptedException(provider + " sync stopped: OpenVitals is closing");
      }
      Instant pausedUntil = budget.pausedUntil();
      if (pausedUntil.isAfter(clock.instant().plus(LONGEST_WAIT))) {
        throw new RateLimitedException(provider, pausedUntil);
      }
      budget.acquire();
      requests.incrementAndGet();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(REQUEST_TIMEOUT)
              .header("Authorization", "Bearer " + accessToken)
              .header("Accept", "application/json");
      if (form != null) {
        request
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (++failures >= backoff.maxAttempts()) {
          throw new ApiException(what + " failed " + failures + " times: " + e, e);
        }
        sleeper.sleep(backoff.delay(failures - 1));
        continue;
      }
      int status = response.statusCode();
      rateLimits.pauseUntil(response, clock.instant()).ifPresent(budget::pauseUntil);
      if (status == 429) {
        if (++rateLimited > MAX_RATE_LIMITED) {
          throw new ApiException(
              429, what + " is still rate limited after " + MAX_RATE_LIMITED + " waits");
        }
        budget.pauseUntil(
            clock.instant().plus(retryAfter(response).orElse(backoff.delay(rateLimited))));
        continue;
      }
      if (status == 401 && !refreshed) {
        accessToken = refreshAfter(accessToken);
        refreshed = true;
        continue;
      }
      if (status >= 500) {
        if (++failures >= backoff.maxAttempts()) {
          throw new ApiException(
              status, what + " answered HTTP " + status + " " + failures + " times");
        }
        sleeper.sleep(retryAfter(response).orElse(backoff.delay(failures - 1)));
        continue;
      }
      if (status != 200) {
        throw new ApiException(
            status, what + " answered HTTP " + status + ": " + abbreviate(response.body()));
      }
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (IOException e) {
        throw new ApiException(status, what + " answered with invalid JSON: " + e.getMessage());
      }
      switch (check.check(body)) {
        case ResponseCheck.Verdict.Ok ok -> {
          return body;
        }
        case ResponseCheck.Verdict.Unauthorized u -> {
          if (refreshed) {
            throw new ApiException(
                401, what + ": " + u.message() + " (even after a token refresh)");
          }
          accessToken = refreshAfter(accessToken);
          refreshed = true;
        }
        case ResponseCheck.Verdict.Retry r -> {
          if (++failures >= backoff.maxAttempts()) {
            throw new ApiException(
                status, what + ": " + r.message() + " (" + failures + " attempts)");
          }
          if (r.after() != null) {
            budget.pauseUntil(clock.instant().plus(r.after()));
          } else {
            sleeper.sleep(backoff.delay(failures - 1));
          }
        }
        case ResponseCheck.Verdict.Fail f ->
            throw new ApiException(f.status(), what + ": " + f.message());
      }
    }
  }

  private String token() throws ApiException, ConnectionLostException, InterruptedException {
    try {
      return tokens.current(account);
    } catch (OAuthException e) {
      throw new ApiException(
          "Could not refresh the " + provider + " access token: " + e.getMessage(), e);
    }
  }

  private String refreshAfter(String rejected)
      throws ApiException, ConnectionLostException, InterruptedException {
    try {
      return tokens.afterRejection(account, rejected);
    } catch (OAuthException e) {
      throw new ApiException(
          "Could not refresh the " + provider + " access token: " + e.getMessage(), e);
    }
  }

  /** Retry-After as delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
  Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(value -> {
          String v = value.strip();
          try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
          } catch (NumberFormatException notSeconds) {
            try {
              Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
              Duration d = Duration.between(clock.instant(), at);
              return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
              return Optional.empty();
            }
          }
        });
  }

  private static String abbreviate(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
