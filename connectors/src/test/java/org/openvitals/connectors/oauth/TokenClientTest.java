package org.openvitals.connectors.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.core.testing.Fixtures;

/**
 * The token endpoint's answers as providers really send them, including the recorded Withings ones.
 */
class TokenClientTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private final AtomicReference<String> answer = new AtomicReference<>();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<Map<String, String>> received = new AtomicReference<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        ex -> {
          received.set(
              QueryStrings.decode(
                  new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status.get(), body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OAuthConfig config(TokenDialect dialect) {
    return new OAuthConfig(
        "withings",
        URI.create("https://example.org/authorize"),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token"),
        "id",
        "secret",
        List.of("user.metrics"),
        ",",
        false,
        dialect,
        null,
        0);
  }

  private TokenClient client() {
    return new TokenClient(HttpClient.newHttpClient(), clock);
  }

  private static String fixture(String name) throws IOException {
    return Files.readString(Fixtures.path("withings/vangorra_python_withings_api/" + name));
  }

  @Test
  void withingsTokensComeInsideTheStatusEnvelope() throws Exception {
    answer.set(fixture("oauth2_token_response.json"));
    TokenSet tokens =
        client()
            .exchange(
                config(TokenDialect.WITHINGS),
                new AuthorizationCode("the-code", URI.create("https://relay.example.org/"), null));
    assertThat(tokens)
        .isEqualTo(
            new TokenSet(
                "my_access_token",
                "my_refresh_token",
                clock.instant().plusSeconds(11),
                "user.metrics,user.activity",
                "12345"));
    assertThat(received.get())
        .containsEntry("action", "requesttoken")
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", "the-code")
        .containsEntry("client_secret", "secret")
        .containsEntry("redirect_uri", "https://relay.example.org/")
        .doesNotContainKey("code_verifier");
  }

  @Test
  void aWithingsRefreshAnswerWithoutStatusIsAccepted() throws Exception {
    answer.set(fixture("oauth2_refresh_response_no_status.json"));
    TokenSet tokens = client().refresh(config(TokenDialect.WITHINGS), "my_refresh_token");
    assertThat(tokens.accessToken()).isEqualTo("my_access_token_refreshed");
    assertThat(tokens.refreshToken()).isEqualTo("my_refresh_token_refreshed");
    assertThat(received.get())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "my_refresh_token");
  }

  @Test
  void withingsRefusalsInAnHttp200AreMapped() {
    answer.set("{\"status\":503,\"body\":{},\"error\":\"Invalid Params: invalid refresh_token\"}");
    assertThatThrownBy(() -> client().refresh(config(TokenDialect.WITHINGS), "old"))
        .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.isInvalidGrant()).isTrue())
        .hasMessageContaining("status 503");
    answer.set("{\"status\":601,\"body\":{},\"error\":\"Too Many Requests\"}");
    assertThatThrownBy(() -> client().refresh(config(TokenDialect.WITHINGS), "old"))
        .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.isTransient()).isTrue());
  }

  @Test
  void standardErrorsAndRefreshAnswersWithoutANewRefreshToken() throws Exception {
    status.set(400);
    answer.set("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}");
    assertThatThrownBy(() -> client().refresh(config(TokenDialect.STANDARD), "old"))
        .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.isInvalidGrant()).isTrue())
        .hasMessageContaining("Refresh token revoked");

    status.set(200);
    answer.set("{\"access_token\":\"new\",\"token_type\":\"bearer\",\"expires_in\":\"3600\"}");
    TokenSet kept = client().refresh(config(TokenDialect.STANDARD), "old");
    assertThat(kept.refreshToken()).isEqualTo("old"); // RFC 6749 section 6: keep the one we have
    assertThat(kept.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

    status.set(502);
    answer.set("<html>Bad gateway</html>");
    assertThatThrownBy(() -> client().refresh(config(TokenDialect.STANDARD), "old"))
        .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.isTransient()).isTrue());
  }
}
