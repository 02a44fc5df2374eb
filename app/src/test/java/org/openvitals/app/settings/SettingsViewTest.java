package org.openvitals.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.shell.MemoryPreferences;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Settings screen in a window on JavaFX's headless platform. */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
  @TempDir Path dataDir;
  private AppContext context;
  private final MemoryPreferences prefs = new MemoryPreferences();

  @Start
  void start(Stage stage) throws Exception {
    context = new AppContext(StoreConfig.sqlite(dataDir), Clock.systemUTC());
    context.store().upsert(SettingsViewModelTest.lateEveningSteps());
    Files.createDirectories(dataDir.resolve("vault"));
    Files.writeString(dataDir.resolve("vault/oura.vault"), "sealed token");
    SettingsView view = new SettingsView(new SettingsViewModel(context, new UserSettings(prefs)));
    stage.setScene(new Scene(view, 900, 900));
    stage.show();
  }

  @AfterEach
  void close(FxRobot robot) {
    robot.interact(Theme.SYSTEM::apply); // the theme is global to the FX toolkit
    context.close();
  }

  @Test
  void choosingDarkSwitchesTheThemeAndRemembersIt(FxRobot robot) {
    robot.clickOn("#settings-theme").clickOn("Dark");

    // The theme's precompiled binary CSS: parsing its text took the start some 60 ms more.
    assertThat(Application.getUserAgentStylesheet())
        .isEqualTo(new PrimerDark().getUserAgentStylesheetBSS());
    assertThat(new UserSettings(prefs).theme()).isEqualTo(Theme.DARK);
  }

  @Test
  void theStandardFormatsAskForPeriodMetricsAndValues(FxRobot robot) {
    Node standard = robot.lookup("#settings-export-standard").query();
    assertThat(standard.isVisible()).isFalse(); // CSV: every sample, nothing to choose

    robot.interact(() -> {
      @SuppressWarnings("unchecked")
      javafx.scene.control.ChoiceBox<SettingsView.ExportChoice> format =
          robot.lookup("#settings-export-format").queryAs(javafx.scene.control.ChoiceBox.class);
      format.setValue(SettingsView.ExportChoice.ALL.get(3));
    });

    assertThat(standard.isVisible()).isTrue();
    assertThat(robot.lookup("#settings-export-metrics").tryQuery()).isPresent();
    assertThat(robot.lookup("#settings-export-values").tryQuery()).isPresent();
  }

  @Test
  void showsTheDataFolderAndEngine(FxRobot robot) {
    assertThat(robot.lookup("#screen-title").queryAs(Label.class).getText()).isEqualTo("Settings");
    assertThat(robot.lookup("#settings-data-folder").queryAs(Label.class).getText())
        .isEqualTo(dataDir.toString());
    assertThat(robot.lookup("#settings-engine").queryAs(Label.class).getText()).isEqualTo("SQLite");
  }

  @Test
  void deleteAllEmptiesTheStoreOnlyOnceTheUserTypedTheWord(FxRobot robot) {
    scrollToTheEnd(robot);
    robot.clickOn("#settings-delete-all");
    Node delete = robot.lookup("#delete-everything").query();
    assertThat(delete.isDisabled()).isTrue();

    robot.clickOn("#delete-confirmation").write("delet");
    assertThat(delete.isDisabled()).isTrue();
    robot.write("e");
    assertThat(delete.isDisabled()).isFalse();
    robot.clickOn(delete);

    assertThat(context.store().info().liveSamples()).isZero();
    assertThat(context.store().sources()).isEmpty();
    assertThat(dataDir.resolve("vault")).doesNotExist();
    assertThat(robot.lookup("#settings-message").queryAs(Label.class).getText())
        .startsWith("Deleted all data in " + dataDir);
  }

  @Test
  void cancellingTheDialogKeepsEverything(FxRobot robot) {
    scrollToTheEnd(robot);
    robot.clickOn("#settings-delete-all");
    robot.clickOn("#delete-confirmation").write("delete");
    robot.clickOn("#delete-cancel");

    assertThat(context.store().info().liveSamples()).isEqualTo(2);
    assertThat(dataDir.resolve("vault/oura.vault")).exists();
  }

  @Test
  void aServerElsewhereIsUsedOnlyAfterASecondDialogNamingItsHost(FxRobot robot) {
    robot.interact(() -> {
      robot.lookup("#settings-assistant-enabled").queryAs(CheckBox.class).setSelected(true);
      robot
          .lookup("#settings-assistant-url")
          .queryAs(TextField.class)
          .setText("http://192.0.2.7:11434");
      robot.lookup("#settings-assistant-model").queryAs(TextField.class).setText("llama3.1");
    });
    showing(robot, "#settings-assistant-test");
    robot.clickOn("#settings-assistant-test");
    assertThat(robot.lookup(".dialog-pane .header-panel .label").queryAs(Label.class).getText())
        .isEqualTo("Send your questions and health figures to 192.0.2.7?");
    robot.clickOn("#assistant-refuse-host");

    Label message = robot.lookup("#settings-assistant-message").queryAs(Label.class);
    assertThat(message.getText()).startsWith("Saved, but not in use: 192.0.2.7 is not on");
    assertThat(new UserSettings(prefs).assistant().enabled()).isTrue();
    assertThat(new UserSettings(prefs).assistant().refusal()).isNotNull();

    showing(robot, "#settings-assistant-save");
    robot.clickOn("#settings-assistant-save");
    robot.clickOn("#assistant-allow-host");

    assertThat(message.getText())
        .isEqualTo("Saved: the assistant asks 'llama3.1' at http://192.0.2.7:11434.");
    assertThat(new UserSettings(prefs).assistant().confirmedHost()).isEqualTo("192.0.2.7");
    assertThat(new UserSettings(prefs).assistant().refusal()).isNull();
  }

  @Test
  void mapTilesAreTurnedOnWithTheServerTheTextNames(FxRobot robot) {
    TextField url = robot.lookup("#settings-map-tiles-url").queryAs(TextField.class);
    assertThat(url.getText()).isEqualTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    assertThat(url.isDisabled()).isTrue(); // off by default
    assertThat(
            robot.lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .filter(t -> t.contains("that server learns the route's area")))
        .hasSize(1);

    showing(robot, "#settings-map-tiles-enabled");
    robot.clickOn("#settings-map-tiles-enabled");
    assertThat(url.isDisabled()).isFalse();
    showing(robot, "#settings-map-tiles-save");
    robot.clickOn("#settings-map-tiles-save");

    assertThat(robot.lookup("#settings-map-tiles-message").queryAs(Label.class).getText())
        .isEqualTo(
            "Saved: a workout's page asks tile.openstreetmap.org for the map tiles around its"
                + " route.");
    assertThat(new UserSettings(prefs).mapTiles().enabled()).isTrue();
    assertThat(new UserSettings(prefs).mapTiles().attribution())
        .isEqualTo("© OpenStreetMap contributors");
  }

  /**
   * Focuses a control, which scrolls the page to it (SettingsView keeps the focused one in view).
   */
  private static void showing(FxRobot robot, String query) {
    robot.interact(() -> robot.lookup(query).query().requestFocus());
  }

  private static void scrollToTheEnd(FxRobot robot) {
    SettingsView view = robot.lookup(".settings").queryAs(SettingsView.class);
    robot.interact(() -> view.setVvalue(1));
  }
}
