package org.openvitals.connectors.strava;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.openvitals.connectors.sync.StreamContext;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.testing.Fixtures;
import org.openvitals.core.time.DayBoundaries;

/** Strava sync against a fake Strava API v3 serving stravalib's recorded activities. */
class StravaSyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2013-12-20T10:05:00Z"));
  private FakeProvider fake;
  private FakeStrava strava;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    fake.requirePkce = false;
    strava = new FakeStrava(fake, clock);
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("America/Los_Angeles")));
    kit = new CloudTestKit(dir, fake, clock, store, new StravaConnector(), Map.of());
    kit.connectDirectly();
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  private static ObjectNode fixture(String name) throws Exception {
    return (ObjectNode) JSON.readTree(Fixtures.path("strava/stravalib/" + name).toFile());
  }

  /** A minute of recording every 10 s: time, heart rate, a track north-east, climbing. */
  private static ObjectNode streams(int points) {
    ObjectNode s = JSON.createObjectNode();
    ArrayNode time = s.putObject("time").putArray("data");
    ArrayNode hr = s.putObject("heartrate").putArray("data");
    ArrayNode latlng = s.putObject("latlng").putArray("data");
    ArrayNode altitude = s.putObject("altitude").putArray("data");
    ArrayNode cadence = s.putObject("cadence").putArray("data");
    for (int i = 0; i < points; i++) {
      time.add(i * 10);
      hr.add(120 + i);
      latlng.addArray().add(37.781076 + i * 0.0001).add(-122.395536 + i * 0.0001);
      altitude.add(10.0 + i);
      cadence.add(80);
    }
    for (String key : List.of("time", "heartrate", "latlng", "altitude", "cadence")) {
      ((ObjectNode) s.get(key)).put("series_type", "time");
      ((ObjectNode) s.get(key)).put("original_size", points);
      ((ObjectNode) s.get(key)).put("resolution", "high");
    }
    return s;
  }

  /** Copies of the recorded run, one a day back from the day before the test's clock. */
  private void addRuns(int count) throws Exception {
    ObjectNode run = fixture("activity.3.json");
    Instant first = Instant.parse("2013-12-19T19:36:41Z");
    for (int i = 0; i < count; i++) {
      ObjectNode copy = run.deepCopy();
      Instant start = first.minus(Duration.ofHours(30L * i));
      copy.put("id", 500_000_000L + i);
      copy.put("start_date", start.toString());
      copy.put("start_date_local", start.atOffset(ZoneOffset.ofHours(-8)).toLocalDateTime() + "Z");
      strava.add(copy, streams(3));
    }
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  @Test
  void aFirstSyncMapsTheRecordedActivitiesToWorkouts() throws Exception {
    strava.add(fixture("activity.3.json"), streams(6));
    strava.add(fixture("activity-manual.3.json"), null);

    SyncRun run = kit.engine.sync("strava");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    List<Sample> workouts = of(MetricType.WORKOUT);
    assertThat(workouts).hasSize(2);
    Sample shuffle =
        workouts.stream().filter(w -> w.externalId().equals("99895560")).findFirst().orElseThrow();
    // start_date_local ends in Z but is Pacific wall time: the start keeps -08:00.
    // (AssertJ compares OffsetDateTimes by instant, so the text shows the offset is kept.)
    assertThat(shuffle.start()).hasToString("2013-12-12T11:36:41-08:00");
    assertThat(shuffle.end()).isEqualTo(shuffle.start().plusSeconds(3140));
    assertThat(shuffle.value()).isCloseTo(3140 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(shuffle.metadata())
        .containsEntry("activity_type", "Run")
        .containsEntry("moving_time_s", "2892")
        .containsEntry("distance_m", "5781.1")
        .containsEntry("elevation_gain_m", "13.5")
        .containsEntry("energy_kcal", "537.9")
        .containsEntry("max_heart_rate", "125")
        .containsEntry("route_points", "6")
        .containsEntry("route_elevation_gain_m", "5.0")
        .containsKey("route_polyline");
    assertThat(of(MetricType.HEART_RATE)).hasSize(6);
    assertThat(of(MetricType.HEART_RATE).getFirst().start()).isEqualTo(shuffle.start());

    Sample tallac =
        workouts.stream().filter(w -> w.externalId().equals("96089609")).findFirst().orElseThrow();
    assertThat(tallac.start()).hasToString("2013-11-17T08:00-08:00");
    assertThat(tallac.metadata())
        .containsEntry("activity_type", "Hike")
        .containsEntry("manual", "true")
        .doesNotContainKey("route_points");
    // A manual activity has no streams: none were asked for.
    assertThat(fake.apiCalls).noneMatch(c -> c.startsWith("/activities/96089609/streams"));
  }

  @Test
  void theListIsPagedBy200UntilAnEmptyPage() throws Exception {
    addRuns(205);
    strava.readLimit = new long[] {10_000, 100_000};

    SyncRun run = kit.engine.sync("strava");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.WORKOUT)).hasSize(205);
    assertThat(fake.apiCalls.stream().filter(c -> c.startsWith("/athlete/activities ")))
        .hasSize(3)
        .allMatch(c -> c.contains("per_page=200"))
        .anyMatch(c -> c.contains("page=3"));
  }

  @Test
  void repeatedSyncsStoreNothingTwiceAndFetchOnlyNewActivities() throws Exception {
    addRuns(3);
    kit.engine.sync("strava");
    fake.apiCalls.clear();
    clock.advance(Duration.ofHours(2));

    SyncRun again = kit.engine.sync("strava");
    assertThat(again.written()).isZero();
    assertThat(fake.apiCalls).allMatch(c -> c.startsWith("/athlete/activities "));

    ObjectNode late = fixture("activity.3.json");
    late.put("id", 777L);
    late.put("start_date", "2013-12-20T08:00:00Z");
    late.put("start_date_local", "2013-12-20T00:00:00Z");
    strava.add(late, streams(2));
    SyncRun third = kit.engine.sync("strava");
    assertThat(third.written()).isEqualTo(3); // the workout and its two heart rates
    assertThat(fake.apiCalls.stream().filter(c -> c.startsWith("/activities/")))
        .allMatch(c -> c.startsWith("/activities/777"));
    // The list asks only for what started after the newest activity, less the overlap.
    long expectedAfter =
        Instant.parse("2013-12-19T19:36:41Z").minus(Duration.ofHours(48)).getEpochSecond();
    assertThat(fake.apiCalls).anyMatch(c -> c.contains("after=" + expectedAfter));
  }

  @Test
  void anInterruptedSyncResumesAfterTheLastStoredActivity() throws Exception {
    addRuns(6);
    store.failAfterWrites = 3;
    SyncRun broken = kit.engine.sync("strava");
    assertThat(broken.outcome()).isEqualTo(SyncState.ERROR);
    int stored = of(MetricType.WORKOUT).size();
    assertThat(stored).isBetween(1, 5);
    store.failAfterWrites = -1;
    fake.apiCalls.clear();

    SyncRun resumed = kit.engine.sync("strava");

    assertThat(resumed.outcome()).as(resumed.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.WORKOUT)).hasSize(6);
    assertThat(fake.apiCalls.stream().filter(c -> c.matches("/activities/\\d+ .*")))
        .hasSize(6 - stored);
    assertThat(store.state(StreamContext.cursorKey("strava", "activities")).orElseThrow())
        .doesNotContain("\"page\"");
  }

  @Test
  void aUsedUpFifteenMinuteWindowWaitsForTheNextQuarterHour() throws Exception {
    addRuns(3);
    strava.othersUsed(96, 96); // other users of the client id: 4 reads left in this window

    SyncRun run = kit.engine.sync("strava");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.WORKOUT)).hasSize(3);
    assertThat(fake.apiCallTimes.get(4)).isEqualTo(Instant.parse("2013-12-20T10:15:00Z"));
    // Never refused: one list page, detail and streams of each run, the empty page; no retry.
    assertThat(fake.apiCalls).hasSize(8);
  }

  @Test
  void aUsedUpDailyLimitEndsTheSyncUntilMidnightUtcAndTheNextSyncResumes() throws Exception {
    addRuns(3);
    strava.othersUsed(0, 996);

    SyncRun run = kit.engine.sync("strava");

    assertThat(run.outcome()).isEqualTo(SyncState.RATE_LIMITED);
    Instant midnight = Instant.parse("2013-12-21T00:00:00Z");
    assertThat(kit.engine.pausedUntil("strava")).contains(midnight);
    assertThat(kit.engine.status("strava").state()).isEqualTo(SyncState.RATE_LIMITED);

    clock.advance(Duration.between(clock.instant(), midnight).plusMinutes(1));
    SyncRun next = kit.engine.sync("strava");
    assertThat(next.outcome()).as(next.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.WORKOUT)).hasSize(3);
  }

  @Test
  void a429WaitsForTheNextQuarterHour() throws Exception {
    addRuns(1);
    fake.fault(
        new FakeProvider.Reply(
            429,
            "{\"message\":\"Rate Limit Exceeded\"}",
            Map.of("X-ReadRateLimit-Limit", "100,1000", "X-ReadRateLimit-Usage", "90,400")));

    SyncRun run = kit.engine.sync("strava");

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(fake.apiCallTimes.get(1)).isEqualTo(Instant.parse("2013-12-20T10:15:00Z"));
  }

  @Test
  void anActivityWithoutItsStartIsSkippedAndNamedAndTheOthersAreStored() throws Exception {
    addRuns(2);
    ObjectNode broken = fixture("activity.3.json");
    broken.put("id", 4242L);
    broken.put("start_date", "2013-12-18T08:00:00Z");
    strava.add(broken, streams(1));
    // The detail lacks its start; the list still has one.
    fake.route(
        "/activities/4242",
        q -> {
          ObjectNode detail = broken.deepCopy();
          detail.remove("start_date");
          return FakeProvider.Reply.json(detail.toString());
        });

    SyncRun run = kit.engine.sync("strava");

    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(run.errors()).containsExactly("activities: skipped record 4242 (no start_date)");
    assertThat(of(MetricType.WORKOUT)).hasSize(2);
  }
}
