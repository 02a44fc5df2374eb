package org.openvitals.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
  void dataDirAndTheEnvironmentWinOverTheRememberedFolder() {
    UserSettings settings = new UserSettings(prefs);
    settings.saveDataFolder(Path.of("/data/health"));

    assertThat(settings.dataFolderUnlessExplicit(null, Map.of())).contains(Path.of("/data/health"));
    assertThat(settings.dataFolderUnlessExplicit(null, Map.of("OPENVITALS_DATA_DIR", "  ")))
        .contains(Path.of("/data/health"));
    assertThat(settings.dataFolderUnlessExplicit(Path.of("/tmp/x"), Map.of())).isEmpty();
    assertThat(settings.dataFolderUnlessExplicit(null, Map.of("OPENVITALS_DATA_DIR", "/tmp/y")))
        .isEmpty();
  }
}
