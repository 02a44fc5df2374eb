package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Runs the real application window on JavaFX's headless platform (no display needed). */
@ExtendWith(ApplicationExtension.class)
class ShellViewTest {
  private final MemoryPreferences prefs = new MemoryPreferences();

  @Start
  void start(Stage stage) {
    new OpenVitalsApp(new ShellSettings(prefs), "Data: /tmp/openvitals-test (sqlite)").start(stage);
  }

  @Test
  void clickingThroughTheSidebarShowsEachScreen(FxRobot robot) {
    assertThat(title(robot)).isEqualTo("Dashboard");
    assertThat(robot.lookup("#store-description").queryAs(Label.class).getText())
        .isEqualTo("Data: /tmp/openvitals-test (sqlite)");

    for (Screen screen : Screen.values()) {
      robot.clickOn("#nav-" + screen.name().toLowerCase(Locale.ROOT));

      assertThat(title(robot)).isEqualTo(screen.title());
      assertThat(robot.lookup("#screen-description").queryAs(Label.class).getText())
          .isEqualTo(screen.description());
      assertThat(button(robot, screen).isSelected()).isTrue();
      assertThat(robot.window(0).getScene().getWindow())
          .isInstanceOfSatisfying(
              Stage.class,
              s -> assertThat(s.getTitle()).isEqualTo("OpenVitals - " + screen.title()));
    }
    assertThat(new ShellSettings(prefs).lastScreen()).contains(Screen.SETTINGS);
  }

  @Test
  void clickingTheCurrentScreenAgainKeepsItSelected(FxRobot robot) {
    robot.clickOn("#nav-sources");
    robot.clickOn("#nav-sources");

    assertThat(button(robot, Screen.SOURCES).isSelected()).isTrue();
    assertThat(title(robot)).isEqualTo("Sources");
  }

  private static String title(FxRobot robot) {
    return robot.lookup("#screen-title").queryAs(Label.class).getText();
  }

  private static ToggleButton button(FxRobot robot, Screen screen) {
    return robot
        .lookup("#nav-" + screen.name().toLowerCase(Locale.ROOT))
        .queryAs(ToggleButton.class);
  }
}
