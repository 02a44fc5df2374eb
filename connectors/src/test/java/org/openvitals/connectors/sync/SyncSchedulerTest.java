package org.openvitals.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.oura.OuraConnector;

/** The background scheduler, ticked by hand against a clock the test moves. */
class SyncSchedulerTest {
  private static final String EMPTY = "{\"data\":[],\"next_token\":null}";
  private static final List<String> COLLECTIONS =
      List.of(
          "daily_activity",
          "daily_readiness",
          "daily_spo2",
          "daily_sleep",
          "sleep",
          "workout",
          "heartrate");
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private final AtomicBoolean online = new AtomicBoolean(true);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hold;
  private FakeProvider fake;
  private CrashingStore store;
  private CloudTestKit kit;
  private SyncScheduler scheduler;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    store = CrashingStore.open(dir.resolve("store"));
    kit = kit();
    for (String c : COLLECTIONS) {
      fake.route(
          "/v2/usercollection/" + c,
          q -> {
            if (hold) {
              try {
                release.await(10, TimeUnit.SECONDS); // holds the sync open until the test lets go
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return FakeProvider.Reply.json(EMPTY);
          });
    }
    fake.route("/v2/usercollection/personal_info", q -> FakeProvider.Reply.json("{\"id\":\"u\"}"));
    scheduler = scheduler(kit);
  }

  private CloudTestKit kit() {
    return new CloudTestKit(
        dir, fake, clock, store, new OuraConnector(), Map.of("history_days", "10"));
  }

  private SyncScheduler scheduler(CloudTestKit k) {
    return new SyncScheduler(k.engine, clock, online::get, new SyncScheduler.Listener() {});
  }

  @AfterEach
  void tearDown() {
    scheduler.close();
    store.close();
    fake.close();
  }

  /** Ticks once and waits for the syncs it started; returns how many it started. */
  private int tick() throws Exception {
    List<CompletableFuture<SyncRun>> started = scheduler.tick();
    for (CompletableFuture<SyncRun> f : started) {
      f.get(10, TimeUnit.SECONDS);
    }
    return started.size();
  }

  /** Ticks every 30 s for {@code span}, as the ticking thread would; returns the syncs started. */
  private int tickThrough(Duration span) throws Exception {
    int started = 0;
    for (Duration d = Duration.ZERO; d.compareTo(span) < 0; d = d.plus(SyncScheduler.TICK)) {
      clock.advance(SyncScheduler.TICK);
      started += tick();
    }
    return started;
  }

  @Test
  void aConnectedSourceSyncsAtStartThenOnItsInterval() throws Exception {
    kit.connectDirectly();
    assertThat(tick()).isEqualTo(1);
    Instant firstEnd = kit.engine.history("oura").getFirst().finished();
    assertThat(scheduler.nextSync("oura")).contains(firstEnd.plus(Duration.ofHours(1)));
    assertThat(kit.engine.status("oura").nextSync()).isEqualTo(firstEnd.plus(Duration.ofHours(1)));

    assertThat(tickThrough(Duration.ofMinutes(59))).isZero();
    assertThat(tickThrough(Duration.ofMinutes(2))).isEqualTo(1);
    assertThat(kit.engine.history("oura")).hasSize(2);
  }

  @Test
  void aSourceConnectedLaterSyncsOnTheNextTick() throws Exception {
    assertThat(tick()).isZero();
    kit.connectDirectly();
    clock.advance(SyncScheduler.TICK);
    assertThat(tick()).isEqualTo(1);
  }

  @Test
  void afterASleepOverSeveralIntervalsTheMissedSyncIsCaughtUpOnce() throws Exception {
    kit.connectDirectly();
    tick();
    clock.advance(Duration.ofHours(5)); // the computer slept: no ticks
    assertThat(tick() + tickThrough(Duration.ofMinutes(30))).isEqualTo(1);
    assertThat(kit.engine.history("oura")).hasSize(2);
  }

  @Test
  void wakingBeforeTheIntervalEndsSyncsSoonAnyway() throws Exception {
    kit =
        new CloudTestKit(
            dir,
            fake,
            clock,
            store,
            new OuraConnector(),
            Map.of("history_days", "10", "sync_interval_minutes", "1440"));
    scheduler.close();
    scheduler = scheduler(kit);
    kit.connectDirectly();
    tick();
    clock.advance(Duration.ofHours(3)); // asleep for 3 h of a 24 h interval
    assertThat(tick()).isZero(); // the network gets a moment to come up
    assertThat(scheduler.nextSync("oura")).contains(clock.instant().plus(SyncScheduler.SETTLE));
    assertThat(tickThrough(Duration.ofSeconds(30))).isEqualTo(1);
    assertThat(tickThrough(Duration.ofHours(2))).isZero();
  }

  @Test
  void offlineNothingSyncsAndTheNetworkComingBackSyncsSoon() throws Exception {
    kit.connectDirectly();
    online.set(false);
    assertThat(tickThrough(Duration.ofMinutes(5))).isZero();
    assertThat(fake.apiCalls).isEmpty();
    online.set(true);
    assertThat(tickThrough(Duration.ofSeconds(30))).isEqualTo(1);
  }

  @Test
  void aRateLimitWindowIsWaitedOutEvenAfterARestart() throws Exception {
    kit.connectDirectly();
    Instant reset = clock.instant().plus(Duration.ofHours(6));
    fake.fault(
        new FakeProvider.Reply(
            429,
            "{\"detail\":\"Too Many Requests\"}",
            Map.of(
                "X-RateLimit-Remaining",
                "0",
                "X-RateLimit-Reset",
                Long.toString(reset.getEpochSecond()))));
    tick();
    assertThat(kit.engine.history("oura").getFirst().outcome()).isEqualTo(SyncState.RATE_LIMITED);
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.RATE_LIMITED);
    assertThat(kit.engine.status("oura").pausedUntil()).isEqualTo(reset);
    int callsBefore = fake.apiCalls.size();

    scheduler.close(); // the app quits and starts again
    kit = kit();
    scheduler = scheduler(kit);
    assertThat(tick()).isZero();
    assertThat(scheduler.nextSync("oura")).contains(reset);
    assertThat(tickThrough(Duration.ofHours(5))).isZero();
    assertThat(fake.apiCalls).hasSize(callsBefore);
    assertThat(tickThrough(Duration.ofHours(1).plusMinutes(1))).isEqualTo(1);
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.OK);
  }

  @Test
  void aSourceAnotherProcessIsSyncingIsLeftAloneAndTriedAgainLater() throws Exception {
    kit.connectDirectly();
    Process other =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                dir.resolve("sync").resolve("oura.lock").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      java.nio.file.Files.createDirectories(dir.resolve("sync"));
      BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream()));
      assertThat(out.readLine()).isEqualTo("locked");
      List<CompletableFuture<SyncRun>> started = scheduler.tick();
      SyncRun run = started.getFirst().get(10, TimeUnit.SECONDS);
      assertThat(run.outcome()).isEqualTo(SyncState.SYNCING);
      assertThat(run.errors()).containsExactly("another OpenVitals process is syncing oura now");
      assertThat(fake.apiCalls).isEmpty();
      assertThat(kit.engine.history("oura")).isEmpty();
      assertThat(scheduler.nextSync("oura"))
          .contains(clock.instant().plus(SyncScheduler.BUSY_RETRY));
    } finally {
      other.getOutputStream().close();
      other.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(tickThrough(SyncScheduler.BUSY_RETRY)).isEqualTo(1);
    assertThat(kit.engine.history("oura")).singleElement();
  }

  @Test
  void syncNowDuringARunningSyncJoinsItAndStatusSaysSyncing() throws Exception {
    kit.connectDirectly();
    hold = true;
    CompletableFuture<SyncRun> first = scheduler.syncNow("oura");
    for (int i = 0; i < 500 && fake.apiCalls.isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.SYNCING);
    assertThat(scheduler.tick()).isEmpty(); // due, but running
    CompletableFuture<SyncRun> second = scheduler.syncNow("oura");
    release.countDown();
    assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
    assertThat(kit.engine.history("oura")).hasSize(1);
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.OK);
  }

  @Test
  void notConnectedSourcesAreNotSynced() throws Exception {
    assertThat(tickThrough(Duration.ofHours(2))).isZero();
    assertThat(fake.apiCalls).isEmpty();
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.NOT_CONNECTED);
    assertThat(kit.engine.status("oura").nextSync()).isNull();
  }

  @Test
  void closingDuringASyncStopsAfterAStoredPageAndTheNextStartContinuesFromIt() throws Exception {
    kit.connectDirectly();
    // Heart rate in 10 pages of one row each; closing while page 3 is being served.
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add("{\"timestamp\":\"2026-08-11T0" + i + ":00:00+00:00\",\"bpm\":" + (60 + i) + "}");
    }
    CountDownLatch closed = new CountDownLatch(1);
    SyncScheduler first = scheduler;
    fake.route(
        "/v2/usercollection/heartrate",
        q -> {
          int page = q.get("next_token") == null ? 0 : Integer.parseInt(q.get("next_token"));
          if (page == 2 && closed.getCount() > 0) {
            Thread.ofPlatform().start(first::close);
            // The sync sees the stop only after this page is stored.
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            closed.countDown();
          }
          String next = page + 1 < rows.size() ? "\"" + (page + 1) + "\"" : "null";
          return FakeProvider.Reply.json(
              "{\"data\":[" + rows.get(page) + "],\"next_token\":" + next + "}");
        });
    List<CompletableFuture<SyncRun>> started = scheduler.tick();
    assertThat(started).hasSize(1);
    try {
      started.getFirst().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException stopped) {
      assertThat(stopped).hasCauseInstanceOf(InterruptedException.class);
    }
    assertThat(heartRates()).containsExactly(60.0, 61.0, 62.0);
    assertThat(kit.engine.history("oura").getFirst().errors())
        .contains(
            "stopped as OpenVitals closed; the next sync continues after the last stored page");

    fake.apiCalls.clear();
    kit = kit();
    scheduler = scheduler(kit);
    tick();
    assertThat(fake.apiCalls.stream().filter(c -> c.contains("heartrate")).findFirst())
        .hasValueSatisfying(c -> assertThat(c).contains("next_token=3"));
    assertThat(heartRates()).hasSize(10);
  }

  private List<Double> heartRates() {
    return store.all().stream()
        .filter(s -> s.type() == org.openvitals.core.model.MetricType.HEART_RATE)
        .map(s -> s.value())
        .sorted()
        .toList();
  }
}
