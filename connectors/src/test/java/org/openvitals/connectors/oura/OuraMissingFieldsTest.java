package org.openvitals.connectors.oura;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
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
import org.openvitals.connectors.cloudtest.PagedCollection;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.time.DayBoundaries;

/**
 * Oura leaves out fields it has no value for. Each stream gets documents with every optional field
 * missing: a missing value costs only that value, a record without what it cannot do without (its
 * day, its times) costs only that record, and the stream goes on.
 */
class OuraMissingFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "/v2/usercollection/";
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private FakeProvider fake;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("UTC")));
    kit = new CloudTestKit(dir, fake, clock, store, new OuraConnector(), Map.of());
    for (String c :
        List.of(
            "daily_activity",
            "daily_readiness",
            "daily_spo2",
            "daily_sleep",
            "workout",
            "sleep",
            "heartrate")) {
      serve(c);
    }
    fake.route(BASE + "personal_info", q -> FakeProvider.Reply.json("{\"id\":\"u1\"}"));
    kit.connectDirectly();
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  private void serve(String collection, String... documents) throws Exception {
    List<JsonNode> docs = new java.util.ArrayList<>();
    for (String d : documents) {
      docs.add(JSON.readTree(d));
    }
    fake.route(BASE + collection, new PagedCollection(docs, 10));
  }

  private SyncRun sync() throws Exception {
    return kit.engine.sync("oura");
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  @Test
  void dailyActivityWithoutActivityTimesKeepsItsStepsAndEnergy() throws Exception {
    serve(
        "daily_activity",
        "{\"id\":\"a1\",\"day\":\"2026-08-10\",\"steps\":8000,\"active_calories\":300}",
        "{\"id\":\"a2\",\"day\":\"2026-08-11\",\"high_activity_time\":600}",
        "{\"id\":\"a3\",\"day\":\"2026-08-09\"}");
    SyncRun run = sync();
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(run.errors()).isEmpty();
    assertThat(of(MetricType.STEPS)).extracting(Sample::value).containsExactly(8000.0);
    assertThat(of(MetricType.ACTIVE_ENERGY)).hasSize(1);
    assertThat(of(MetricType.EXERCISE_TIME)).extracting(Sample::externalId).containsExactly("a2");
  }

  @Test
  void aDailyDocumentWithoutItsDayIsSkippedAndNamedWhileTheOthersAreStored() throws Exception {
    serve(
        "daily_activity",
        "{\"id\":\"no-day\",\"timestamp\":\"2026-08-10T04:00:00+00:00\",\"steps\":100}",
        "{\"id\":\"a1\",\"day\":\"2026-08-10\",\"steps\":8000}");
    SyncRun run = sync();
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(run.skipped()).isEqualTo(1);
    assertThat(run.errors()).containsExactly("daily_activity: skipped record no-day (no day)");
    assertThat(of(MetricType.STEPS)).extracting(Sample::externalId).containsExactly("a1");
  }

  @Test
  void readinessWithoutTemperatureOrContributorsStoresNothingAndFailsNothing() throws Exception {
    serve(
        "daily_readiness",
        "{\"id\":\"r1\",\"day\":\"2026-08-10\",\"score\":80}",
        "{\"id\":\"r2\",\"day\":\"2026-08-11\",\"temperature_deviation\":-0.2,\"contributors\":null}");
    SyncRun run = sync();
    assertThat(run.errors()).isEmpty();
    assertThat(of(MetricType.SKIN_TEMPERATURE_DEVIATION))
        .extracting(Sample::externalId)
        .containsExactly("r2");
  }

  @Test
  void spo2WithANullPercentageIsLeftOut() throws Exception {
    serve(
        "daily_spo2",
        "{\"id\":\"s1\",\"day\":\"2026-08-10\",\"spo2_percentage\":null}",
        "{\"id\":\"s2\",\"day\":\"2026-08-11\"}",
        "{\"id\":\"s3\",\"day\":\"2026-08-09\",\"spo2_percentage\":{\"average\":97.1}}");
    SyncRun run = sync();
    assertThat(run.errors()).isEmpty();
    assertThat(of(MetricType.OXYGEN_SATURATION))
        .extracting(Sample::externalId)
        .containsExactly("s3");
  }

  @Test
  void aWorkoutWithOnlyItsTimesIsStoredAndOneWithoutAnEndIsSkipped() throws Exception {
    serve(
        "workout",
        "{\"id\":\"w1\",\"day\":\"2026-08-10\",\"start_datetime\":\"2026-08-10T07:00:00+02:00\","
            + "\"end_datetime\":\"2026-08-10T07:30:00+02:00\"}",
        "{\"id\":\"w2\",\"day\":\"2026-08-10\",\"start_datetime\":\"2026-08-10T09:00:00+02:00\"}");
    SyncRun run = sync();
    assertThat(run.skipped()).isEqualTo(1);
    assertThat(run.errors()).containsExactly("workout: skipped record w2 (no end_datetime)");
    assertThat(of(MetricType.WORKOUT)).extracting(Sample::value).containsExactly(30.0);
  }

  @Test
  void heartRateRowsWithoutSourceAreKeptAndRowsWithoutBpmSkipped() throws Exception {
    serve(
        "heartrate",
        "{\"timestamp\":\"2026-08-10T07:00:00+00:00\",\"bpm\":61}",
        "{\"timestamp\":\"2026-08-10T07:05:00+00:00\",\"bpm\":null,\"source\":\"rest\"}");
    SyncRun run = sync();
    assertThat(run.skipped()).isEqualTo(1);
    assertThat(of(MetricType.HEART_RATE)).extracting(Sample::value).containsExactly(61.0);
  }

  @Test
  void aSleepWithOnlyItsBedtimesKeepsTheInBedInterval() throws Exception {
    serve(
        "sleep",
        "{\"id\":\"z1\",\"day\":\"2026-08-10\",\"bedtime_start\":\"2026-08-09T23:00:00+00:00\","
            + "\"bedtime_end\":\"2026-08-10T07:00:00+00:00\",\"heart_rate\":{\"items\":[60,61]},"
            + "\"hrv\":null,\"sleep_phase_5_min\":null}");
    SyncRun run = sync();
    assertThat(run.errors()).isEmpty();
    assertThat(of(MetricType.SLEEP_IN_BED)).extracting(Sample::value).containsExactly(480.0);
    assertThat(of(MetricType.HRV_RMSSD)).isEmpty();
    assertThat(of(MetricType.HEART_RATE)).isEmpty();
    assertThat(of(MetricType.RESTING_HEART_RATE)).isEmpty();
  }

  @Test
  void personalInfoWithoutWeightOrHeightStoresNothing() throws Exception {
    SyncRun run = sync();
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.BODY_MASS)).isEmpty();
    assertThat(of(MetricType.HEIGHT)).isEmpty();
  }
}
