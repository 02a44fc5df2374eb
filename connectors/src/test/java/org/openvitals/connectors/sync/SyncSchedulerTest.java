package org.openvitals.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.oura.OuraConnector;

class SyncSchedulerTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private FakeProvider fake;
  private CloudTestKit kit;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    kit =
        new CloudTestKit(
            dir,
            fake,
            clock,
            CrashingStore.open(dir.resolve("store")),
            new OuraConnector(),
            Map.of("history_days", "10"));
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
      fake.route(
          "/v2/usercollection/" + c,
          q -> {
            try {
              release.await(10, TimeUnit.SECONDS); // holds the sync open until the test lets go
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return FakeProvider.Reply.json(empty);
          });
    }
    fake.route("/v2/usercollection/personal_info", q -> FakeProvider.Reply.json("{\"id\":\"u\"}"));
  }

  @AfterEach
  void tearDown() {
    kit.store.close();
    fake.close();
  }

  @Test
  void syncNowDuringARunningSyncJoinsItAndStatusSaysSyncing() throws Exception {
    kit.connectDirectly();
    List<SyncRun> heard = new CopyOnWriteArrayList<>();
    try (SyncScheduler scheduler = new SyncScheduler(kit.engine, heard::add)) {
      CompletableFuture<SyncRun> first = scheduler.syncNow("oura");
      for (int i = 0; i < 200 && fake.apiCalls.isEmpty(); i++) {
        Thread.sleep(10);
      }
      assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.SYNCING);
      CompletableFuture<SyncRun> second = scheduler.syncNow("oura");
      release.countDown();
      assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
    }
    assertThat(kit.engine.history("oura")).hasSize(1);
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.OK);
  }

  @Test
  void startSyncsConnectedSourcesAtOnce() throws Exception {
    kit.connectDirectly();
    release.countDown();
    CountDownLatch done = new CountDownLatch(1);
    try (SyncScheduler scheduler = new SyncScheduler(kit.engine, run -> done.countDown())) {
      scheduler.start();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(kit.engine.history("oura"))
        .singleElement()
        .extracting(SyncRun::outcome)
        .isEqualTo(SyncState.OK);
  }

  @Test
  void notConnectedSourcesAreNotSynced() throws Exception {
    release.countDown();
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.outcome()).isEqualTo(SyncState.NOT_CONNECTED);
    assertThat(fake.apiCalls).isEmpty();
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.NOT_CONNECTED);
  }
}
