package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellViewModelTest {
  private final MemoryPreferences prefs = new MemoryPreferences();
  private final ShellSettings settings = new ShellSettings(prefs);

  @Test
  void startsOnTheDashboardTheFirstTime() {
    ShellViewModel model = new ShellViewModel(settings, "Data: /tmp/x (sqlite)");

    assertThat(model.selectedScreen()).isEqualTo(Screen.DASHBOARD);
    assertThat(model.windowTitle().get()).isEqualTo("OpenVitals - Dashboard");
    assertThat(model.screens())
        .extracting(Screen::title)
        .containsExactly(
            "Dashboard",
            "Details",
            "Sleep",
            "Workouts",
            "Sources",
            "Import",
            "Preferences",
            "Quality",
            "Insights",
            "Devices",
            "Settings");
  }

  @Test
  void selectingAScreenChangesThePropertyAndTheTitle() {
    ShellViewModel model = new ShellViewModel(settings, "");
    Screen[] seen = new Screen[1];
    model.selectedScreenProperty().addListener((p, before, now) -> seen[0] = now);

    model.select(Screen.QUALITY);

    assertThat(seen[0]).isEqualTo(Screen.QUALITY);
    assertThat(model.windowTitle().get()).isEqualTo("OpenVitals - Quality");
  }

  @Test
  void theLastScreenIsRememberedForTheNextStart() {
    new ShellViewModel(settings, "").select(Screen.DEVICES);

    ShellViewModel next = new ShellViewModel(new ShellSettings(prefs), "");

    assertThat(next.selectedScreen()).isEqualTo(Screen.DEVICES);
  }

  @Test
  void aScreenThatNoLongerExistsFallsBackToTheDashboard() {
    prefs.put("lastScreen", "HOLOGRAMS");

    assertThat(new ShellViewModel(settings, "").selectedScreen()).isEqualTo(Screen.DASHBOARD);
  }

  @Test
  void thereIsAlwaysAScreen() {
    ShellViewModel model = new ShellViewModel(settings, "");
    model.select(Screen.IMPORT);

    model.select(null);

    assertThat(model.selectedScreen()).isEqualTo(Screen.IMPORT);
  }

  @Test
  void windowBoundsRoundTrip() {
    assertThat(settings.windowBounds()).isEmpty();

    settings.saveWindowBounds(new WindowBounds(40, 60, 1200, 800, true));

    assertThat(new ShellSettings(prefs).windowBounds())
        .contains(new WindowBounds(40, 60, 1200, 800, true));
  }

  @Test
  void everyScreenSaysInOneSentenceWhatItIsFor() {
    for (Screen screen : Screen.values()) {
      assertThat(screen.description()).endsWith(".");
      assertThat(screen.description().chars().filter(c -> c == '.').count()).isEqualTo(1);
    }
    assertThat(Screen.INSIGHTS.description()).startsWith("Trends, days outside your normal range");
    assertThat(Screen.DEVICES.description()).startsWith("Pair your iPhone with a QR code");
  }
}
