package org.openvitals.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.app.testing.FakeOura;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.sync.CloudSettings;
import org.openvitals.connectors.sync.SyncEngine;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.connectors.vault.VaultEntry;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * {@code serve --no-phone} in its own JVM against a fake Oura: a connected source syncs when serve
 * starts and the run is logged; SIGTERM in the middle of a sync ends it at a page boundary, records
 * the stop, and releases the store.
 */
class ServeSyncTest {
  @TempDir Path tmp;
  private Process serve;
  private FakeProvider fake;
  private final CountDownLatch pageHeld = new CountDownLatch(1);

  @AfterEach
  void stop() {
    pageHeld.countDown();
    if (serve != null) {
      serve.destroyForcibly();
    }
    if (fake != null) {
      fake.close();
    }
  }

  private Path connectedDataFolder() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    fake = FakeOura.start(data);
    String[] tokens = fake.issueTokens();
    TokenVault vault = TokenVault.open(data, CloudSettings.load(data).keyStorage(), w -> {});
    vault.write(
        new VaultEntry(
            "oura",
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            new TokenSet(tokens[0], tokens[1], Instant.now().plus(Duration.ofHours(1)), null, null),
            Instant.now(),
            null));
    return data;
  }

  private void startServe(Path data) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder b =
        new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-Djava.util.prefs.userRoot=" + tmp.resolve("prefs"),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "--data-dir",
            data.toString(),
            "serve",
            "--no-phone");
    b.environment().put("OPENVITALS_KEY_STORAGE", "file");
    b.redirectOutput(tmp.resolve("serve.out").toFile())
        .redirectError(tmp.resolve("serve.err").toFile());
    serve = b.start();
  }

  private String log() throws Exception {
    return Files.readString(tmp.resolve("serve.err"));
  }

  private void awaitLog(String text) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (log().contains(text)) {
        return;
      }
      assertThat(serve.isAlive()).as("serve exited early:\n" + log()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("serve never logged \"" + text + "\":\n" + log());
  }

  private void sigtermAndWait() throws Exception {
    serve.destroy(); // SIGTERM
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(log()).isTrue();
    assertThat(log()).contains("Stopped.");
  }

  @Test
  void aConnectedSourceSyncsWhenServeStartsAndServeStopsOnSigterm() throws Exception {
    Path data = connectedDataFolder();
    startServe(data);

    awaitLog("sync oura: ok");
    assertThat(log()).contains("Cloud sync: oura").doesNotContain("Phone endpoint listening");
    assertThat(fake.apiCalls).anyMatch(c -> c.contains("personal_info"));
    sigtermAndWait();
    assertThat(Files.readString(tmp.resolve("serve.out"))).doesNotContain("openvitals-pair");

    try (SampleStore store = Stores.open(StoreConfig.sqlite(data))) {
      assertThat(store.samples(MetricType.BODY_MASS, Instant.EPOCH, Instant.now())).hasSize(1);
    }
  }

  @Test
  void sigtermDuringASyncEndsItAtAPageBoundaryAndRecordsTheStop() throws Exception {
    Path data = connectedDataFolder();
    CountDownLatch secondPageAsked = new CountDownLatch(1);
    fake.route(
        "/v2/usercollection/daily_readiness",
        q -> {
          if (q.get("next_token") == null) {
            return FakeProvider.Reply.json("{\"data\":[],\"next_token\":\"page2\"}");
          }
          secondPageAsked.countDown();
          try {
            pageHeld.await(); // a page that never comes while serve runs: serve must not wait
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return FakeProvider.Reply.json("{\"data\":[],\"next_token\":null}");
        });
    startServe(data);

    assertThat(secondPageAsked.await(60, TimeUnit.SECONDS)).as("log:\n%s", log()).isTrue();
    sigtermAndWait(); // the page is still held: serve stopped without it

    try (SampleStore store = Stores.open(StoreConfig.sqlite(data))) {
      TokenVault vault = TokenVault.open(data, CloudSettings.load(data).keyStorage(), w -> {});
      SyncEngine engine = SyncEngine.standard(store, CloudSettings.load(data), vault, data);
      SyncRun last = engine.history("oura").getFirst();
      assertThat(last.outcome()).isNotEqualTo(SyncState.OK).isNotEqualTo(SyncState.SYNCING);
      assertThat(String.join("\n", last.errors())).contains("closed");
    }
  }
}
