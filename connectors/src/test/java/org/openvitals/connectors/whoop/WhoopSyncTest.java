package org.openvitals.connectors.whoop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.time.DayBoundaries;

/** WHOOP v2 sync against a fake speaking the documented collections, paging and limits. */
class WhoopSyncTest {
  static final String SLEEP_ID = "ecfc6a15-4661-442f-a9a4-f160dd7afae8";
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:30Z"));
  private FakeProvider fake;
  private FakeWhoop whoop;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    fake.requirePkce = false;
    whoop = new FakeWhoop(fake, clock);
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("America/New_York")));
    kit =
        new CloudTestKit(
            dir, fake, clock, store, new WhoopConnector(), Map.of("history_days", "30"));
    kit.connectDirectly();
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  /** The developer docs' sleep example, scored or not. */
  static ObjectNode sleep(String id, String start, String end, boolean scored) {
    ObjectNode s =
        (ObjectNode)
            FakeWhoop.json(
                """
                {"id":"%s","cycle_id":93845,"v1_id":93845,"user_id":10129,
                 "created_at":"2026-08-10T11:25:44.774Z","updated_at":"2026-08-10T14:25:44.774Z",
                 "start":"%s","end":"%s","timezone_offset":"-05:00","nap":false,
                 "score_state":"%s"}\
                """
                    .formatted(id, start, end, scored ? "SCORED" : "PENDING_SCORE"));
    if (scored) {
      s.set(
          "score",
          FakeWhoop.json(
              """
              {"stage_summary":{"total_in_bed_time_milli":28800000,"total_awake_time_milli":1403507,
                "total_no_data_time_milli":0,"total_light_sleep_time_milli":14905851,
                "total_slow_wave_sleep_time_milli":6630370,"total_rem_sleep_time_milli":5879573,
                "sleep_cycle_count":3,"disturbance_count":12},
               "sleep_needed":{"baseline_milli":27395716,"need_from_sleep_debt_milli":352230,
                "need_from_recent_strain_milli":208595,"need_from_recent_nap_milli":-12312},
               "respiratory_rate":16.11328125,"sleep_performance_percentage":98,
               "sleep_consistency_percentage":90,"sleep_efficiency_percentage":91.69533}\
              """));
    }
    return s;
  }

  static ObjectNode recovery(String sleepId, boolean scored) {
    ObjectNode r =
        (ObjectNode)
            FakeWhoop.json(
                """
                {"cycle_id":93845,"sleep_id":"%s","user_id":10129,
                 "created_at":"2026-08-10T11:25:44.774Z","updated_at":"2026-08-10T14:25:44.774Z",
                 "score_state":"%s"}\
                """
                    .formatted(sleepId, scored ? "SCORED" : "PENDING_SCORE"));
    if (scored) {
      r.set(
          "score",
          FakeWhoop.json(
              """
              {"user_calibrating":false,"recovery_score":44,"resting_heart_rate":64,
               "hrv_rmssd_milli":31.813562,"spo2_percentage":95.6875,"skin_temp_celsius":33.7}\
              """));
    }
    return r;
  }

  static ObjectNode workout(String id, Instant start, boolean scored) {
    ObjectNode w =
        (ObjectNode)
            FakeWhoop.json(
                """
                {"id":"%s","v1_id":1043,"user_id":9012,"created_at":"2026-08-10T11:25:44.774Z",
                 "updated_at":"2026-08-10T14:25:44.774Z","start":"%s","end":"%s",
                 "timezone_offset":"-05:00","sport_name":"running","sport_id":1,
                 "score_state":"%s"}\
                """
                    .formatted(
                        id,
                        start,
                        start.plus(Duration.ofMinutes(40)),
                        scored ? "SCORED" : "UNSCORABLE"));
    if (scored) {
      w.set(
          "score",
          FakeWhoop.json(
              """
              {"strain":8.2463,"average_heart_rate":123,"max_heart_rate":146,
               "kilojoule":1569.34033203125,"percent_recorded":100,"distance_meter":1772.77035916,
               "altitude_gain_meter":46.64384460449,"altitude_change_meter":-0.781372010707855,
               "zone_durations":{"zone_zero_milli":300000,"zone_one_milli":600000,
                "zone_two_milli":900000,"zone_three_milli":900000,"zone_four_milli":600000,
                "zone_five_milli":300000}}\
              """));
    }
    return w;
  }

  /** The developer docs' cycle example; {@code end} null for the cycle still going on. */
  private static ObjectNode cycle(long id, String start, String end, String state) {
    ObjectNode c =
        (ObjectNode)
            FakeWhoop.json(
                """
                {"id":%d,"user_id":10129,"created_at":"2026-08-10T11:25:44.774Z",
                 "updated_at":"2026-08-10T14:25:44.774Z","start":"%s","end":%s,
                 "timezone_offset":"-05:00","score_state":"%s"}\
                """
                    .formatted(id, start, end == null ? "null" : "\"" + end + "\"", state));
    if (state.equals("SCORED")) {
      c.set(
          "score",
          FakeWhoop.json(
              """
              {"strain":5.2951527,"kilojoule":8288.297,"average_heart_rate":68,"max_heart_rate":141}\
              """));
    }
    return c;
  }

  @Test
  void cyclesGiveTheDaysStrainOnceScoredAndTheCurrentOneIsUpdatedAsItGoesOn() throws Exception {
    whoop.cycle(cycle(93845, "2026-08-09T03:00:00Z", "2026-08-10T02:25:44.774Z", "SCORED"));
    whoop.cycle(cycle(93846, "2026-08-10T02:25:44.774Z", "2026-08-11T02:00:00Z", "PENDING_SCORE"));
    whoop.cycle(cycle(93847, "2026-08-11T02:00:00Z", null, "SCORED"));

    SyncRun first = kit.engine.sync("whoop");

    assertThat(first.outcome()).as(first.errors().toString()).isEqualTo(SyncState.OK);
    List<Sample> strain = of(MetricType.DAY_STRAIN);
    assertThat(strain).extracting(Sample::externalId).containsExactly("93845", "93847");
    Sample day = strain.getFirst();
    assertThat(day.value()).isEqualTo(5.2951527);
    assertThat(day.start()).hasToString("2026-08-08T22:00-05:00");
    assertThat(day.metadata())
        .containsEntry("energy_kcal", "1981.0")
        .containsEntry("average_heart_rate", "68")
        .containsEntry("max_heart_rate", "141");
    assertThat(strain.getLast().end().toInstant()).isEqualTo(clock.instant());
    assertThat(strain.getLast().metadata()).containsEntry("ongoing", "true");

    // The day ends and WHOOP scores the pending one: the next sync updates, adds, never doubles.
    clock.advance(Duration.ofHours(20));
    whoop.cycle(cycle(93846, "2026-08-10T02:25:44.774Z", "2026-08-11T02:00:00Z", "SCORED"));
    whoop.cycle(cycle(93847, "2026-08-11T02:00:00Z", "2026-08-12T03:00:00Z", "SCORED"));
    kit.engine.sync("whoop");

    assertThat(of(MetricType.DAY_STRAIN))
        .extracting(Sample::externalId)
        .containsExactly("93845", "93846", "93847");
    assertThat(of(MetricType.DAY_STRAIN).getLast().metadata()).doesNotContainKey("ongoing");
    assertThat(of(MetricType.DAY_STRAIN).getLast().end()).hasToString("2026-08-11T22:00-05:00");
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  @Test
  void scoredRecordsMapToSleepRecoveryAndWorkoutsWithWhoopsOffset() throws Exception {
    whoop.sleep(sleep(SLEEP_ID, "2026-08-10T02:25:44.774Z", "2026-08-10T10:25:44.774Z", true));
    whoop.recovery(recovery(SLEEP_ID, true), Instant.parse("2026-08-10T02:25:44.774Z"));
    whoop.workout(workout("w-1", Instant.parse("2026-08-10T22:00:00Z"), true));

    SyncRun run = kit.engine.sync("whoop");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    Sample inBed = of(MetricType.SLEEP_IN_BED).getFirst();
    assertThat(inBed.start()).hasToString("2026-08-09T21:25:44.774-05:00");
    assertThat(inBed.value()).isEqualTo(480.0);
    assertThat(inBed.metadata())
        .containsEntry("deep_minutes", "110.5")
        .containsEntry("sleep_performance_percent", "98");
    assertThat(of(MetricType.RESPIRATORY_RATE))
        .extracting(Sample::value)
        .containsExactly(16.11328125);
    assertThat(of(MetricType.HRV_RMSSD)).extracting(Sample::value).containsExactly(31.813562);
    assertThat(of(MetricType.HRV_SDNN)).isEmpty();
    Sample rhr = of(MetricType.RESTING_HEART_RATE).getFirst();
    assertThat(rhr.value()).isEqualTo(64.0);
    assertThat(rhr.start()).isEqualTo(inBed.start());
    assertThat(rhr.metadata()).containsEntry("recovery_score", "44");
    assertThat(of(MetricType.OXYGEN_SATURATION)).extracting(Sample::value).containsExactly(95.6875);
    assertThat(of(MetricType.SLEEPING_WRIST_TEMPERATURE))
        .extracting(Sample::value)
        .containsExactly(33.7);
    Sample workout = of(MetricType.WORKOUT).getFirst();
    assertThat(workout.value()).isEqualTo(40.0);
    assertThat(workout.metadata())
        .containsEntry("activity_type", "running")
        .containsEntry("strain", "8.2463")
        .containsEntry("energy_kcal", "375.1")
        .containsEntry("zone_two_minutes", "15.0");
  }

  @Test
  void aStoreThatSyncedBeforeTheKeysChangedGetsItsNightsOnceOnTheNextSync() throws Exception {
    whoop.sleep(sleep(SLEEP_ID, "2026-08-10T02:25:44.774Z", "2026-08-10T10:25:44.774Z", true));
    whoop.recovery(recovery(SLEEP_ID, true), Instant.parse("2026-08-10T02:25:44.774Z"));
    whoop.workout(workout("w-1", Instant.parse("2026-08-10T22:00:00Z"), true));
    assertThat(kit.engine.sync("whoop").outcome()).isEqualTo(SyncState.OK);
    Map<MetricType, Long> synced = counts();
    // The store as versions before 7 wrote it: keyed by WHOOP's ids, at schema version 6.
    store.close();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store/openvitals.db"));
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE samples SET external_id = '" + SLEEP_ID + "' WHERE external_id LIKE 'sleep/%'");
      st.executeUpdate("UPDATE samples SET external_id = 'w-1' WHERE external_id LIKE 'workout/%'");
      st.executeUpdate("DELETE FROM flyway_schema_history WHERE version IN ('7', '8')");
    }
    store = CrashingStore.open(dir.resolve("store"));
    kit =
        new CloudTestKit(
            dir, fake, clock, store, new WhoopConnector(), Map.of("history_days", "30"));
    kit.connectDirectly();

    SyncRun next = kit.engine.sync("whoop");

    assertThat(next.outcome()).as(next.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(counts()).isEqualTo(synced);
    assertThat(of(MetricType.SLEEP_IN_BED))
        .extracting(Sample::externalId)
        .containsExactly("sleep/2026-08-10T02:25:00Z");
    assertThat(of(MetricType.WORKOUT))
        .extracting(Sample::externalId)
        .containsExactly("workout/2026-08-10T22:00:00Z");
  }

  private Map<MetricType, Long> counts() {
    return store.all().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                Sample::type, java.util.stream.Collectors.counting()));
  }

  @Test
  void unscoredRecordsStoreNoScoreValuesUntilWhoopScoresThem() throws Exception {
    whoop.sleep(sleep(SLEEP_ID, "2026-08-11T02:00:00Z", "2026-08-11T10:00:00Z", false));
    whoop.recovery(recovery(SLEEP_ID, false), Instant.parse("2026-08-11T02:00:00Z"));
    whoop.workout(workout("w-2", Instant.parse("2026-08-11T22:00:00Z"), false));

    SyncRun first = kit.engine.sync("whoop");

    assertThat(first.outcome()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.SLEEP_IN_BED))
        .singleElement()
        .satisfies(s ->
            assertThat(s.metadata())
                .containsEntry("score_state", "PENDING_SCORE")
                .doesNotContainKey("deep_minutes"));
    assertThat(of(MetricType.RESPIRATORY_RATE)).isEmpty();
    assertThat(of(MetricType.RESTING_HEART_RATE)).isEmpty();
    assertThat(of(MetricType.HRV_RMSSD)).isEmpty();
    assertThat(of(MetricType.WORKOUT))
        .singleElement()
        .satisfies(w -> assertThat(w.metadata()).doesNotContainKeys("strain", "energy_kcal"));

    // Scored an hour later: the next sync reads the recent days again and fills them in.
    clock.advance(Duration.ofHours(1));
    whoop.sleep(sleep(SLEEP_ID, "2026-08-11T02:00:00Z", "2026-08-11T10:00:00Z", true));
    whoop.recovery(recovery(SLEEP_ID, true), Instant.parse("2026-08-11T02:00:00Z"));
    kit.engine.sync("whoop");

    assertThat(of(MetricType.SLEEP_IN_BED))
        .singleElement()
        .satisfies(s -> assertThat(s.metadata()).containsEntry("score_state", "SCORED"));
    assertThat(of(MetricType.RESTING_HEART_RATE)).extracting(Sample::value).containsExactly(64.0);
  }

  @Test
  void pagesOf25AreFollowedThroughNextTokenAndARepeatStoresNothing() throws Exception {
    for (int i = 0; i < 60; i++) {
      whoop.workout(
          workout(
              "w-" + i,
              Instant.parse("2026-08-01T12:00:00Z").plus(Duration.ofHours(3L * i)),
              true));
    }

    SyncRun run = kit.engine.sync("whoop");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.WORKOUT)).hasSize(60);
    assertThat(fake.apiCalls.stream().filter(c -> c.startsWith("/v2/activity/workout ")))
        .hasSize(3)
        .allMatch(c -> c.contains("limit=25"));
    assertThat(kit.engine.sync("whoop").written()).isZero();
  }

  @Test
  void anInterruptedSyncResumesFromItsPageTokenWithoutGapsOrDuplicates() throws Exception {
    for (int i = 0; i < 60; i++) {
      whoop.workout(
          workout(
              "w-" + i,
              Instant.parse("2026-08-01T12:00:00Z").plus(Duration.ofHours(3L * i)),
              true));
    }
    // Sleep's page, recovery's page and the first workout page are stored; the second fails.
    store.failAfterWrites = 3;
    SyncRun broken = kit.engine.sync("whoop");
    assertThat(broken.outcome()).isEqualTo(SyncState.ERROR);
    assertThat(of(MetricType.WORKOUT)).hasSize(25);
    store.failAfterWrites = -1;
    fake.apiCalls.clear();

    SyncRun resumed = kit.engine.sync("whoop");

    assertThat(resumed.outcome()).as(resumed.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.WORKOUT)).hasSize(60);
    assertThat(
            fake.apiCalls.stream().filter(c -> c.startsWith("/v2/activity/workout ")).findFirst())
        .hasValueSatisfying(c -> assertThat(c).contains("nextToken="));
  }

  @Test
  void aUsedUpMinuteWaitsForItsResetFromTheHeaders() throws Exception {
    whoop.perMinute = 2;
    whoop.sleep(sleep(SLEEP_ID, "2026-08-10T02:25:44.774Z", "2026-08-10T10:25:44.774Z", true));
    whoop.recovery(recovery(SLEEP_ID, true), Instant.parse("2026-08-10T02:25:44.774Z"));

    SyncRun run = kit.engine.sync("whoop");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    // Two requests in the minute that began at 10:00, then "Remaining: 0, Reset: 30".
    assertThat(fake.apiCallTimes.get(2)).isEqualTo(Instant.parse("2026-08-12T10:01:00Z"));
    assertThat(of(MetricType.RESTING_HEART_RATE)).hasSize(1);
  }

  @Test
  void theRotatedRefreshTokenIsKeptAndTheOldOneDies() throws Exception {
    clock.advance(Duration.ofHours(2)); // the access token from connecting has expired
    String old = kit.vault.read("whoop").orElseThrow().tokens().refreshToken();

    SyncRun run = kit.engine.sync("whoop");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(fake.refreshCount).hasValue(1);
    assertThat(fake.refreshTokenValid(old)).isFalse();
    assertThat(
            fake.refreshTokenValid(kit.vault.read("whoop").orElseThrow().tokens().refreshToken()))
        .isTrue();
  }
}
