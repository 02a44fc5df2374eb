package org.openvitals.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.context.UnitSystem;
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

  private List<LocalDate> stepDays() {
    return context
        .store()
        .daily(MetricType.STEPS, LocalDate.parse("2026-02-27"), LocalDate.parse("2026-03-05"))
        .stream()
        .map(DailyRollup::day)
        .toList();
  }
}
