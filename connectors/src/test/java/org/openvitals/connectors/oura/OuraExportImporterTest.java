package org.openvitals.connectors.oura;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
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
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.testing.Fixtures;
import org.openvitals.core.time.DayBoundaries;

/** Oura's membership data export (test files: oura_export/SOURCE.txt). */
class OuraExportImporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.parse("2026-08-12T10:00:00Z"));
  private final OuraExportImporter importer = new OuraExportImporter();
  private FakeProvider fake;
  private CrashingStore store;
  private CloudTestKit kit;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeProvider(clock, false);
    store = CrashingStore.open(dir.resolve("store"));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("America/Los_Angeles")));
    kit = new CloudTestKit(dir, fake, clock, store, new OuraConnector(), Map.of());
  }

  @AfterEach
  void tearDown() {
    store.close();
    fake.close();
  }

  private static Path export() throws Exception {
    return Path.of(OuraExportImporterTest.class.getResource("/oura_export").toURI());
  }

  private static Path appData(String file) throws Exception {
    return export().resolve("App Data").resolve(file);
  }

  private List<Sample> of(MetricType type) {
    return store.all().stream().filter(s -> s.type() == type).toList();
  }

  @Test
  void recognisesTheExportButNotTheApisEnvelopeOrOtherFiles() throws Exception {
    assertThat(importer.canRead(export())).isTrue();
    assertThat(FileImporters.detect(export())).get().isInstanceOf(OuraExportImporter.class);
    for (String f : List.of("sleepmodel.csv", "heartrate.csv", "dailyactivity.csv")) {
      assertThat(FileImporters.detect(appData(f)))
          .as(f)
          .get()
          .isInstanceOf(OuraExportImporter.class);
    }
    Path collections = dir.resolve("oura_daily-sleep.json");
    Files.writeString(collections, "{\"daily_sleep\": [{\"day\": \"2023-08-14\", \"score\": 75}]}");
    assertThat(importer.canRead(collections)).isTrue();
    assertThat(importer.canRead(Fixtures.path("oura/ihadanidea_oura-mcp/daily_sleep.json")))
        .isFalse();
    assertThat(importer.canRead(Fixtures.path("cronometer/dhjelmar_Diabetes/servings.csv")))
        .isFalse();
    Path someoneElses = dir.resolve("workout.csv");
    Files.writeString(someoneElses, "day,minutes\n2026-08-01,30\n");
    assertThat(importer.canRead(someoneElses)).isFalse();
  }

  @Test
  void mapsEachCollectionAsTheApiDoes() throws Exception {
    ImportReport report = importer.importFile(export(), store, ImportListener.NONE);

    assertThat(report.rejected().count()).as(report.rejected().reasons().toString()).isZero();
    assertThat(report.unmapped()).containsKey("Oura deleted sleep periods");
    assertThat(of(MetricType.SLEEP_IN_BED)).hasSize(3);
    Sample night =
        of(MetricType.SLEEP_IN_BED).stream()
            .filter(s -> "dddddddd-0004-4000-8000-000000000001".equals(s.externalId()))
            .findFirst()
            .orElseThrow();
    assertThat(night.start()).hasToString("2026-08-09T23:14:02-07:00");
    assertThat(night.metadata()).containsEntry("type", "long_sleep").containsKey("sleep_score");
    // The hypnogram stays a digit string and the JSON heart-rate cell a series (one null gap).
    assertThat(of(MetricType.SLEEP_DEEP)).isNotEmpty();
    assertThat(of(MetricType.HEART_RATE))
        .filteredOn(s -> s.start().toInstant().equals(Instant.parse("2026-08-09T06:00:00Z")))
        .extracting(Sample::value)
        .containsExactly(60.0);
    assertThat(of(MetricType.HRV_RMSSD)).isNotEmpty();
    assertThat(of(MetricType.HRV_SDNN)).isEmpty();
    assertThat(of(MetricType.STEPS)).extracting(Sample::value).contains(8342.0);
    assertThat(of(MetricType.OXYGEN_SATURATION)).hasSize(2);
    assertThat(of(MetricType.SKIN_TEMPERATURE_DEVIATION)).hasSize(2);
    assertThat(of(MetricType.WORKOUT)).hasSize(2);
  }

  @Test
  void importingTheExportAgainStoresNothingNew() throws Exception {
    importer.importFile(export(), store, ImportListener.NONE);
    int samples = store.all().size();

    ImportReport again = importer.importFile(export(), store, ImportListener.NONE);

    assertThat(again.stored()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(store.all()).hasSize(samples);
  }

  @Test
  void daysSyncedFromTheApiAndImportedFromTheExportAreStoredOnce() throws Exception {
    String base = "/v2/usercollection/";
    for (String c :
        List.of(
            "daily_activity",
            "daily_readiness",
            "daily_spo2",
            "daily_sleep",
            "workout",
            "heartrate")) {
      fake.route(base + c, new PagedCollection(fixtureData(c + ".json"), 1));
    }
    List<JsonNode> sleeps = new ArrayList<>(fixtureData("sleep_page1.json"));
    sleeps.addAll(fixtureData("sleep_page2.json"));
    fake.route(base + "sleep", new PagedCollection(sleeps, 2));
    fake.route(
        base + "personal_info",
        q -> FakeProvider.Reply.json("{\"id\":\"u1\",\"age\":41,\"email\":null}"));
    kit.connectDirectly();
    assertThat(kit.engine.sync("oura").outcome()).isEqualTo(SyncState.OK);
    List<Sample> synced = store.all();

    ImportReport report = importer.importFile(export(), store, ImportListener.NONE);

    // Only the export's extra sleep period (its stages and heart-rate series) is new.
    String extraPeriod = "dddddddd-0004-4000-8000-00000000000f";
    Instant extraStart = Instant.parse("2026-08-09T06:00:00Z");
    Instant extraEnd = Instant.parse("2026-08-09T07:00:00Z");
    List<String> syncedKeys = synced.stream().map(OuraExportImporterTest::key).toList();
    List<String> extra =
        store.all().stream()
            .filter(s -> !syncedKeys.contains(key(s)))
            .filter(s -> s.externalId() == null || !s.externalId().startsWith(extraPeriod))
            .filter(s ->
                s.start().toInstant().isBefore(extraStart)
                    || s.start().toInstant().isAfter(extraEnd))
            .map(OuraExportImporterTest::key)
            .toList();
    assertThat(extra).isEmpty();
    assertThat(report.stored()).isPositive();
    assertThat(report.updated()).as("synced samples changed by the export").isZero();
    for (MetricType type :
        List.of(
            MetricType.STEPS,
            MetricType.SLEEP_IN_BED,
            MetricType.OXYGEN_SATURATION,
            MetricType.WORKOUT,
            MetricType.RESTING_HEART_RATE)) {
      assertThat(of(type).size())
          .as(type.id())
          .isEqualTo(
              synced.stream().filter(s -> s.type() == type).count()
                  + (type == MetricType.SLEEP_IN_BED ? 1 : 0));
    }
  }

  @Test
  void aJsonExportWithCollectionKeysIsReadAndADocumentWithoutIdIsRejectedSayingWhy()
      throws Exception {
    Path file = dir.resolve("oura_export.json");
    JsonNode spo2 =
        JSON.readTree(Fixtures.path("oura/ihadanidea_oura-mcp/daily_spo2.json").toFile());
    Files.writeString(
        file,
        "{\"daily_sleep\": [{\"day\": \"2023-08-14\", \"score\": 75}],"
            + " \"daily_spo2\": "
            + spo2.get("data")
            + ", \"daily_readiness\": [{\"day\": \"2023-08-14\", \"temperature_deviation\": 0.1}]}");

    ImportReport report = importer.importFile(file, store, ImportListener.NONE);

    assertThat(of(MetricType.OXYGEN_SATURATION)).hasSize(2);
    assertThat(report.rejected().reasons())
        .singleElement()
        .asString()
        .contains("daily_readiness 1")
        .contains("no id");
  }

  private static String key(Sample s) {
    return s.type().id() + "/" + (s.externalId() != null ? s.externalId() : s.start().toInstant());
  }

  private static List<JsonNode> fixtureData(String file) throws Exception {
    JsonNode page = JSON.readTree(Fixtures.path("oura/ihadanidea_oura-mcp/" + file).toFile());
    List<JsonNode> docs = new ArrayList<>();
    page.get("data").forEach(docs::add);
    return docs;
  }
}
