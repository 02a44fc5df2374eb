package org.openvitals.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.assistant.Answer;
import org.openvitals.app.assistant.AssistantSettings;
import org.openvitals.app.assistant.Conversations;
import org.openvitals.app.assistant.FakeOpenAiServer;
import org.openvitals.app.assistant.ToolCall;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.maps.MapTileSettings;
import org.openvitals.app.shell.MemoryPreferences;
import org.openvitals.core.export.ExportFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.time.DayBoundaries;

/** The Settings view model without a window: its jobs run at once, on the test's thread. */
class SettingsViewModelTest {
  static final SourceRef SCALE = new SourceRef("withings", "Withings Body+");
  static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");

  @TempDir Path dataDir;
  private final MemoryPreferences prefs = new MemoryPreferences();
  private AppContext context;
  private SettingsViewModel model;

  @BeforeEach
  void open() {
    context =
        new AppContext(StoreConfig.sqlite(dataDir), Clock.systemUTC(), TaskExecutor.immediate());
    context.store().putState("test.marker", "x");
    model = new SettingsViewModel(context, new UserSettings(prefs));
  }

  @AfterEach
  void close() {
    context.close();
  }

  /** Steps late in the evening UTC: 23:30 on March 1st is already March 2nd in Tokyo. */
  static List<Sample> lateEveningSteps() {
    OffsetDateTime at = OffsetDateTime.parse("2026-03-01T23:30:00Z");
    return List.of(
        Sample.of(MetricType.STEPS, at, at.plusMinutes(10), 800, WATCH),
        Sample.of(
            MetricType.BODY_MASS,
            OffsetDateTime.parse("2026-03-01T07:00:00Z"),
            OffsetDateTime.parse("2026-03-01T07:00:00Z"),
            72.5,
            SCALE));
  }

  @Test
  void unitsGoToEveryScreenAndAreRemembered() {
    model.unitSystemProperty().set(UnitSystem.IMPERIAL);

    assertThat(context.unitSystemProperty().get()).isEqualTo(UnitSystem.IMPERIAL);
    assertThat(new UserSettings(prefs).unitSystem()).isEqualTo(UnitSystem.IMPERIAL);
  }

  @Test
  void changingTheTimeZoneFilesTheDaysAgainAndTellsTheScreens() {
    context.store().upsert(lateEveningSteps());
    context.store().setDayBoundaries(DayBoundaries.parse("Etc/UTC"));
    model = new SettingsViewModel(context, new UserSettings(prefs));
    assertThat(stepDays()).containsExactly(LocalDate.parse("2026-03-01"));
    long version = context.dataVersionProperty().get();

    model.changeDayBoundaries("Asia/Tokyo");

    assertThat(stepDays()).containsExactly(LocalDate.parse("2026-03-02"));
    assertThat(model.dayBoundariesProperty().get()).isEqualTo("Asia/Tokyo");
    assertThat(context.store().dayBoundaries().id()).isEqualTo("Asia/Tokyo");
    assertThat(context.dataVersionProperty().get()).isGreaterThan(version);
    assertThat(model.messageProperty().get())
        .isEqualTo("Days now follow the time zone Asia/Tokyo.");

    model.changeDayBoundaries(SettingsViewModel.SAMPLE_LOCAL);

    assertThat(context.store().dayBoundaries().id()).isEqualTo("sample-local");
    assertThat(stepDays()).containsExactly(LocalDate.parse("2026-03-01")); // written with Z
  }

  @Test
  void deleteAllEmptiesTheStoreAndRemovesItsFilesButNothingElse() throws Exception {
    context.store().upsert(lateEveningSteps());
    Files.createDirectories(dataDir.resolve("vault"));
    Files.writeString(dataDir.resolve("vault/oura.vault"), "sealed token");
    Files.writeString(dataDir.resolve("cloud.properties"), "oura.client_id=abc\n");
    Files.createDirectories(dataDir.resolve("demo"));
    Files.writeString(dataDir.resolve("demo/openvitals.db"), "another store");
    Path db = dataDir.resolve("openvitals.db");
    long sizeBefore = Files.size(db);
    assertThat(DataFolderFiles.present(dataDir))
        .contains(db, dataDir.resolve("vault"))
        .doesNotContain(dataDir.resolve("cloud.properties"), dataDir.resolve("demo"));

    assertThat(model.deleteAll()).isTrue();

    assertThat(context.store().info().liveSamples()).isZero();
    assertThat(context.store().sources()).isEmpty();
    assertThat(context.store().state("test.marker")).isEmpty();
    assertThat(dataDir.resolve("vault")).doesNotExist();
    assertThat(dataDir.resolve("cloud.properties")).hasContent("oura.client_id=abc");
    assertThat(dataDir.resolve("demo/openvitals.db")).hasContent("another store");
    assertThat(db).exists(); // the fresh, empty store
    assertThat(Files.size(db)).isLessThanOrEqualTo(sizeBefore);
    assertThat(model.messageProperty().get()).startsWith("Deleted all data in " + dataDir);
  }

  @Test
  void deleteAllOfAnEncryptedH2StoreLeavesAFreshEncryptedStore(@TempDir Path other) {
    model.changeDataFolder(other, Engine.H2, "pw".toCharArray());
    context.store().upsert(lateEveningSteps());
    assertThat(other.resolve("openvitals.mv.db")).isRegularFile();

    assertThat(model.deleteAll()).isTrue();

    assertThat(context.store().info().liveSamples()).isZero();
    assertThat(context.store().info().encrypted()).isTrue();
    assertThat(model.inspect(other).encrypted()).isTrue();
    assertThat(dataDir.resolve("openvitals.db")).exists(); // the other folder is not touched
  }

  @Test
  void switchingToAnEmptyFolderCreatesAStoreOfTheChosenEngineAndRemembersIt(@TempDir Path other) {
    Path folder = other.resolve("encrypted");
    String[] seen = new String[1];
    context.storeProperty().addListener((p, b, now) -> seen[0] = now.config().dataDir().toString());

    boolean switched = model.changeDataFolder(folder, Engine.H2, "s3cret pass".toCharArray());

    assertThat(switched).isTrue();
    assertThat(seen[0]).isEqualTo(folder.toString());
    assertThat(context.storeConfig().engine()).isEqualTo(Engine.H2);
    assertThat(context.store().info().encrypted()).isTrue();
    assertThat(model.dataFolderProperty().get()).isEqualTo(folder.toString());
    assertThat(model.engineProperty().get()).isEqualTo("H2, encrypted");
    assertThat(new UserSettings(prefs).dataFolder()).contains(folder);
    assertThat(model.inspect(folder).encrypted()).isTrue();
  }

  @Test
  void aFolderWithAStoreKeepsItsEngine(@TempDir Path other) {
    new AppContext(StoreConfig.sqlite(other), Clock.systemUTC()).close();

    assertThat(model.changeDataFolder(other, Engine.H2, null)).isTrue();

    assertThat(context.storeConfig().engine()).isEqualTo(Engine.SQLITE);
    assertThat(model.engineProperty().get()).isEqualTo("SQLite");
  }

  @Test
  void aWrongPasswordKeepsTheCurrentStoreAndSaysWhy(@TempDir Path other) {
    model.changeDataFolder(other, Engine.H2, "right".toCharArray());
    model.changeDataFolder(dataDir, Engine.SQLITE, null);

    boolean switched = model.changeDataFolder(other, Engine.H2, "wrong".toCharArray());

    assertThat(switched).isFalse();
    assertThat(context.storeConfig().dataDir()).isEqualTo(dataDir);
    assertThat(model.failedProperty().get()).isTrue();
    assertThat(model.messageProperty().get()).contains("wrong password");
    assertThat(new UserSettings(prefs).dataFolder()).contains(dataDir);
  }

  @Test
  void exportWritesEverySampleToTheChosenFile(@TempDir Path out) throws Exception {
    context.store().upsert(lateEveningSteps());
    Path file = out.resolve("all.csv");

    model.export(file, ExportFormat.CSV);

    assertThat(Files.readAllLines(file)).hasSize(3).first().asString().startsWith("metric,");
    assertThat(model.busyProperty().get()).isFalse();
    assertThat(model.messageProperty().get()).isEqualTo("Exported 2 samples to " + file + ".");
  }

  @Test
  void exportStandardWritesTheFormatAndSaysWhatItLeftOut(@TempDir Path out) throws Exception {
    List<Sample> samples = new java.util.ArrayList<>(lateEveningSteps());
    OffsetDateTime at = OffsetDateTime.parse("2026-03-01T08:00:00Z");
    samples.add(Sample.of(MetricType.DISTANCE, at, at.plusMinutes(5), 400, WATCH));
    context.store().upsert(samples);
    Path file = out.resolve("omh.json");

    model.exportStandard(
        file,
        org.openvitals.connectors.export.StandardExport.Format.OMH,
        org.openvitals.connectors.export.StandardExport.Selection.everything());

    var points = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
    assertThat(points.size()).isEqualTo(2); // steps and weight; distance has no schema
    assertThat(model.busyProperty().get()).isFalse();
    assertThat(model.failedProperty().get()).isFalse();
    assertThat(model.messageProperty().get())
        .isEqualTo("Exported 2 data points to " + file + ". Left out 1: distance 1.");
  }

  @Test
  void deleteAllRemovesTheAssistantsConversation() {
    var conversations = new Conversations(dataDir);
    conversations.append(
        new Answer(
            Instant.parse("2026-11-30T08:00:00Z"),
            "How did I sleep?",
            "7.1 h on average.",
            List.of(new ToolCall("summary", "{}", "{\"mean\":7.1}", ToolCall.Outcome.OK))));
    assertThat(dataDir.resolve("assistant/conversation.json")).exists();

    assertThat(model.deleteAll()).isTrue();

    assertThat(dataDir.resolve("assistant")).doesNotExist();
    assertThat(conversations.load()).isEmpty();
  }

  @Test
  void theAssistantFormIsSavedWhereTheInsightsScreenReadsIt() {
    assertThat(model.assistantEnabledProperty().get()).isFalse(); // off by default
    fillAssistant(AssistantSettings.Api.OLLAMA, "http://127.0.0.1:11434", "llama3.1");

    assertThat(model.saveAssistant(null)).isTrue();

    // UserSettings.forUser() is the node org/openvitals/app/settings: this is .../assistant.
    assertThat(prefs.node("assistant").get("url", null)).isEqualTo("http://127.0.0.1:11434");
    AssistantSettings saved = new UserSettings(prefs).assistant();
    assertThat(saved.enabled()).isTrue();
    assertThat(saved.model()).isEqualTo("llama3.1");
    assertThat(saved.refusal()).isNull();
    assertThat(model.assistantMessageProperty().get())
        .isEqualTo("Saved: the assistant asks 'llama3.1' at http://127.0.0.1:11434.");
    assertThat(
            new SettingsViewModel(context, new UserSettings(prefs)).assistantModelProperty().get())
        .isEqualTo("llama3.1");
  }

  @Test
  void mapTilesAreOffByDefaultAndTheFormIsSavedWhereTheWorkoutsPageReadsIt() {
    assertThat(model.mapTilesEnabledProperty().get()).isFalse();
    assertThat(model.mapTilesUrlProperty().get())
        .isEqualTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    assertThat(model.mapTilesAttributionProperty().get()).isEqualTo("© OpenStreetMap contributors");
    assertThat(new UserSettings(prefs).mapTiles().enabled()).isFalse();

    model.mapTilesEnabledProperty().set(true);
    assertThat(model.saveMapTiles()).isTrue();
    assertThat(model.mapTilesMessageProperty().get())
        .isEqualTo(
            "Saved: a workout's page asks tile.openstreetmap.org for the map tiles around its"
                + " route.");
    MapTileSettings saved = new UserSettings(prefs).mapTiles();
    assertThat(saved.enabled()).isTrue();
    assertThat(saved.refusal()).isNull();
    assertThat(prefs.node("map_tiles").getBoolean("enabled", false)).isTrue();

    // Another server; an address without {x} is kept but refused.
    model.mapTilesUrlProperty().set("https://tiles.example.org/{z}/{y}.png");
    assertThat(model.saveMapTiles()).isFalse();
    assertThat(model.mapTilesFailedProperty().get()).isTrue();
    assertThat(model.mapTilesMessageProperty().get())
        .isEqualTo(
            "Saved, but not in use: The tile server's address"
                + " 'https://tiles.example.org/{z}/{y}.png' has no {x}.");
    assertThat(new UserSettings(prefs).mapTiles().refusal()).isNotNull();

    model.defaultTileServer();
    model.mapTilesEnabledProperty().set(false);
    assertThat(model.saveMapTiles()).isFalse();
    assertThat(model.mapTilesFailedProperty().get()).isFalse();
    assertThat(new UserSettings(prefs).mapTiles()).isEqualTo(MapTileSettings.OFF);
  }

  @Test
  void deletingEverythingDeletesTheMapTilesAroundTheRoutes() throws Exception {
    Path tile = dataDir.resolve("tiles/tile.openstreetmap.org-0123456789/5/4/11.tile");
    Files.createDirectories(tile.getParent());
    Files.write(tile, new byte[] {1});

    assertThat(model.deleteAll()).isTrue();

    assertThat(dataDir.resolve("tiles")).doesNotExist();
  }

  @Test
  void aServerElsewhereIsNotContactedUntilItsHostIsConfirmedByName() {
    fillAssistant(AssistantSettings.Api.OPENAI_COMPATIBLE, "http://192.0.2.7:8080/v1", "qwen2.5");
    assertThat(model.hostToConfirm()).isEqualTo("192.0.2.7");

    model.testAssistant(null); // the user refused the second dialog

    assertThat(model.assistantFailedProperty().get()).isTrue();
    assertThat(model.assistantMessageProperty().get())
        .startsWith("Saved, but not in use: 192.0.2.7 is not on this computer");
    assertThat(new UserSettings(prefs).assistant().confirmedHost()).isEmpty();
    assertThat(new UserSettings(prefs).assistant().refusal()).isNotNull();

    assertThat(model.saveAssistant("192.0.2.7")).isTrue();
    assertThat(model.hostToConfirm()).isNull();
    assertThat(new UserSettings(prefs).assistant().refusal()).isNull();

    // Another host is a new question; the old confirmation does not carry over.
    model.assistantUrlProperty().set("http://models.example.org/v1");
    assertThat(model.hostToConfirm()).isEqualTo("models.example.org");
    assertThat(model.saveAssistant(null)).isFalse();
  }

  @Test
  void testingTheConnectionSaysWhetherTheServerHasTheModel() throws Exception {
    try (FakeOpenAiServer server = new FakeOpenAiServer()) {
      server.models.addAll(List.of("llama3.1:8b", "qwen2.5"));
      fillAssistant(AssistantSettings.Api.OPENAI_COMPATIBLE, server.baseUrl(), "qwen2.5");
      model.assistantEnabledProperty().set(false);

      model.testAssistant(null);

      assertThat(server.received).isEmpty(); // off: nothing is sent
      assertThat(model.assistantMessageProperty().get()).contains("the assistant is off");

      model.assistantEnabledProperty().set(true);
      model.testAssistant(null);

      assertThat(server.received).containsExactly("GET /v1/models"); // no chat, no data
      assertThat(model.assistantFailedProperty().get()).isFalse();
      assertThat(model.assistantMessageProperty().get())
          .isEqualTo("Connected: " + server.baseUrl() + " has the model 'qwen2.5'.");

      model.assistantModelProperty().set("mistral");
      model.testAssistant(null);

      assertThat(model.assistantFailedProperty().get()).isTrue();
      assertThat(model.assistantMessageProperty().get())
          .isEqualTo(
              server.baseUrl()
                  + " answered, but has no model 'mistral'; it has: llama3.1:8b, qwen2.5.");
    }
  }

  @Test
  void aServerThatDoesNotAnswerIsReportedWithItsAddress() {
    fillAssistant(AssistantSettings.Api.OLLAMA, "http://127.0.0.1:1", "llama3.1");

    model.testAssistant(null);

    assertThat(model.assistantFailedProperty().get()).isTrue();
    assertThat(model.assistantMessageProperty().get())
        .startsWith("No answer from http://127.0.0.1:1 (Ollama): ");
  }

  private void fillAssistant(AssistantSettings.Api api, String url, String modelName) {
    model.assistantEnabledProperty().set(true);
    model.assistantApiProperty().set(api);
    model.assistantUrlProperty().set(url);
    model.assistantModelProperty().set(modelName);
  }

  private List<LocalDate> stepDays() {
    return context
        .store()
        .daily(MetricType.STEPS, LocalDate.parse("2026-02-27"), LocalDate.parse("2026-03-05"))
        .stream()
        .map(DailyRollup::day)
        .toList();
  }
}
