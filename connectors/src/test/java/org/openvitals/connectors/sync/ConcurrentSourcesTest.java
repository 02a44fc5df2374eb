package org.openvitals.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.http.Backoff;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.oura.OuraConnector;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.connectors.vault.VaultEntry;
import org.openvitals.connectors.withings.WithingsConnector;

class ConcurrentSourcesTest {
  @TempDir Path dir;

  @Test
  void sourcesSyncAtTheSameTime() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
    CountDownLatch ouraCalled = new CountDownLatch(1);
    CountDownLatch withingsCalled = new CountDownLatch(1);
    try (FakeProvider oura = new FakeProvider(clock, false);
        FakeProvider withings = new FakeProvider(clock, true);
        CrashingStore store = CrashingStore.open(dir.resolve("store"))) {
      String empty = "{\"data\":[],\"next_token\":null}";
      for (String c :
          List.of(
              "daily_activity",
              "daily_readiness",
              "daily_spo2",
              "daily_sleep",
              "sleep",
              "workout",
              "heartrate")) {
        oura.route(
            "/v2/usercollection/" + c,
            q -> {
              ouraCalled.countDown();
              await(withingsCalled); // only returns if Withings is being synced meanwhile
              return FakeProvider.Reply.json(empty);
            });
      }
      oura.route(
          "/v2/usercollection/personal_info", q -> FakeProvider.Reply.json("{\"id\":\"u\"}"));
      String emptyList =
          "{\"status\":0,\"body\":{\"measuregrps\":[],\"activities\":[],\"series\":[],\"more\":false,\"offset\":0}}";
      for (String route :
          List.of(
              "/measure?action=getmeas",
              "/v2/measure?action=getactivity",
              "/v2/measure?action=getworkouts",
              "/v2/sleep?action=getsummary",
              "/v2/measure?action=getintradayactivity")) {
        withings.route(
            route,
            q -> {
              withingsCalled.countDown();
              await(ouraCalled);
              return FakeProvider.Reply.json(emptyList);
            });
      }
      Map<String, String> env = new HashMap<>();
      for (var e : Map.of("oura", oura, "withings", withings).entrySet()) {
        env.put(
            CloudSettings.envName(e.getKey(), "token_url"),
            e.getValue().url("/oauth/token").toString());
        env.put(CloudSettings.envName(e.getKey(), "api_url"), e.getValue().url("").toString());
        env.put(CloudSettings.envName(e.getKey(), "history_days"), "3");
      }
      TokenVault vault =
          new TokenVault(dir.resolve("vault"), new FileKeySource(dir.resolve("vault/vault.key")));
      for (var e : Map.of("oura", oura, "withings", withings).entrySet()) {
        String[] pair = e.getValue().issueTokens();
        vault.write(
            new VaultEntry(
                e.getKey(),
                FakeProvider.CLIENT_ID,
                FakeProvider.CLIENT_SECRET,
                new TokenSet(
                    pair[0], pair[1], clock.instant().plus(Duration.ofHours(1)), null, null),
                clock.instant(),
                null));
      }
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

      Map<String, SyncRun> runs = engine.syncAll(engine.connected());

      assertThat(runs).containsOnlyKeys("oura", "withings");
      assertThat(runs.values())
          .allSatisfy(
              r -> assertThat(r.outcome()).as(r.errors().toString()).isEqualTo(SyncState.OK));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the other source was not syncing at the same time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
