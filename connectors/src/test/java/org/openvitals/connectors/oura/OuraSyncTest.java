package org.openvitals.connectors.oura;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.PagedCollection;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.connectors.vault.VaultEntry;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.testing.Fixtures;
import org.openvitals.core.time.DayBoundaries;

/** Oura sync against a fake Oura API v2 serving the recorded fixtures (plus generated pages). */
class OuraSyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXTRA_HEART_RATE_ROWS = 600;
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private FakeProvider fake;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("America/Los_Angeles")));
    kit = new CloudTestKit(dir, fake, clock, store, new OuraConnector(), Map.of());
    String base = "/v2/usercollection/";
    for (String c :
        List.of("daily_activity", "daily_readiness", "daily_spo2", "daily_sleep", "workout")) {
      fake.route(base + c, new PagedCollection(fixtureData(c + ".json"), 1));
    }
    List<JsonNode> sleeps = new ArrayList<>(fixtureData("sleep_page1.json"));
    sleeps.addAll(fixtureData("sleep_page2.json"));
    sleeps.add(sleepWithStages());
    fake.route(base + "sleep", new PagedCollection(sleeps, 2));
    List<JsonNode> heartRate = new ArrayList<>(fixtureData("heartrate.json"));
    OffsetDateTime t = OffsetDateTime.parse("2026-07-20T00:00:00.000-07:00");
    for (int i = 0; i < EXTRA_HEART_RATE_ROWS; i++) {
      ObjectNode row = JSON.createObjectNode();
      row.put("timestamp", t.plusMinutes(5L * i).toString());
      row.put("bpm", 50 + i % 40);
      row.put("source", "awake");
      heartRate.add(row);
    }
    fake.route(base + "heartrate", new PagedCollection(heartRate, 25));
    fake.route(
        base + "personal_info",
        q ->
            FakeProvider.Reply.json(
                "{\"id\":\"u1\",\"age\":41,\"weight\":72.5,\"height\":1.78,\"biological_sex\":\"female\",\"email\":null}"));
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  private static List<JsonNode> fixtureData(String file) throws Exception {
    JsonNode page = JSON.readTree(Fixtures.path("oura/ihadanidea_oura-mcp/" + file).toFile());
    List<JsonNode> docs = new ArrayList<>();
    page.get("data").forEach(docs::add);
    return docs;
  }

  /** A sleep period in the documented shape with the fields the synthetic fixtures leave out. */
  private static JsonNode sleepWithStages() {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("id", "dddddddd-0004-4000-8000-00000000000f");
    doc.put("day", "2026-08-09");
    doc.put("type", "sleep");
    doc.put("bedtime_start", "2026-08-08T23:00:00-07:00");
    doc.put("bedtime_end", "2026-08-09T00:00:00-07:00");
    doc.put("time_in_bed", 3600);
    doc.put("low_battery_alert", false);
    doc.put("period", 1);
    doc.put("average_breath", 13.5);
    doc.put("sleep_phase_5_min", "442211113333");
    ObjectNode hr = doc.putObject("heart_rate");
    hr.put("interval", 300.0);
    ArrayNode items = hr.putArray("items");
    items.add(60.0).addNull().add(58.0);
    hr.put("timestamp", "2026-08-08T23:00:00.000-07:00");
    return doc;
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  @Test
  void aFirstSyncMapsEveryCollectionWithUnitsAndOffsets() throws Exception {
    kit.connectDirectly();
    SyncRun run = kit.engine.sync("oura");

    assertThat(run.errors()).isEmpty();
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.STEPS))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(8342.0, 5210.0);
    Sample steps =
        of(MetricType.STEPS).stream().filter(s -> s.value() == 8342).findFirst().orElseThrow();
    // Filed under Oura's day in the store's day zone (Los Angeles here).
    assertThat(steps.start()).isEqualTo(OffsetDateTime.parse("2026-08-10T00:00:00-07:00"));
    assertThat(steps.end()).isEqualTo(OffsetDateTime.parse("2026-08-11T00:00:00-07:00"));
    assertThat(steps.source().key()).isEqualTo("oura/Oura Ring");
    assertThat(steps.metadata()).containsEntry("score", "82");
    assertThat(of(MetricType.ACTIVE_ENERGY))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(410.0, 260.0);
    assertThat(of(MetricType.EXERCISE_TIME))
        .extracting(Sample::value)
        .contains(52.0); // (720 + 2400) s

    Sample longSleep =
        of(MetricType.SLEEP_IN_BED).stream()
            .filter(s -> "dddddddd-0004-4000-8000-000000000001".equals(s.externalId()))
            .findFirst()
            .orElseThrow();
    assertThat(longSleep.value()).isEqualTo(470.0); // 23:14:02 to 07:04:02
    assertThat(longSleep.start().getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
    assertThat(longSleep.metadata())
        .containsEntry("sleep_score", "85")
        .containsEntry("contributor.deep_sleep", "90");
    assertThat(of(MetricType.RESTING_HEART_RATE))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(47.0, 51.0);
    assertThat(of(MetricType.HRV_RMSSD))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(42.0, 36.0);
    assertThat(of(MetricType.RESPIRATORY_RATE))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(14.2, 15.0, 13.5);

    // Hypnogram 44 22 1111 3333 from 23:00: awake 10 min, light 10, deep 20, REM 20.
    assertThat(of(MetricType.SLEEP_AWAKE))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.value()).isEqualTo(10.0);
          assertThat(s.start()).isEqualTo(OffsetDateTime.parse("2026-08-08T23:00:00-07:00"));
        });
    assertThat(of(MetricType.SLEEP_CORE)).singleElement().extracting(Sample::value).isEqualTo(10.0);
    assertThat(of(MetricType.SLEEP_DEEP))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.value()).isEqualTo(20.0);
          assertThat(s.start()).isEqualTo(OffsetDateTime.parse("2026-08-08T23:20:00-07:00"));
        });
    assertThat(of(MetricType.SLEEP_REM))
        .singleElement()
        .extracting(Sample::end)
        .isEqualTo(OffsetDateTime.parse("2026-08-09T00:00:00-07:00"));

    assertThat(of(MetricType.WORKOUT))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(69.0, 40.0);
    assertThat(of(MetricType.WORKOUT))
        .anySatisfy(w ->
            assertThat(w.metadata())
                .containsEntry("activity", "cycling")
                .containsEntry("distance", "18500.0"));
    assertThat(of(MetricType.OXYGEN_SATURATION))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(97.2, 95.8);
    assertThat(of(MetricType.SKIN_TEMPERATURE_DEVIATION))
        .extracting(Sample::value)
        .containsExactlyInAnyOrder(-0.1, 0.6);
    // 7 fixture rows + the generated ones + 2 non-null items of the sleep's heart rate series.
    assertThat(of(MetricType.HEART_RATE)).hasSize(7 + EXTRA_HEART_RATE_ROWS + 2);
    assertThat(of(MetricType.BODY_MASS)).singleElement().extracting(Sample::value).isEqualTo(72.5);
    assertThat(of(MetricType.HEIGHT)).singleElement().extracting(Sample::value).isEqualTo(178.0);

    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.OK);
    assertThat(kit.engine.history("oura"))
        .singleElement()
        .satisfies(h -> {
          assertThat(h.written()).isEqualTo(store.all().size());
          assertThat(h.requests()).isEqualTo(fake.apiCalls.size());
        });
  }

  @Test
  void heartRatePagesAreFollowedThroughNextToken() throws Exception {
    kit.connectDirectly();
    kit.engine.sync("oura");
    long heartRateCalls =
        fake.apiCalls.stream().filter(c -> c.startsWith("/v2/usercollection/heartrate")).count();
    long withToken =
        fake.apiCalls.stream()
            .filter(c -> c.startsWith("/v2/usercollection/heartrate") && c.contains("next_token="))
            .count();
    assertThat(withToken).isGreaterThanOrEqualTo(EXTRA_HEART_RATE_ROWS / 25 - 1);
    assertThat(heartRateCalls).isGreaterThan(withToken);
  }

  @Test
  void repeatedSyncsStoreNothingTwice() throws Exception {
    kit.connectDirectly();
    kit.engine.sync("oura");
    int stored = store.all().size();
    clock.advance(Duration.ofHours(3));
    SyncRun second = kit.engine.sync("oura");
    SyncRun third = kit.engine.sync("oura");
    assertThat(store.all()).hasSize(stored);
    assertThat(second.written()).isZero();
    assertThat(third.written()).isZero();
    assertThat(second.unchanged()).isPositive();
    assertThat(kit.engine.history("oura")).hasSize(3);
  }

  @Test
  void rateLimitedRequestsWaitForRetryAfter() throws Exception {
    kit.connectDirectly();
    fake.fault(
        new FakeProvider.Reply(
            429,
            "{\"detail\":\"Too Many Requests\"}",
            Map.of("Retry-After", "17", "X-RateLimit-Limit", "5000", "X-RateLimit-Window", "300")));
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(clock.sleeps).contains(Duration.ofSeconds(17));
    assertThat(of(MetricType.STEPS)).hasSize(2);
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    kit.connectDirectly();
    fake.fault(new FakeProvider.Reply(503, "", Map.of()));
    fake.fault(new FakeProvider.Reply(502, "", Map.of()));
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(clock.sleeps).hasSize(2);
    assertThat(clock.sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(clock.sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(of(MetricType.STEPS)).hasSize(2);
  }

  @Test
  void aProviderThatStaysDownFailsTheRunAfterAFewAttemptsAndRecordsIt() throws Exception {
    kit.connectDirectly();
    for (int i = 0; i < 4; i++) {
      fake.fault(new FakeProvider.Reply(500, "", Map.of()));
    }
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.outcome()).isEqualTo(SyncState.ERROR);
    assertThat(run.errors())
        .singleElement()
        .asString()
        .startsWith("daily_activity:")
        .contains("HTTP 500 4 times");
    assertThat(of(MetricType.WORKOUT)).hasSize(2); // the other streams still ran
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.ERROR);
    assertThat(kit.engine.status("oura").message()).contains("HTTP 500");
    assertThat(kit.engine.sync("oura").outcome()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.STEPS)).hasSize(2);
  }

  @Test
  void anInterruptedSyncResumesWithoutGapsOrDuplicates() throws Exception {
    kit.connectDirectly();
    store.failAfterWrites = 40; // the process dies part-way through the heart rate pages
    SyncRun broken = kit.engine.sync("oura");
    assertThat(broken.outcome()).isEqualTo(SyncState.ERROR);
    int before = store.all().size();
    assertThat(before).isLessThan(7 + EXTRA_HEART_RATE_ROWS);

    store.failAfterWrites = -1;
    fake.apiCalls.clear();
    SyncRun resumed = kit.engine.sync("oura");
    assertThat(resumed.outcome()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.HEART_RATE)).hasSize(7 + EXTRA_HEART_RATE_ROWS + 2);
    List<Sample> all = store.all();
    assertThat(all).doesNotHaveDuplicates();
    assertThat(fake.apiCalls)
        .anyMatch(c -> c.startsWith("/v2/usercollection/") && c.contains("next_token="));
  }

  @Test
  void aRejectedAccessTokenIsRefreshedOnce() throws Exception {
    String[] pair = fake.issueTokens();
    // The vault believes the token lasts ten hours; the provider expires it after one.
    kit.vault.write(
        new VaultEntry(
            "oura",
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            new TokenSet(pair[0], pair[1], clock.instant().plus(Duration.ofHours(10)), null, null),
            clock.instant(),
            null));
    clock.advance(Duration.ofHours(2));
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(fake.refreshCount).hasValue(1);
    assertThat(kit.vault.read("oura").orElseThrow().tokens().refreshToken()).isNotEqualTo(pair[1]);
  }

  @Test
  void aLostConnectionShowsReconnectNeededAndIsNotRetried() throws Exception {
    kit.connectDirectly();
    clock.advance(Duration.ofHours(2));
    fake.revokeAllRefreshTokens();
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.outcome()).isEqualTo(SyncState.RECONNECT_NEEDED);
    assertThat(kit.engine.status("oura").state()).isEqualTo(SyncState.RECONNECT_NEEDED);
    fake.apiCalls.clear();
    int refreshes = fake.refreshCount.get();
    assertThat(kit.engine.sync("oura").outcome()).isEqualTo(SyncState.RECONNECT_NEEDED);
    assertThat(fake.apiCalls).isEmpty();
    assertThat(fake.refreshCount).hasValue(refreshes);
  }

  @Test
  void aSleepDeletedAtOuraIsTombstoned() throws Exception {
    kit.connectDirectly();
    kit.engine.sync("oura");
    assertThat(of(MetricType.SLEEP_DEEP)).hasSize(1);
    ObjectNode deleted = (ObjectNode) sleepWithStages();
    deleted.put("type", "deleted");
    deleted.put("day", "2026-08-11"); // within the days a sync looks at again
    List<JsonNode> sleeps = new ArrayList<>(fixtureData("sleep_page1.json"));
    sleeps.add(deleted);
    fake.route("/v2/usercollection/sleep", new PagedCollection(sleeps, 2));
    clock.advance(Duration.ofHours(1));
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.tombstoned()).isPositive();
    assertThat(of(MetricType.SLEEP_DEEP)).isEmpty();
    assertThat(of(MetricType.SLEEP_IN_BED))
        .extracting(Sample::externalId)
        .doesNotContain("dddddddd-0004-4000-8000-00000000000f");
  }

  @Test
  void anExpiredPageTokenFromAnInterruptedRunRestartsItsWindow() throws Exception {
    kit.connectDirectly();
    store.putState(
        org.openvitals.connectors.sync.StreamContext.cursorKey("oura", "workout"),
        "{\"from\":\"2026-08-01T00:00:00Z\",\"to\":\"2026-08-13T00:00:00Z\",\"next_token\":\"expired!\"}");
    SyncRun run = kit.engine.sync("oura");
    assertThat(run.errors()).isEmpty();
    assertThat(of(MetricType.WORKOUT)).hasSize(2);
  }

  @Test
  void withSampleLocalDaysADailyTotalKeepsOurasOffset() throws Exception {
    store.setDayBoundaries(new DayBoundaries.SampleLocal(ZoneOffset.UTC));
    kit.connectDirectly();
    kit.engine.sync("oura");
    assertThat(of(MetricType.STEPS))
        .extracting(Sample::start)
        .contains(OffsetDateTime.parse("2026-08-10T00:00:00+00:00"));
  }
}
