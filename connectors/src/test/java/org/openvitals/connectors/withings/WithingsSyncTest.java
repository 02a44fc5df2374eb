package org.openvitals.connectors.withings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.CrashingStore;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.QueryStrings;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.time.DayBoundaries;

/** Withings sync against a fake Withings API serving the recorded fixtures. */
class WithingsSyncTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2024-01-15T08:30:00Z"));
  private FakeProvider fake;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, true);
    fake.requirePkce = false;
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("Europe/Amsterdam")));
    kit =
        new CloudTestKit(
            dir,
            fake,
            clock,
            store,
            new WithingsConnector(),
            Map.of("history_days", "3650", "relay_url", "https://relay.example.org/openvitals/"));
    FakeWithingsApi.install(fake, 40);
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  @Test
  void connectThroughTheRelayPageWithWithingsTokenEnvelope() throws Exception {
    TokenSet tokens =
        kit.engine.connect(
            "withings",
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20)),
            url ->
                CompletableFuture.runAsync(() -> {
                  try {
                    HttpClient http =
                        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                    HttpResponse<String> consent =
                        http.send(
                            HttpRequest.newBuilder(url).build(),
                            HttpResponse.BodyHandlers.ofString());
                    URI relay = URI.create(consent.headers().firstValue("Location").orElseThrow());
                    assertThat(relay.getHost()).isEqualTo("relay.example.org");
                    // What the relay page does: forward code and state to the port carried in
                    // state.
                    Map<String, String> q = QueryStrings.decode(relay.getRawQuery());
                    String port = q.get("state").substring(0, q.get("state").indexOf('.'));
                    HttpResponse<String> page =
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        "http://127.0.0.1:"
                                            + port
                                            + "/callback?"
                                            + relay.getRawQuery()))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(page.body()).contains("You can close this tab");
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                }),
            null,
            m -> {});
    assertThat(tokens.userId()).isEqualTo("12345");
    assertThat(tokens.scope()).isEqualTo("user.metrics,user.activity");
    assertThat(kit.vault.read("withings").orElseThrow().clientSecret())
        .isEqualTo(FakeProvider.CLIENT_SECRET);
    assertThat(kit.engine.sync("withings").outcome()).isEqualTo(SyncState.OK);
  }

  @Test
  void measuresAreScaledByTheirExponentAndDuplicatesDropped() throws Exception {
    kit.connectDirectly();
    SyncRun run = kit.engine.sync("withings");
    assertThat(run.errors()).isEmpty();

    // grpid 4815757309 arrives twice (attrib 0 and 8): one weight, 118003 * 10^-3 kg.
    List<Sample> weights = of(MetricType.BODY_MASS);
    assertThat(weights)
        .filteredOn(s -> s.externalId().startsWith("4815757309:"))
        .singleElement()
        .satisfies(w -> {
          assertThat(w.value()).isEqualTo(118.003);
          assertThat(w.start()).isEqualTo(OffsetDateTime.parse("2023-09-02T12:39:11+02:00"));
          assertThat(w.source().key()).isEqualTo("withings/Body+");
          assertThat(w.device()).isEqualTo("f998be4b9ccc9e136fd8cd8e8e344c31ec3b271d");
        });
    // Body Scan group 5149666502: fat-free mass listed twice at position 7, 7718 * 10^-2 kg.
    assertThat(of(MetricType.LEAN_BODY_MASS))
        .filteredOn(s -> s.externalId().equals("5149666502:5"))
        .singleElement()
        .extracting(Sample::value)
        .isEqualTo(77.18);
    assertThat(of(MetricType.BODY_FAT_PERCENTAGE))
        .filteredOn(s -> s.externalId().equals("5149666502:6"))
        .singleElement()
        .extracting(Sample::value)
        .isEqualTo(19.467);
    assertThat(of(MetricType.BONE_MASS))
        .filteredOn(s -> s.externalId().equals("5149666502:88"))
        .singleElement()
        .extracting(Sample::value)
        .isEqualTo(3.8);
    assertThat(of(MetricType.HEART_RATE)).anySatisfy(s -> assertThat(s.value()).isEqualTo(120.0));
    assertThat(run.skipped())
        .isPositive(); // segmental and unknown codes (168-175, 196-198, 226 ...)
  }

  @Test
  void activitySleepAndWorkoutsAreMapped() throws Exception {
    kit.connectDirectly();
    kit.engine.sync("withings");
    Sample steps =
        of(MetricType.STEPS).stream()
            .filter(s -> s.externalId().equals("activity:2023-10-20"))
            .findFirst()
            .orElseThrow();
    assertThat(steps.value()).isEqualTo(1209.0);
    assertThat(steps.start()).isEqualTo(OffsetDateTime.parse("2023-10-20T00:00+02:00"));
    assertThat(steps.source().key()).isEqualTo("withings/GoogleFit tracker");
    assertThat(of(MetricType.DISTANCE)).anySatisfy(d -> assertThat(d.value()).isEqualTo(1028.559));

    Sample night =
        of(MetricType.SLEEP_IN_BED).stream()
            .filter(s -> s.externalId().equals("2081804182"))
            .findFirst()
            .orElseThrow();
    assertThat(night.value()).isEqualTo((1618713173 - 1618691453) / 60.0);
    assertThat(night.start().getOffset().getTotalSeconds())
        .isEqualTo(7200); // Europe/Paris in April
    assertThat(night.source().name()).isEqualTo("Withings Sleep");
    assertThat(night.metadata())
        .containsEntry("sleep_score", "37")
        .containsEntry("sleep_efficiency", "0.86");
    assertThat(of(MetricType.SLEEP_AWAKE))
        .anySatisfy(s -> {
          assertThat(s.start().toEpochSecond()).isEqualTo(1618691453);
          assertThat(s.value()).isEqualTo(2.0);
        });
    assertThat(of(MetricType.SLEEP_DEEP)).isNotEmpty();
    assertThat(of(MetricType.SLEEP_REM)).isNotEmpty();
    assertThat(of(MetricType.RESPIRATORY_RATE))
        .anySatisfy(s -> assertThat(s.start().toEpochSecond()).isEqualTo(1618691453));
    assertThat(of(MetricType.HEART_RATE))
        .anySatisfy(s -> {
          assertThat(s.start().toEpochSecond()).isEqualTo(1618691513);
          assertThat(s.value()).isEqualTo(71.0);
        });
    assertThat(of(MetricType.WORKOUT))
        .filteredOn(w -> w.externalId().equals("3661300277"))
        .singleElement()
        .satisfies(w -> {
          assertThat(w.value()).isEqualTo((1693336513 - 1693336011) / 60.0);
          assertThat(w.metadata())
              .containsEntry("withings_category", "1")
              .containsEntry("steps", "779");
        });
    assertThat(of(MetricType.HEART_RATE))
        .filteredOn(s -> s.source().name().equals("ScanWatch"))
        .isNotEmpty();
  }

  @Test
  void theRequestBudgetKeepsToWithingsLimit() throws Exception {
    kit.connectDirectly();
    SyncRun run = kit.engine.sync("withings");
    assertThat(run.requests()).isGreaterThan(120);
    List<Instant> times = fake.apiCallTimes;
    for (int i = 120; i < times.size(); i++) {
      assertThat(Duration.between(times.get(i - 120), times.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
    assertThat(clock.sleeps).isNotEmpty();
  }

  @Test
  void repeatedSyncsStoreNothingTwiceAndAskOnlyForChanges() throws Exception {
    kit.connectDirectly();
    kit.engine.sync("withings");
    int stored = store.all().size();
    clock.advance(Duration.ofHours(1));
    fake.apiCalls.clear();
    SyncRun again = kit.engine.sync("withings");
    assertThat(again.written()).isZero();
    assertThat(store.all()).hasSize(stored);
    assertThat(fake.apiCalls)
        .filteredOn(c -> c.startsWith("/measure?action=getmeas"))
        .allMatch(c ->
            c.contains(
                "lastupdate=" + (Instant.parse("2024-01-15T08:30:00Z").getEpochSecond() - 300)));
  }

  @Test
  void bodyStatusErrorsAreMapped() throws Exception {
    kit.connectDirectly();
    fake.fault(
        FakeProvider.Reply.json("{\"status\":601,\"body\":{},\"error\":\"Too Many Requests\"}"));
    fake.fault(
        FakeProvider.Reply.json(
            "{\"status\":2555,\"body\":{},\"error\":\"An unknown error occurred\"}"));
    SyncRun run = kit.engine.sync("withings");
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(clock.sleeps).contains(Duration.ofMinutes(1));

    fake.fault(
        FakeProvider.Reply.json("{\"status\":503,\"body\":{},\"error\":\"Invalid Params\"}"));
    SyncRun failed = kit.engine.sync("withings");
    assertThat(failed.outcome()).isEqualTo(SyncState.ERROR);
    assertThat(failed.errors())
        .singleElement()
        .asString()
        .startsWith("measures:")
        .contains("invalid parameters (status 503)")
        .contains("Invalid Params");
  }

  @Test
  void anExpiredTokenInTheBodyStatusIsRefreshed() throws Exception {
    kit.connectDirectly();
    fake.fault(
        FakeProvider.Reply.json(
            "{\"status\":401,\"body\":{},\"error\":\"XRequestID: Not provided invalid_token: The access token provided is invalid\"}"));
    SyncRun run = kit.engine.sync("withings");
    assertThat(run.outcome()).isEqualTo(SyncState.OK);
    assertThat(fake.refreshCount).hasValue(1);
  }

  @Test
  void anInterruptedSyncResumesAtTheSavedOffset() throws Exception {
    kit.connectDirectly();
    store.failAfterWrites = 3; // dies within the sleep summaries' pages
    kit.engine.sync("withings");
    store.failAfterWrites = -1;
    fake.apiCalls.clear();
    assertThat(kit.engine.sync("withings").outcome()).isEqualTo(SyncState.OK);
    int stored = store.all().size();
    assertThat(store.all()).doesNotHaveDuplicates();
    CrashingStore fresh = CrashingStore.open(dir.resolve("clean-store"));
    CloudTestKit clean =
        new CloudTestKit(
            dir.resolve("clean"),
            fake,
            clock,
            fresh,
            new WithingsConnector(),
            Map.of("history_days", "3650"));
    clean.connectDirectly();
    clean.engine.sync("withings");
    assertThat(stored).isEqualTo(fresh.all().size());
    fresh.close();
  }

  @Test
  void thePasteFallbackAcceptsTheRedirectUrl() throws Exception {
    StringBuilder shown = new StringBuilder();
    java.io.PipedWriter typed = new java.io.PipedWriter();
    BufferedReader console = new BufferedReader(new java.io.PipedReader(typed));
    kit.engine.connect(
        "withings",
        FakeProvider.CLIENT_ID,
        FakeProvider.CLIENT_SECRET,
        new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20)),
        url -> {
          shown.append(url);
          CompletableFuture.runAsync(() -> {
            try {
              HttpClient http =
                  HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
              String landed =
                  http.send(
                          HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString())
                      .headers()
                      .firstValue("Location")
                      .orElseThrow();
              typed.write(landed + "\n"); // the user copies the address bar
              typed.flush();
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
        },
        console,
        m -> {});
    assertThat(shown.toString()).contains("scope=user.info%2Cuser.metrics%2Cuser.activity");
    assertThat(kit.vault.read("withings")).isPresent();
  }

  @Test
  void aNightWithingsRevisesIsUpdatedInPlace() throws Exception {
    List<com.fasterxml.jackson.databind.JsonNode> sparse =
        FakeWithingsApi.list(
            FakeWithingsApi.fixture("sleep_summary_no_datafields.json")
                .path("body")
                .path("series"));
    fake.route(
        "/v2/sleep?action=getsummary",
        q ->
            FakeProvider.Reply.json(
                "{\"status\":0,\"body\":{\"series\":" + sparse + ",\"more\":false,\"offset\":0}}"));
    kit.connectDirectly();
    kit.engine.sync("withings");
    Sample before =
        of(MetricType.SLEEP_IN_BED).stream()
            .filter(s -> s.externalId().equals("2081804182"))
            .findFirst()
            .orElseThrow();
    assertThat(before.metadata())
        .containsEntry("total_timeinbed", "21720")
        .doesNotContainKey("sleep_score");
    int nights = of(MetricType.SLEEP_IN_BED).size();

    // Later Withings sends the night again, modified now and with more fields.
    clock.advance(Duration.ofHours(2));
    com.fasterxml.jackson.databind.node.ArrayNode revised = FakeWithingsApi.JSON.createArrayNode();
    FakeWithingsApi.fixture("sleep_summary.json")
        .path("body")
        .path("series")
        .forEach(n -> {
          if (n.get("id").asLong() == 2081804182L) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n)
                .put("modified", clock.instant().getEpochSecond());
            revised.add(n);
          }
        });
    fake.route(
        "/v2/sleep?action=getsummary",
        q ->
            FakeProvider.Reply.json(
                "{\"status\":0,\"body\":{\"series\":"
                    + revised
                    + ",\"more\":false,\"offset\":0}}"));
    SyncRun run = kit.engine.sync("withings");
    Sample after =
        of(MetricType.SLEEP_IN_BED).stream()
            .filter(s -> s.externalId().equals("2081804182"))
            .findFirst()
            .orElseThrow();
    assertThat(after.metadata()).containsEntry("sleep_score", "37");
    assertThat(of(MetricType.SLEEP_IN_BED)).hasSize(nights);
    assertThat(run.written()).isPositive();
  }
}
