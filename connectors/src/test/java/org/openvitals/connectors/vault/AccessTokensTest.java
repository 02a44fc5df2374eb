package org.openvitals.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

class AccessTokensTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private FakeProvider fake;
  private TokenVault vault;
  private AccessTokens tokens;
  private String[] initial;

  @BeforeEach
  void connect() throws Exception {
    fake = new FakeProvider(clock, false);
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
    vault = new TokenVault(dir.resolve("vault"), new FileKeySource(dir.resolve("vault/vault.key")));
    tokens =
        new AccessTokens(
            vault, new TokenClient(HttpClient.newHttpClient(), clock), clock, e -> config);
    initial = fake.issueTokens();
    vault.write(
        new VaultEntry(
            "oura",
            null,
            null,
            new TokenSet(
                initial[0], initial[1], clock.instant().plus(Duration.ofHours(1)), null, null),
            clock.instant(),
            null));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aValidTokenIsUsedAsIs() throws Exception {
    assertThat(tokens.current("oura")).isEqualTo(initial[0]);
    assertThat(fake.refreshCount).hasValue(0);
  }

  @Test
  void anExpiringTokenIsRefreshedAndTheRotatedRefreshTokenIsStoredFirst() throws Exception {
    clock.advance(Duration.ofSeconds(59 * 60 + 30));
    String fresh = tokens.current("oura");
    assertThat(fresh).isNotEqualTo(initial[0]);
    VaultEntry stored = vault.read("oura").orElseThrow();
    assertThat(stored.tokens().accessToken()).isEqualTo(fresh);
    assertThat(stored.tokens().refreshToken()).isNotEqualTo(initial[1]);
    assertThat(fake.refreshTokenValid(stored.tokens().refreshToken())).isTrue();
  }

  @Test
  void concurrentCallersShareOneRefresh() throws Exception {
    clock.advance(Duration.ofHours(2));
    List<Future<String>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 16; i++) {
        results.add(threads.submit((Callable<String>) () -> tokens.current("oura")));
      }
    }
    String first = results.getFirst().get();
    for (Future<String> r : results) {
      assertThat(r.get()).isEqualTo(first);
    }
    assertThat(fake.refreshCount).hasValue(1);
  }

  @Test
  void aCrashBetweenReceivingAndPersistingARotatedTokenNeverUsesTheNewToken() throws Exception {
    clock.advance(Duration.ofHours(2));
    Path obstacle = dir.resolve("vault/oura.vault.tmp");
    Files.createDirectories(obstacle); // the durable write fails, as if the process died there
    assertThatThrownBy(() -> tokens.current("oura")).isInstanceOf(VaultException.class);
    assertThat(fake.refreshCount).hasValue(1);
    assertThat(fake.usedAccessTokens).isEmpty();
    assertThat(vault.read("oura").orElseThrow().tokens().refreshToken()).isEqualTo(initial[1]);

    // After the "restart" the old refresh token still works: the lost one was never used.
    Files.delete(obstacle);
    AccessTokens restarted =
        new AccessTokens(
            vault,
            new TokenClient(HttpClient.newHttpClient(), clock),
            clock,
            e ->
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
                    0));
    String fresh = restarted.current("oura");
    assertThat(vault.read("oura").orElseThrow().tokens().accessToken()).isEqualTo(fresh);
  }

  @Test
  void invalidGrantRereadsTheVaultBeforeGivingUp() throws Exception {
    clock.advance(Duration.ofHours(2));
    // Another process refreshes with the same refresh token while our request is in flight.
    fake.beforeRefresh =
        () -> {
          fake.beforeRefresh = () -> {};
          String[] theirs = fake.rotate(initial[1]);
          vault.write(
              new VaultEntry(
                  "oura",
                  null,
                  null,
                  new TokenSet(
                      theirs[0], theirs[1], clock.instant().plus(Duration.ofHours(1)), null, null),
                  clock.instant(),
                  null));
        };
    String token = tokens.current("oura");
    assertThat(token).isEqualTo(vault.read("oura").orElseThrow().tokens().accessToken());
    assertThat(vault.read("oura").orElseThrow().reconnectNeeded()).isFalse();
  }

  @Test
  void aRevokedRefreshTokenMeansReconnectNeededAndIsNotRetried() throws Exception {
    clock.advance(Duration.ofHours(2));
    fake.revokeAllRefreshTokens();
    assertThatThrownBy(() -> tokens.current("oura"))
        .isInstanceOf(ConnectionLostException.class)
        .hasMessageContaining("Reconnect needed")
        .hasMessageContaining("openvitals connect oura");
    assertThat(vault.read("oura").orElseThrow().reconnectNeeded()).isTrue();
    int before = fake.refreshCount.get();
    assertThatThrownBy(() -> tokens.current("oura")).isInstanceOf(ConnectionLostException.class);
    assertThat(fake.refreshCount).hasValue(before);
  }
}
