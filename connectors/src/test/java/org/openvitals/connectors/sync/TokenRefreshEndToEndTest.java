package org.openvitals.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.PagedCollection;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.http.Backoff;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.oura.OuraConnector;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.connectors.vault.VaultEntry;
import org.openvitals.connectors.withings.WithingsConnector;
import org.openvitals.core.model.MetricType;

/**
 * Token refresh through whole syncs, against fakes that issue short-lived access tokens and rotate
 * the refresh token on every refresh (the old one dies when the new access token is first used).
 */
class TokenRefreshEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OURA_COLLECTIONS =
      List.of(
          "daily_activity",
          "daily_readiness",
          "daily_spo2",
          "daily_sleep",
          "sleep",
          "workout",
          "heartrate");
  private static final int HEART_RATE_ROWS = 40;
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private FakeProvider fake;
  private CrashingStore store;
  private CloudTestKit kit;

  /** Each API answer takes a minute of the test's clock, so a long sync outlives its token. */
  private final Duration perCall = Duration.ofMinutes(1);

  /** Per call: whether the vault's refresh token was one the fake still accepts. */
  private final List<Boolean> vaultRefreshTokenValidAtCall = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    fake.tokenLifetime = Duration.ofMinutes(15);
    store = CrashingStore.open(dir.resolve("store"));
    kit =
        new CloudTestKit(dir, fake, clock, store, new OuraConnector(), Map.of("history_days", "5"));
    for (String c : OURA_COLLECTIONS) {
      if (!c.equals("heartrate")) {
        fake.route("/v2/usercollection/" + c, slow(new PagedCollection(List.of(), 1)));
      }
    }
    List<JsonNode> rows = new ArrayList<>();
    OffsetDateTime t = OffsetDateTime.parse("2026-08-10T00:00:00Z");
    for (int i = 0; i < HEART_RATE_ROWS; i++) {
      rows.add(
          JSON.readTree("{\"timestamp\":\"" + t.plusMinutes(i) + "\",\"bpm\":" + (50 + i) + "}"));
    }
    fake.route("/v2/usercollection/heartrate", slow(new PagedCollection(rows, 2)));
    fake.route("/v2/usercollection/personal_info", q -> FakeProvider.Reply.json("{\"id\":\"u1\"}"));
  }

  private java.util.function.Function<Map<String, String>, FakeProvider.Reply> slow(
      java.util.function.Function<Map<String, String>, FakeProvider.Reply> route) {
    return q -> {
      String stored = kit.vault.read("oura").orElseThrow().tokens().refreshToken();
      vaultRefreshTokenValidAtCall.add(fake.refreshTokenValid(stored));
      clock.advance(perCall);
      return route.apply(q);
    };
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  @Test
  void aTokenAboutToExpireIsRefreshedBeforeTheFirstCall() throws Exception {
    fake.tokenLifetime = Duration.ofSeconds(30); // inside the minute's margin
    String[] first = kit.connectDirectly();
    fake.tokenLifetime = Duration.ofHours(1);

    SyncRun run = kit.engine.sync("oura");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(fake.refreshCount).hasValue(1);
    assertThat(fake.usedAccessTokens).doesNotContain(first[0]).isNotEmpty();
    assertThat(fake.apiCalls).hasSameSizeAs(fake.usedAccessTokens); // not one call refused
  }

  @Test
  void aSyncSpanningTheTokensExpiryRefreshesOnceAndLosesNothing() throws Exception {
    String[] first = kit.connectDirectly();

    SyncRun run = kit.engine.sync("oura");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(run.requests()).isGreaterThan(15).isLessThan(30); // 15 to 30 minutes on this clock
    assertThat(fake.refreshCount).hasValue(1);
    assertThat(fake.apiCalls)
        .hasSameSizeAs(fake.usedAccessTokens); // refreshed before, not after a 401
    assertThat(fake.usedAccessTokens).contains(first[0]).hasSizeGreaterThan(15);
    assertThat(store.all().stream().filter(s -> s.type() == MetricType.HEART_RATE))
        .hasSize(HEART_RATE_ROWS);
    // The rotated refresh token was in the vault before the new access token was first used.
    assertThat(vaultRefreshTokenValidAtCall).doesNotContain(false);
    String kept = kit.vault.read("oura").orElseThrow().tokens().refreshToken();
    assertThat(fake.refreshTokenValid(kept)).isTrue();
    assertThat(fake.refreshTokenValid(first[1])).isFalse();

    // And the next sync, an hour later, works with what was kept.
    clock.advance(Duration.ofHours(1));
    assertThat(kit.engine.sync("oura").outcome()).isEqualTo(SyncState.OK);
    assertThat(fake.refreshCount).hasValue(2);
  }

  @Test
  void twoSourcesRefreshingAtTheSameTimeNeverLockEachOtherOut() throws Exception {
    fake.tokenLifetime = Duration.ofHours(3); // one refresh each, however long the syncs take
    try (FakeProvider withings = new FakeProvider(clock, true)) {
      withings.tokenLifetime = Duration.ofHours(3);
      CountDownLatch ouraRefreshing = new CountDownLatch(1);
      CountDownLatch withingsRefreshing = new CountDownLatch(1);
      // Each refresh is answered only once the other source is refreshing too.
      fake.beforeRefresh = () -> meet(ouraRefreshing, withingsRefreshing);
      withings.beforeRefresh = () -> meet(withingsRefreshing, ouraRefreshing);
      String emptyList =
          "{\"status\":0,\"body\":{\"measuregrps\":[],\"activities\":[],\"series\":[],\"more\":false,\"offset\":0}}";
      for (String route :
          List.of(
              "/measure?action=getmeas",
              "/v2/measure?action=getactivity",
              "/v2/measure?action=getworkouts",
              "/v2/sleep?action=getsummary",
              "/v2/measure?action=getintradayactivity")) {
        withings.route(route, q -> FakeProvider.Reply.json(emptyList));
      }
      Map<String, String> env = new HashMap<>();
      TokenVault vault =
          new TokenVault(dir.resolve("vault2"), new FileKeySource(dir.resolve("vault2/key")));
      Map<String, String[]> issued = new HashMap<>();
      for (var e : Map.of("oura", fake, "withings", withings).entrySet()) {
        env.put(
            CloudSettings.envName(e.getKey(), "token_url"),
            e.getValue().url("/oauth/token").toString());
        env.put(CloudSettings.envName(e.getKey(), "api_url"), e.getValue().url("").toString());
        env.put(CloudSettings.envName(e.getKey(), "history_days"), "3");
        String[] pair = e.getValue().issueTokens();
        issued.put(e.getKey(), pair);
        vault.write(
            new VaultEntry(
                e.getKey(),
                FakeProvider.CLIENT_ID,
                FakeProvider.CLIENT_SECRET,
                new TokenSet(pair[0], pair[1], clock.instant().plusSeconds(10), null, null),
                clock.instant(),
                null));
      }
      kit.vault.write(vault.read("oura").orElseThrow()); // the slow routes read the kit's vault
      SyncEngine engine =
          new SyncEngine(
              store,
              new CloudSettings(new Properties(), env),
              vault,
              HttpClient.newHttpClient(),
              clock,
              clock.sleeper(),
              new Backoff(
                  Duration.ofSeconds(1), Duration.ofSeconds(10), 3, RandomGenerator.getDefault()),
              List.of(new OuraConnector(), new WithingsConnector()),
              dir.resolve("sync"));

      Map<String, SyncRun> runs = engine.syncAll(List.of("oura", "withings"));

      assertThat(runs.values())
          .allSatisfy(
              r -> assertThat(r.outcome()).as(r.errors().toString()).isEqualTo(SyncState.OK));
      assertThat(fake.refreshCount).hasValue(1);
      assertThat(withings.refreshCount).hasValue(1);
      assertThat(fake.refreshTokenValid(vault.read("oura").orElseThrow().tokens().refreshToken()))
          .isTrue();
      assertThat(
              withings.refreshTokenValid(
                  vault.read("withings").orElseThrow().tokens().refreshToken()))
          .isTrue();
    }
  }

  private static void meet(CountDownLatch mine, CountDownLatch theirs) {
    mine.countDown();
    try {
      if (!theirs.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the other source's refresh waited on this one");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
