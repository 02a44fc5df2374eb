package org.openvitals.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.oauth.OAuthConfig;
import org.openvitals.connectors.oauth.TokenClient;
import org.openvitals.connectors.oauth.TokenDialect;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.vault.AccessTokens;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.connectors.vault.VaultEntry;

class ApiClientTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private FakeProvider fake;
  private AccessTokens tokens;
  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 4, RandomGenerator.getDefault());

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    fake.route("/x", q -> FakeProvider.Reply.json("{\"ok\":true}"));
    TokenVault vault = new TokenVault(dir, new FileKeySource(dir.resolve("vault.key")));
    String[] pair = fake.issueTokens();
    vault.write(
        new VaultEntry(
            "oura",
            null,
            null,
            new TokenSet(pair[0], pair[1], clock.instant().plus(Duration.ofHours(1)), null, null),
            clock.instant(),
            null));
    OAuthConfig config =
        new OAuthConfig(
            "oura",
            fake.url("/oauth/authorize"),
            fake.url("/oauth/token"),
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            List.of(),
            " ",
            true,
            TokenDialect.STANDARD,
            null,
            0);
    tokens =
        new AccessTokens(
            vault, new TokenClient(HttpClient.newHttpClient(), clock), clock, e -> config);
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private ApiClient client(URI base, RequestBudget budget) {
    return new ApiClient(
        "oura",
        "oura",
        base,
        HttpClient.newHttpClient(),
        tokens,
        budget,
        backoff,
        clock.sleeper(),
        clock,
        ResponseCheck.NONE,
        RateLimitHeaders.STANDARD,
        () -> false);
  }

  private ApiClient client() {
    return client(
        fake.url(""), new RequestBudget(100, Duration.ofMinutes(1), clock, clock.sleeper()));
  }

  @Test
  void anExhaustedRateLimitWindowPausesUntilItsReset() throws Exception {
    long reset = clock.instant().plusSeconds(42).getEpochSecond();
    fake.fault(
        new FakeProvider.Reply(
            200,
            "{\"ok\":true}",
            Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset))));
    ApiClient api = client();
    api.get("/x", Map.of());
    api.get("/x", Map.of());
    assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(42));
    assertThat(fake.apiCallTimes.get(1)).isEqualTo(Instant.ofEpochSecond(reset));
  }

  @Test
  void retryAfterMayBeAnHttpDate() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(90).atZone(ZoneOffset.UTC));
    fake.fault(new FakeProvider.Reply(429, "", Map.of("Retry-After", date)));
    assertThat(client().get("/x", Map.of()).get("ok").asBoolean()).isTrue();
    assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(90));
  }

  @Test
  void rateLimitingThatNeverEndsFailsInsteadOfWaitingForever() {
    for (int i = 0; i <= ApiClient.MAX_RATE_LIMITED; i++) {
      fake.fault(new FakeProvider.Reply(429, "", Map.of("Retry-After", "5")));
    }
    assertThatThrownBy(() -> client().get("/x", Map.of()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("still rate limited");
  }

  @Test
  void networkErrorsBackOffThenFail() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ApiClient api =
        client(
            URI.create("http://127.0.0.1:" + closedPort),
            new RequestBudget(100, Duration.ofMinutes(1), clock, clock.sleeper()));
    assertThatThrownBy(() -> api.get("/x", Map.of()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("failed 4 times");
    assertThat(clock.sleeps).hasSize(3);
    for (int i = 0; i < 3; i++) {
      long ceiling = 1000L << i;
      assertThat(clock.sleeps.get(i).toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void otherClientErrorsAreNotRetried() {
    assertThatThrownBy(() -> client().get("/missing", Map.of()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("HTTP 404");
    assertThat(fake.apiCalls).hasSize(1);
  }

  @Test
  void theBudgetSpacesRequestsWithinItsWindow() throws Exception {
    RequestBudget budget = new RequestBudget(3, Duration.ofSeconds(10), clock, clock.sleeper());
    ApiClient api = client(fake.url(""), budget);
    for (int i = 0; i < 7; i++) {
      api.get("/x", Map.of());
    }
    List<Instant> times = fake.apiCallTimes;
    for (int i = 3; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 3), times.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
    assertThat(Duration.between(times.getFirst(), times.getLast()))
        .isEqualTo(Duration.ofSeconds(20));
  }
}
