package org.openvitals.app.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.testing.FakeOura;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.connectors.vault.VaultEntry;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's background sync, as the window starts it: a connected source syncs when the app opens
 * and gets its next sync planned; opening another store or deleting everything stops it first.
 */
class BackgroundSyncTest {
  @TempDir Path dir;
  private FakeProvider fake;
  private AppContext context;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeOura.start(dir);
    context = new AppContext(StoreConfig.sqlite(dir), Clock.systemUTC());
    String[] tokens = fake.issueTokens();
    context
        .cloud()
        .vault()
        .write(
            new VaultEntry(
                "oura",
                FakeProvider.CLIENT_ID,
                FakeProvider.CLIENT_SECRET,
                new TokenSet(
                    tokens[0], tokens[1], Instant.now().plus(Duration.ofHours(1)), null, null),
                Instant.now(),
                null));
  }

  @AfterEach
  void tearDown() {
    context.close();
    fake.close();
  }

  private static void await(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private SourceStatus oura() {
    return context.cloud().engine().status("oura");
  }

  @Test
  void aConnectedSourceSyncsWhenTheAppOpensAndItsNextSyncIsPlanned() throws Exception {
    long dataVersion = context.dataVersionProperty().get();
    assertThat(fake.apiCalls).isEmpty();

    context.startBackgroundSync();

    await(() -> oura().lastRun() != null);
    SourceStatus status = oura();
    assertThat(status.state()).isEqualTo(SyncState.OK);
    assertThat(status.nextSync()).isAfter(status.lastRun().finished().plus(Duration.ofMinutes(59)));
    assertThat(context.store().samples(MetricType.BODY_MASS, Instant.EPOCH, Instant.now()))
        .hasSize(1);
    await(() -> context.dataVersionProperty().get() > dataVersion);
  }

  @Test
  void deletingEverythingStopsBackgroundSyncFirstAndStartsItAgainOnTheFreshStore()
      throws Exception {
    context.startBackgroundSync();
    await(() -> oura().lastRun() != null);
    var before = context.cloud();

    WaitForAsyncUtils.asyncFx(() ->
            context.reopen(config -> {
              // The sync service of the closing store was closed before this runs.
              assertThat(before.engine().isSyncing("oura")).isFalse();
              try (var files = Files.list(config.dataDir())) {
                files
                    .filter(f -> !f.getFileName().toString().equals("cloud.properties"))
                    .forEach(f -> f.toFile().delete());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }))
        .get(20, TimeUnit.SECONDS);

    assertThat(context.cloud()).isNotSameAs(before);
    assertThat(before.scheduler().tick()).isEmpty(); // closed: it starts nothing any more
  }
}
