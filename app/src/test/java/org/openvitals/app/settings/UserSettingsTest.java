package org.openvitals.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.shell.MemoryPreferences;

class UserSettingsTest {
  private final MemoryPreferences prefs = new MemoryPreferences();

  @Test
  void defaultsAreMetricFollowTheSystemAndNoFolder() {
    UserSettings settings = new UserSettings(prefs);

    assertThat(settings.unitSystem()).isEqualTo(UnitSystem.METRIC);
    assertThat(settings.theme()).isEqualTo(Theme.SYSTEM);
    assertThat(settings.dataFolder()).isEmpty();
  }

  @Test
  void choicesAreRememberedForTheNextStart() {
    new UserSettings(prefs).saveUnitSystem(UnitSystem.IMPERIAL);
    new UserSettings(prefs).saveTheme(Theme.DARK);
    new UserSettings(prefs).saveDataFolder(Path.of("/data/health"));

    UserSettings next = new UserSettings(prefs);
    assertThat(next.unitSystem()).isEqualTo(UnitSystem.IMPERIAL);
    assertThat(next.theme()).isEqualTo(Theme.DARK);
    assertThat(next.dataFolder()).contains(Path.of("/data/health"));
  }

  @Test
  void anUnknownStoredValueFallsBackToTheDefault() {
    prefs.put("units", "cubits");

    assertThat(new UserSettings(prefs).unitSystem()).isEqualTo(UnitSystem.METRIC);
  }

  @Test
  void dataDirAndTheEnvironmentWinOverTheRememberedFolder(@TempDir Path chosen) {
    UserSettings settings = new UserSettings(prefs);
    settings.saveDataFolder(chosen);

    assertThat(UserSettings.rememberedDataFolder(null, Map.of(), () -> settings)).contains(chosen);
    assertThat(
            UserSettings.rememberedDataFolder(
                null, Map.of("OPENVITALS_DATA_DIR", "  "), () -> settings))
        .contains(chosen);
    Supplier<UserSettings> untouched =
        () -> {
          throw new AssertionError("an explicit folder must not read the preferences");
        };
    assertThat(UserSettings.rememberedDataFolder(Path.of("/tmp/x"), Map.of(), untouched)).isEmpty();
    assertThat(
            UserSettings.rememberedDataFolder(
                null, Map.of("OPENVITALS_DATA_DIR", "/tmp/y"), untouched))
        .isEmpty();
  }

  @Test
  void aRememberedFolderThatIsGoneIsNotUsed(@TempDir Path parent) {
    UserSettings settings = new UserSettings(prefs);
    settings.saveDataFolder(parent.resolve("unplugged-drive"));

    assertThat(UserSettings.rememberedDataFolder(null, Map.of(), () -> settings)).isEmpty();
  }
}
