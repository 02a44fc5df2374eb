package org.openvitals.connectors.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;

class AuthorizationFlowTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private FakeProvider fake;
  private OAuthConfig config;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeProvider(clock, false);
    config =
        new OAuthConfig(
            "oura",
            fake.url("/oauth/authorize"),
            fake.url("/oauth/token"),
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            List.of("daily", "heartrate"),
            " ",
            true,
            TokenDialect.STANDARD,
            null,
            0);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void theTestPlaysTheBrowserThroughTheWholeDance() throws Exception {
    AtomicReference<HttpResponse<String>> page = new AtomicReference<>();
    AtomicReference<URI> shown = new AtomicReference<>();
    AuthorizationCode code =
        new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20))
            .authorize(
                config,
                url -> {
                  shown.set(url);
                  // The "browser" runs on its own thread, like a real one: the flow is waiting
                  // meanwhile.
                  CompletableFuture.runAsync(() -> {
                    try {
                      page.set(FakeProvider.playBrowser(url));
                    } catch (Exception e) {
                      throw new RuntimeException(e);
                    }
                  });
                },
                null,
                m -> {});

    Map<String, String> query = QueryStrings.decode(shown.get().getRawQuery());
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", FakeProvider.CLIENT_ID)
        .containsEntry("scope", "daily heartrate")
        .containsEntry("code_challenge_method", "S256");
    assertThat(query.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");
    assertThat(query.get("state"))
        .startsWith(URI.create(query.get("redirect_uri")).getPort() + ".");
    assertThat(code.redirectUri()).hasToString(query.get("redirect_uri"));
    assertThat(Pkce.challengeOf(code.verifier())).isEqualTo(query.get("code_challenge"));

    TokenSet tokens = new TokenClient(HttpClient.newHttpClient(), clock).exchange(config, code);
    assertThat(tokens.accessToken()).startsWith("at-");
    assertThat(tokens.refreshToken()).startsWith("rt-");
    assertThat(tokens.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    waitFor(() -> page.get() != null);
    assertThat(page.get().statusCode()).isEqualTo(200);
    assertThat(page.get().body()).contains("You can close this tab");
    // Exactly one callback: the listener is gone afterwards.
    assertThatThrownBy(() ->
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                query.get("redirect_uri") + "?code=x&state=" + query.get("state")))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void aCallbackWithTheWrongStateIsRefusedAndTheRealOneStillCompletes() throws Exception {
    List<Integer> strayStatus = new CopyOnWriteArrayList<>();
    AuthorizationCode code =
        new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20))
            .authorize(
                config,
                url -> {
                  Map<String, String> q = QueryStrings.decode(url.getRawQuery());
                  CompletableFuture.runAsync(() -> {
                    try {
                      HttpResponse<String> forged =
                          HttpClient.newHttpClient()
                              .send(
                                  HttpRequest.newBuilder(
                                          URI.create(
                                              q.get("redirect_uri")
                                                  + "?code=forged&state=someone-else"))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofString());
                      strayStatus.add(forged.statusCode());
                      assertThat(forged.body()).contains("state mismatch");
                      FakeProvider.playBrowser(url);
                    } catch (Exception e) {
                      throw new RuntimeException(e);
                    }
                  });
                },
                null,
                m -> {});
    assertThat(strayStatus).containsExactly(400);
    assertThat(code.code()).startsWith("code-").isNotEqualTo("forged");
  }

  @Test
  void theFakeProviderRejectsAWrongPkceVerifier() throws Exception {
    AuthorizationCode code =
        new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20))
            .authorize(
                config,
                url ->
                    CompletableFuture.runAsync(() -> {
                      try {
                        FakeProvider.playBrowser(url);
                      } catch (Exception e) {
                        throw new RuntimeException(e);
                      }
                    }),
                null,
                m -> {});
    AuthorizationCode tampered =
        new AuthorizationCode(
            code.code(), code.redirectUri(), Pkce.create(new SecureRandom()).verifier());
    assertThatThrownBy(
            () -> new TokenClient(HttpClient.newHttpClient(), clock).exchange(config, tampered))
        .isInstanceOf(OAuthException.class)
        .satisfies(e -> assertThat(((OAuthException) e).isInvalidGrant()).isTrue());
  }

  @Test
  void aProviderErrorEndsTheFlowWithItsMessage() {
    assertThatThrownBy(() ->
            new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20))
                .authorize(
                    config,
                    url -> {
                      Map<String, String> q = QueryStrings.decode(url.getRawQuery());
                      CompletableFuture.runAsync(() -> {
                        try {
                          HttpClient.newHttpClient()
                              .send(
                                  HttpRequest.newBuilder(
                                          URI.create(
                                              q.get("redirect_uri")
                                                  + "?error=access_denied&state="
                                                  + q.get("state")))
                                      .build(),
                                  HttpResponse.BodyHandlers.ofString());
                        } catch (Exception e) {
                          throw new RuntimeException(e);
                        }
                      });
                    },
                    null,
                    m -> {}))
        .isInstanceOf(OAuthException.class)
        .hasMessageContaining("access_denied");
  }

  @Test
  void noAnswerTimesOutWithAClearMessage() {
    AuthorizationFlow flow = new AuthorizationFlow(new SecureRandom(), Duration.ofMillis(200));
    assertThatThrownBy(() -> flow.authorize(config, url -> {}, null, m -> {}))
        .isInstanceOf(OAuthException.class)
        .hasMessageContaining("No answer from the browser")
        .hasMessageContaining("Run connect again");
  }

  @Test
  void thePastedRedirectUrlCompletesTheFlowWhenTheRedirectCannotReachUs() throws Exception {
    OAuthConfig relayed =
        new OAuthConfig(
            "withings",
            fake.url("/oauth/authorize"),
            fake.url("/oauth/token"),
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            List.of("user.metrics"),
            ",",
            false,
            TokenDialect.STANDARD,
            URI.create("https://relay.example.org/openvitals"),
            0);
    java.io.PipedWriter typed = new java.io.PipedWriter();
    BufferedReader console = new BufferedReader(new java.io.PipedReader(typed));
    List<String> said = new CopyOnWriteArrayList<>();
    AuthorizationCode code =
        new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20))
            .authorize(
                relayed,
                url -> {
                  Map<String, String> q = QueryStrings.decode(url.getRawQuery());
                  assertThat(q)
                      .containsEntry("redirect_uri", "https://relay.example.org/openvitals")
                      .doesNotContainKey("code_challenge");
                  CompletableFuture.runAsync(() -> {
                    try {
                      typed.write("https://relay.example.org/openvitals?code=abc&state=stale\n");
                      typed.write(
                          "https://relay.example.org/openvitals?code=the-code&state="
                              + q.get("state")
                              + "\n");
                      typed.flush();
                    } catch (Exception e) {
                      throw new RuntimeException(e);
                    }
                  });
                },
                console,
                said::add);
    assertThat(code.code()).isEqualTo("the-code");
    assertThat(code.redirectUri()).hasToString("https://relay.example.org/openvitals");
    assertThat(said).anyMatch(s -> s.contains("state mismatch"));
  }

  @Test
  void aBareCodeCanBePasted() {
    assertThat(PastedCallback.parse("  abc123 \n"))
        .isEqualTo(new PastedCallback("abc123", null, null));
    assertThat(PastedCallback.parse("http://x/cb?code=a%2Bb&state=s"))
        .isEqualTo(new PastedCallback("a+b", "s", null));
    assertThat(PastedCallback.parse("")).isNull();
  }

  @Test
  void pkceChallengeMatchesTheRfc7636Example() {
    assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
  }
}
