package org.openvitals.connectors.fitbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvitals.connectors.fitbit.FakeGoogleHealth.json;
import static org.openvitals.connectors.fitbit.FakeGoogleHealth.offset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.OAuthConfig;
import org.openvitals.connectors.oauth.Pkce;
import org.openvitals.connectors.oauth.QueryStrings;
import org.openvitals.connectors.sync.CloudSettings;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.time.DayBoundaries;

/** Fitbit through the Google Health API, against a fake speaking the v4 data points wire format. */
class GoogleHealthSyncTest {
  private static final ZoneOffset BERLIN_SUMMER = ZoneOffset.ofHours(2);
  private static final ZoneOffset NEW_YORK_WINTER = ZoneOffset.ofHours(-5);
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:30Z"));
  private FakeProvider fake;
  private FakeGoogleHealth google;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    google = new FakeGoogleHealth(fake);
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("America/New_York")));
    // Reaches back to the Takeout sample's 2021 days.
    kit =
        new CloudTestKit(
            dir, fake, clock, store, new GoogleHealthConnector(), Map.of("history_days", "2200"));
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  private static ObjectNode interval(
      String union, Instant start, Duration length, ZoneOffset off, String valueField, String v) {
    return json(
        """
        {"dataSource":{"platform":"FITBIT","recordingMethod":"PASSIVELY_MEASURED"},
         "%s":{"interval":{"startTime":"%s","startUtcOffset":"%s","endTime":"%s","endUtcOffset":"%s"},
               "%s":%s}}\
        """
            .formatted(union, start, offset(off), start.plus(length), offset(off), valueField, v));
  }

  private static ObjectNode steps(Instant start, String count, ZoneOffset off) {
    return interval("steps", start, Duration.ofMinutes(1), off, "count", "\"" + count + "\"");
  }

  private static ObjectNode sampleAt(String union, Instant at, ZoneOffset off, String fields) {
    return json(
        """
        {"%s":{"sampleTime":{"physicalTime":"%s","utcOffset":"%s"},%s}}\
        """
            .formatted(union, at, offset(off), fields));
  }

  private static ObjectNode daily(String union, LocalDate day, String fields) {
    return json(
        """
        {"%s":{"date":{"year":%d,"month":%d,"day":%d},%s}}\
        """
            .formatted(union, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), fields));
  }

  /** A staged sleep; {@code stages} are (type, start, end) triples. */
  private static ObjectNode sleep(
      String id, String externalId, ZoneOffset off, String start, String end, String... stages) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < stages.length; i += 3) {
      list.append(list.isEmpty() ? "" : ",")
          .append(
              """
              {"type":"%s","startTime":"%s","startUtcOffset":"%s","endTime":"%s","endUtcOffset":"%s"}\
              """
                  .formatted(stages[i], stages[i + 1], offset(off), stages[i + 2], offset(off)));
    }
    String meta =
        externalId == null
            ? "{\"mainSleep\":true,\"processed\":true}"
            : "{\"externalId\":\"" + externalId + "\",\"mainSleep\":true,\"processed\":true}";
    return json(
        """
        {"name":"users/4f2b9/dataTypes/sleep/dataPoints/%s",
         "sleep":{"interval":{"startTime":"%s","startUtcOffset":"%s","endTime":"%s","endUtcOffset":"%s"},
                  "type":"STAGES","metadata":%s,"stages":[%s],
                  "summary":{"minutesAsleep":"404","minutesAwake":"46",
                             "stagesSummary":[{"type":"DEEP","minutes":"62","count":"4"}]}}}\
        """
            .formatted(id, start, offset(off), end, offset(off), meta, list));
  }

  private static ObjectNode exercise(String id, Instant start, Duration length, ZoneOffset off) {
    return json(
        """
        {"name":"users/4f2b9/dataTypes/exercise/dataPoints/%s",
         "exercise":{"interval":{"startTime":"%s","startUtcOffset":"%s","endTime":"%s","endUtcOffset":"%s"},
                     "exerciseType":"RUNNING","displayName":"Run","activeDuration":"%ds",
                     "metricsSummary":{"caloriesKcal":410.5,"distanceMillimeters":6012000.0,
                                       "averageHeartRateBeatsPerMinute":"151","steps":"5230"}}}\
        """
            .formatted(
                id,
                start,
                offset(off),
                start.plus(length),
                offset(off),
                length.minusMinutes(5).toSeconds()));
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  private SyncRun sync() throws InterruptedException {
    return kit.engine.sync(GoogleHealthConnector.ID);
  }

  @Test
  void everyDataTypeMapsWithItsOffsetAndItsInt64Strings() throws Exception {
    kit.connectDirectly();
    Instant eight = Instant.parse("2026-08-10T08:00:00Z");
    LocalDate day = LocalDate.parse("2026-08-10");
    google.add("steps", steps(eight, "87", BERLIN_SUMMER));
    google.add("steps", steps(eight.plusSeconds(60), "many", BERLIN_SUMMER));
    google.add(
        "distance",
        interval(
            "distance", eight, Duration.ofMinutes(1), BERLIN_SUMMER, "millimeters", "\"64000\""));
    google.add(
        "floors",
        interval("floors", eight, Duration.ofMinutes(1), BERLIN_SUMMER, "count", "\"2\""));
    google.add(
        "active-energy-burned",
        interval(
            "activeEnergyBurned", eight, Duration.ofMinutes(1), BERLIN_SUMMER, "kcal", "3.25"));
    google.add(
        "heart-rate",
        sampleAt("heartRate", eight.plusSeconds(5), BERLIN_SUMMER, "\"beatsPerMinute\":\"72\""));
    google.add(
        "daily-resting-heart-rate",
        daily("dailyRestingHeartRate", day, "\"beatsPerMinute\":\"58\""));
    google.add(
        "daily-heart-rate-variability",
        daily(
            "dailyHeartRateVariability",
            day,
            "\"averageHeartRateVariabilityMilliseconds\":41.5,\"entropy\":2.1"));
    google.add(
        "daily-oxygen-saturation",
        daily(
            "dailyOxygenSaturation",
            day,
            "\"averagePercentage\":95.5,\"lowerBoundPercentage\":93.0,\"upperBoundPercentage\":98.0"));
    google.add(
        "daily-respiratory-rate", daily("dailyRespiratoryRate", day, "\"breathsPerMinute\":14.2"));
    google.add(
        "daily-sleep-temperature-derivations",
        daily(
            "dailySleepTemperatureDerivations",
            day,
            "\"nightlyTemperatureCelsius\":33.9,\"baselineTemperatureCelsius\":34.1"));
    Instant weighed = Instant.parse("2026-08-10T06:30:00Z");
    google.add("weight", sampleAt("weight", weighed, BERLIN_SUMMER, "\"weightGrams\":72500.0"));
    google.add("body-fat", sampleAt("bodyFat", weighed, BERLIN_SUMMER, "\"percentage\":18.5"));
    google.add(
        "sleep",
        sleep(
            "a1b2c3d4",
            "40000000001",
            BERLIN_SUMMER,
            "2026-08-09T21:00:00Z",
            "2026-08-10T05:00:00Z",
            "LIGHT",
            "2026-08-09T21:00:00Z",
            "2026-08-09T22:00:00Z",
            "DEEP",
            "2026-08-09T22:00:00Z",
            "2026-08-09T23:30:00Z",
            "REM",
            "2026-08-09T23:30:00Z",
            "2026-08-10T01:00:00Z",
            "AWAKE",
            "2026-08-10T01:00:00Z",
            "2026-08-10T01:10:00Z",
            "LIGHT",
            "2026-08-10T01:10:00Z",
            "2026-08-10T05:00:00Z"));
    google.add(
        "exercise",
        exercise(
            "run-1", Instant.parse("2026-08-10T16:00:00Z"), Duration.ofMinutes(45), BERLIN_SUMMER));

    SyncRun run = sync();

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(run.errors()).singleElement().asString().contains("steps: skipped record", "many");
    Sample step = of(MetricType.STEPS).getFirst();
    assertThat(of(MetricType.STEPS)).hasSize(1);
    assertThat(step.value()).isEqualTo(87.0);
    assertThat(step.start()).hasToString("2026-08-10T10:00+02:00");
    assertThat(step.end()).hasToString("2026-08-10T10:01+02:00");
    assertThat(step.source()).isEqualTo(FitbitTakeoutImporter.SOURCE);
    assertThat(of(MetricType.DISTANCE)).extracting(Sample::value).containsExactly(64.0);
    assertThat(of(MetricType.FLIGHTS_CLIMBED)).extracting(Sample::value).containsExactly(2.0);
    assertThat(of(MetricType.ACTIVE_ENERGY)).extracting(Sample::value).containsExactly(3.25);
    Sample bpm = of(MetricType.HEART_RATE).getFirst();
    assertThat(bpm.value()).isEqualTo(72.0);
    assertThat(bpm.start()).hasToString("2026-08-10T10:00:05+02:00");
    assertThat(of(MetricType.RESTING_HEART_RATE))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.value()).isEqualTo(58.0);
          assertThat(r.externalId()).isEqualTo("2026-08-10");
          assertThat(r.start()).hasToString("2026-08-10T00:00-04:00"); // the store's day zone
        });
    assertThat(of(MetricType.HRV_RMSSD)).extracting(Sample::value).containsExactly(41.5);
    assertThat(of(MetricType.HRV_SDNN)).isEmpty();
    assertThat(of(MetricType.OXYGEN_SATURATION)).extracting(Sample::value).containsExactly(95.5);
    assertThat(of(MetricType.RESPIRATORY_RATE)).extracting(Sample::value).containsExactly(14.2);
    assertThat(of(MetricType.SLEEPING_WRIST_TEMPERATURE))
        .extracting(Sample::value)
        .containsExactly(33.9);
    assertThat(of(MetricType.SKIN_TEMPERATURE_DEVIATION))
        .extracting(Sample::value)
        .containsExactly(-0.2);
    Sample weight = of(MetricType.BODY_MASS).getFirst();
    assertThat(weight.value()).isEqualTo(72.5);
    assertThat(weight.start()).hasToString("2026-08-10T08:30+02:00");
    // Fitbit's weight log id: 08:30 local read as UTC epoch milliseconds.
    assertThat(weight.externalId())
        .isEqualTo(Long.toString(Instant.parse("2026-08-10T08:30:00Z").toEpochMilli()));
    assertThat(of(MetricType.BODY_FAT_PERCENTAGE)).extracting(Sample::value).containsExactly(18.5);
    Sample inBed = of(MetricType.SLEEP_IN_BED).getFirst();
    assertThat(inBed.value()).isEqualTo(480.0);
    assertThat(inBed.start()).hasToString("2026-08-09T23:00+02:00");
    assertThat(inBed.externalId()).isEqualTo("40000000001");
    assertThat(inBed.metadata())
        .containsEntry("deep_minutes", "62")
        .containsEntry("main_sleep", "true")
        .containsEntry("type", "stages");
    assertThat(of(MetricType.SLEEP_CORE)).extracting(Sample::value).containsExactly(60.0, 230.0);
    assertThat(of(MetricType.SLEEP_CORE).getFirst().externalId())
        .isEqualTo("40000000001/2026-08-09T23:00:00.000");
    assertThat(of(MetricType.SLEEP_DEEP)).extracting(Sample::value).containsExactly(90.0);
    assertThat(of(MetricType.SLEEP_REM)).extracting(Sample::value).containsExactly(90.0);
    assertThat(of(MetricType.SLEEP_AWAKE)).extracting(Sample::value).containsExactly(10.0);
    Sample run1 = of(MetricType.WORKOUT).getFirst();
    assertThat(run1.value()).isEqualTo(40.0);
    assertThat(run1.start()).hasToString("2026-08-10T18:00+02:00");
    assertThat(run1.externalId()).isEqualTo("exercise/2026-08-10T16:00:00Z");
    assertThat(run1.metadata())
        .containsEntry("activity", "Run")
        .containsEntry("exercise_type", "RUNNING")
        .containsEntry("distance", "6.012")
        .containsEntry("averageHeartRate", "151")
        .containsEntry("calories", "410.5");
  }

  @Test
  void pagesFollowNextPageTokenAndARepeatedSyncStoresNothing() throws Exception {
    kit.connectDirectly();
    Instant start = Instant.parse("2026-08-08T00:00:00Z");
    for (int i = 0; i < 3000; i++) {
      google.add(
          "steps", steps(start.plusSeconds(60L * i), Integer.toString(10 + i % 50), BERLIN_SUMMER));
    }

    SyncRun run = sync();

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.STEPS)).hasSize(3000);
    List<String> stepCalls =
        fake.apiCalls.stream().filter(c -> c.contains("/dataTypes/steps/")).toList();
    assertThat(stepCalls).hasSize(3).allMatch(c -> c.contains("pageSize=1440"));
    assertThat(stepCalls.get(1)).contains("pageToken=");

    clock.advance(Duration.ofHours(1));
    assertThat(sync().written()).isZero();
  }

  @Test
  void anInterruptedSyncResumesFromItsPageTokenWithoutGapsOrDuplicates() throws Exception {
    kit.connectDirectly();
    Instant start = Instant.parse("2026-08-08T00:00:00Z");
    for (int i = 0; i < 3000; i++) {
      google.add("steps", steps(start.plusSeconds(60L * i), "25", BERLIN_SUMMER));
    }
    store.failAfterWrites = 1; // the first page of steps is stored, then the process "dies"
    SyncRun broken = sync();
    assertThat(broken.outcome()).isEqualTo(SyncState.ERROR);
    assertThat(of(MetricType.STEPS)).hasSize(1440);
    store.failAfterWrites = -1;
    fake.apiCalls.clear();

    SyncRun resumed = sync();

    assertThat(resumed.outcome()).as(resumed.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(of(MetricType.STEPS)).hasSize(3000);
    assertThat(fake.apiCalls.stream().filter(c -> c.contains("/dataTypes/steps/")).findFirst())
        .hasValueSatisfying(c -> assertThat(c).contains("pageToken="));
  }

  @Test
  void quota429sAreWaitedOutAndATokenExpiringMeanwhileIsRefreshedOnce() throws Exception {
    fake.tokenLifetime = Duration.ofMinutes(20);
    kit.connectDirectly();
    String firstRefresh = kit.vault.read("fitbit").orElseThrow().tokens().refreshToken();
    google.add("steps", steps(Instant.parse("2026-08-11T07:00:00Z"), "120", BERLIN_SUMMER));
    google.add(
        "heart-rate",
        sampleAt(
            "heartRate",
            Instant.parse("2026-08-11T07:00:00Z"),
            BERLIN_SUMMER,
            "\"beatsPerMinute\":\"64\""));
    FakeProvider.Reply quota =
        FakeGoogleHealth.error(
            429, "Quota exceeded for quota metric 'Read requests' per user.", "RESOURCE_EXHAUSTED");
    FakeProvider.Reply quarterHour =
        new FakeProvider.Reply(429, quota.body(), Map.of("Retry-After", "900"));
    fake.fault(quarterHour);
    fake.fault(quarterHour);
    fake.fault(quota); // no Retry-After: backoff

    SyncRun run = sync();

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(Duration.between(fake.apiCallTimes.get(0), fake.apiCallTimes.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(30));
    assertThat(of(MetricType.STEPS)).extracting(Sample::value).containsExactly(120.0);
    assertThat(of(MetricType.HEART_RATE)).extracting(Sample::value).containsExactly(64.0);
    // Half an hour of waiting outlived the 20-minute token: refreshed once, nothing lost.
    assertThat(fake.refreshCount).hasValue(1);
    assertThat(fake.refreshTokenValid(firstRefresh)).isFalse();
    assertThat(
            fake.refreshTokenValid(kit.vault.read("fitbit").orElseThrow().tokens().refreshToken()))
        .isTrue();
  }

  @Test
  void googlesRefreshAnswerWithoutARefreshTokenKeepsTheOneWeHave() throws Exception {
    fake.rotateRefreshTokens = false; // Google keeps one refresh token per grant
    kit.connectDirectly();
    String refresh = kit.vault.read("fitbit").orElseThrow().tokens().refreshToken();
    google.add("steps", steps(Instant.parse("2026-08-11T07:00:00Z"), "120", BERLIN_SUMMER));

    clock.advance(Duration.ofHours(2)); // the hour-long access token is gone
    SyncRun first = sync();
    clock.advance(Duration.ofHours(2));
    SyncRun second = sync();

    assertThat(first.outcome()).as(first.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(second.outcome()).as(second.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(fake.refreshCount).hasValue(2);
    assertThat(kit.vault.read("fitbit").orElseThrow().tokens().refreshToken()).isEqualTo(refresh);
    assertThat(of(MetricType.STEPS)).hasSize(1);
  }

  @Test
  void aDataTypeWhoseScopeWasNotGrantedIsLeftOutAndNamed() throws Exception {
    kit.connectDirectly();
    google.denied.add("sleep");
    google.add("steps", steps(Instant.parse("2026-08-11T07:00:00Z"), "120", BERLIN_SUMMER));

    SyncRun run = sync();

    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(run.errors())
        .singleElement()
        .asString()
        .startsWith("sleep: ")
        .contains("sleep.readonly");
    assertThat(of(MetricType.STEPS)).hasSize(1);
  }

  @Test
  void theSignInAsksForOfflineAccessWithPkceAndOnlyTheTickedScopes() {
    OAuthConfig all =
        new CloudSettings(new Properties(), Map.of()).resolve(GoogleHealthConnector.INFO).oauth();
    OAuthConfig sleepOnly =
        new CloudSettings(
                new Properties(),
                Map.of(
                    CloudSettings.envName("fitbit", "scopes"),
                    "https://www.googleapis.com/auth/googlehealth.sleep.readonly"))
            .resolve(GoogleHealthConnector.INFO)
            .oauth();

    URI url =
        AuthorizationFlow.authorizationUrl(
            sleepOnly.withClient("123.apps.googleusercontent.com", "GOCSPX-x"),
            URI.create("http://127.0.0.1:50123/callback"),
            "50123.abc",
            Pkce.create(new SecureRandom()));

    Map<String, String> q = QueryStrings.decode(url.getRawQuery());
    assertThat(url.getHost()).isEqualTo("accounts.google.com");
    assertThat(q)
        .containsEntry("access_type", "offline")
        .containsEntry("prompt", "consent")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("redirect_uri", "http://127.0.0.1:50123/callback")
        .containsEntry("scope", "https://www.googleapis.com/auth/googlehealth.sleep.readonly");
    assertThat(all.scopes())
        .containsExactly(
            "https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly",
            "https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly",
            "https://www.googleapis.com/auth/googlehealth.sleep.readonly");
  }

  @Test
  void theTickedScopesAreKeptAndTheSignInAsksForThoseOnly() throws Exception {
    assertThat(kit.engine.askedScopes("fitbit"))
        .containsExactly("activity_and_fitness", "health_metrics_and_measurements", "sleep");

    kit.engine.chooseScopes("fitbit", List.of("sleep", "nutrition"));

    OAuthConfig config = kit.engine.settings("fitbit").oauth();
    URI url =
        AuthorizationFlow.authorizationUrl(
            config.withClient("123.apps.googleusercontent.com", "GOCSPX-x"),
            URI.create("http://127.0.0.1:50123/callback"),
            "50123.abc",
            Pkce.create(new SecureRandom()));
    assertThat(QueryStrings.decode(url.getRawQuery()))
        .containsEntry(
            "scope",
            "https://www.googleapis.com/auth/googlehealth.sleep.readonly"
                + " https://www.googleapis.com/auth/googlehealth.nutrition.readonly");
    assertThat(kit.engine.askedScopes("fitbit")).containsExactly("sleep", "nutrition");
    assertThatThrownBy(() -> kit.engine.chooseScopes("fitbit", List.of()))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> kit.engine.chooseScopes("fitbit", List.of("steps")))
        .hasMessageContaining("Unknown scope 'steps'")
        .hasMessageContaining("activity_and_fitness, health_metrics_and_measurements, sleep");
  }

  @Test
  void aDayImportedFromTakeoutAndSyncedFromTheApiIsStoredOnce() throws Exception {
    Path takeout = Path.of(getClass().getResource("/fitbit/Takeout").toURI());
    new FitbitTakeoutImporter(ZoneId.of("America/New_York"), ZoneOffset.UTC)
        .importFile(takeout, store, ImportListener.NONE);
    Map<MetricType, Integer> before = counts();
    double stepsBefore = dayTotal(MetricType.STEPS);
    kit.connectDirectly();
    serveTheTakeoutDay();

    SyncRun run = sync();

    assertThat(run.outcome()).as(run.errors().toString()).isEqualTo(SyncState.OK);
    assertThat(run.written()).isPositive(); // the API's offsets and metadata do update them
    assertThat(counts()).isEqualTo(before);
    assertThat(dayTotal(MetricType.STEPS)).isEqualTo(stepsBefore).isEqualTo(214.0);
    assertThat(of(MetricType.WORKOUT))
        .singleElement()
        .satisfies(w -> assertThat(w.externalId()).isEqualTo("exercise/2021-01-02T13:58:00Z"));
    assertThat(of(MetricType.BODY_MASS).getFirst().start())
        .hasToString("2021-01-02T07:58:51-05:00");
  }

  /** The Takeout sample's day as the Google Health API gives it (the user was in New York). */
  private void serveTheTakeoutDay() {
    google.add("steps", steps(Instant.parse("2021-01-02T13:59:00Z"), "12", NEW_YORK_WINTER));
    google.add("steps", steps(Instant.parse("2021-01-02T14:00:00Z"), "104", NEW_YORK_WINTER));
    google.add("steps", steps(Instant.parse("2021-01-02T14:01:00Z"), "98", NEW_YORK_WINTER));
    for (String[] hr :
        new String[][] {{"13:59:03", "71"}, {"13:59:08", "74"}, {"13:59:18", "78"}}) {
      google.add(
          "heart-rate",
          sampleAt(
              "heartRate",
              Instant.parse("2021-01-02T" + hr[0] + "Z"),
              NEW_YORK_WINTER,
              "\"beatsPerMinute\":\"" + hr[1] + "\""));
    }
    // Weighed at 07:58:51 New York time: Fitbit's log id 1609574331000.
    google.add(
        "weight",
        sampleAt(
            "weight",
            Instant.parse("2021-01-02T12:58:51Z"),
            NEW_YORK_WINTER,
            "\"weightGrams\":81700.0"));
    google.add(
        "body-fat",
        sampleAt(
            "bodyFat",
            Instant.parse("2021-01-02T12:58:51Z"),
            NEW_YORK_WINTER,
            "\"percentage\":21.5"));
    google.add(
        "sleep",
        sleep(
            "9f8e7d6c",
            "30258101937",
            NEW_YORK_WINTER,
            "2021-01-02T04:10:30Z",
            "2021-01-02T11:40:30Z",
            "AWAKE",
            "2021-01-02T04:10:30Z",
            "2021-01-02T04:20:30Z",
            "LIGHT",
            "2021-01-02T04:20:30Z",
            "2021-01-02T04:50:30Z",
            "DEEP",
            "2021-01-02T04:50:30Z",
            "2021-01-02T05:52:30Z",
            "REM",
            "2021-01-02T05:52:30Z",
            "2021-01-02T07:23:30Z",
            "LIGHT",
            "2021-01-02T07:23:30Z",
            "2021-01-02T11:40:30Z"));
    // The Takeout walk, which the API knows by its own id.
    google.add(
        "exercise",
        exercise(
            "5b6c7d8e",
            Instant.parse("2021-01-02T13:58:22Z"),
            Duration.ofSeconds(1843),
            NEW_YORK_WINTER));
  }

  @Test
  void theApiFirstAndTakeoutLaterMatchToo() throws Exception {
    Path takeout = Path.of(getClass().getResource("/fitbit/Takeout").toURI());
    FitbitTakeoutImporter importer =
        new FitbitTakeoutImporter(ZoneId.of("America/New_York"), ZoneOffset.UTC);
    kit.connectDirectly();
    serveTheTakeoutDay();
    assertThat(sync().outcome()).isEqualTo(SyncState.OK);

    importer.importFile(takeout, store, ImportListener.NONE);

    // What Takeout alone stores, in another store: the same counts, the exercise included (the
    // API does not send Fitbit's log id; both key it by its start minute).
    Map<MetricType, Integer> expected;
    try (CrashingStore alone = CrashingStore.open(dir.resolve("alone"))) {
      importer.importFile(takeout, alone, ImportListener.NONE);
      expected = new java.util.EnumMap<>(MetricType.class);
      alone.all().forEach(s -> expected.merge(s.type(), 1, Integer::sum));
    }
    assertThat(counts()).isEqualTo(expected).containsEntry(MetricType.WORKOUT, 1);
    assertThat(dayTotal(MetricType.STEPS)).isEqualTo(214.0);
  }

  private Map<MetricType, Integer> counts() {
    Map<MetricType, Integer> counts = new java.util.EnumMap<>(MetricType.class);
    store.all().forEach(s -> counts.merge(s.type(), 1, Integer::sum));
    return counts;
  }

  private double dayTotal(MetricType type) {
    return store.daily(type, LocalDate.parse("2021-01-02"), LocalDate.parse("2021-01-02")).stream()
        .mapToDouble(r -> r.sum())
        .sum();
  }
}
