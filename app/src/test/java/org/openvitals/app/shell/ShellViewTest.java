package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.testing.Fx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;
import org.testfx.util.WaitForAsyncUtils;

/** Runs the real application window on JavaFX's headless platform (no display needed). */
@ExtendWith(ApplicationExtension.class)
class ShellViewTest {
  @TempDir static Path dataDir;
  private static AppContext context;
  private final MemoryPreferences prefs = new MemoryPreferences();

  @BeforeAll
  static void openStore() {
    // A store with data: an empty one shows the welcome in the dashboard's place (FirstRunTest).
    OffsetDateTime at = OffsetDateTime.parse("2026-03-01T08:00:00Z");
    context = StoreWithData.open(dataDir, at);
  }

  @AfterAll
  static void closeStore() {
    context.close();
  }

  @Start
  void start(Stage stage) {
    new OpenVitalsApp(new ShellSettings(prefs), context).start(stage);
  }

  @Test
  void clickingThroughTheSidebarShowsEachScreen(FxRobot robot) {
    assertThat(title(robot)).isEqualTo("Dashboard");
    assertThat(robot.lookup("#store-description").queryAs(Label.class).getText())
        .isEqualTo("Data: " + dataDir + " (sqlite)");

    for (Screen screen : Screen.values()) {
      // the sidebar scrolls when the window is shorter than its buttons; focus brings one into view
      robot.interact(button(robot, screen)::requestFocus);
      robot.clickOn("#nav-" + screen.name().toLowerCase(Locale.ROOT));

      assertThat(title(robot)).isEqualTo(screen.title());
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

  @Test
  void eachSidebarButtonTellsScreenReadersWhatItsScreenIsAndShowsItAsATooltipOnHover(FxRobot robot)
      throws Exception {
    for (Screen screen : Screen.values()) {
      ToggleButton button = button(robot, screen);
      assertThat(Fx.call(() -> button.queryAccessibleAttribute(AccessibleAttribute.HELP)))
          .isEqualTo(screen.description());
    }
    // Out of the sidebar along the pointer's row, then up: past no other button.
    robot.moveTo("#screen-title", Motion.HORIZONTAL_FIRST);
    ToggleButton quality = button(robot, Screen.QUALITY);
    assertThat(quality.getTooltip()).isNull(); // made when first needed, not for the first frame

    robot.moveTo(quality);

    Tooltip tooltip = quality.getTooltip();
    assertThat(tooltip.getText()).isEqualTo(Screen.QUALITY.description());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, tooltip::isShowing);
  }

  @Test
  void atTheMinimumWindowTheLastSidebarButtonScrollsIntoViewAndWorks(FxRobot robot) {
    Stage stage = (Stage) robot.window(0);
    robot.interact(() -> {
      stage.setWidth(640);
      stage.setHeight(420);
    });
    ToggleButton settings = button(robot, Screen.SETTINGS);
    robot.interact(settings::requestFocus);

    var bounds = settings.localToScene(settings.getBoundsInLocal());
    assertThat(bounds.getMaxY()).isLessThanOrEqualTo(stage.getScene().getHeight());
    robot.clickOn(settings);
    assertThat(title(robot)).isEqualTo("Settings");
  }

  @Test
  void theWindowOpensWhereItWasClosedAndOnTheLastScreen(FxRobot robot) {
    Stage first = (Stage) robot.window(0);
    robot.clickOn("#nav-insights");
    robot.interact(() -> {
      first.setX(120);
      first.setY(80);
      first.setWidth(800);
      first.setHeight(600);
      first.hide();
    });
    assertThat(new ShellSettings(prefs).windowBounds())
        .contains(new WindowBounds(120, 80, 800, 600, false));

    Stage second = reopen(robot);

    assertThat(List.of(second.getX(), second.getY(), second.getWidth(), second.getHeight()))
        .containsExactly(120.0, 80.0, 800.0, 600.0);
    assertThat(second.getTitle()).isEqualTo("OpenVitals - Insights");
    robot.interact(second::hide);
  }

  @Test
  void aWindowLastSeenOnAScreenThatIsGoneOpensAtTheDefaultPlace(FxRobot robot) {
    Stage first = (Stage) robot.window(0);
    robot.interact(first::hide);
    new ShellSettings(prefs).saveWindowBounds(new WindowBounds(9000, 9000, 800, 600, false));

    Stage second = reopen(robot);

    assertThat(second.getWidth()).isEqualTo(OpenVitalsApp.DEFAULT_WIDTH);
    assertThat(second.getX()).isLessThan(1000);
    robot.interact(second::hide);
  }

  private Stage reopen(FxRobot robot) {
    Stage[] stage = new Stage[1];
    robot.interact(() -> {
      stage[0] = new Stage();
      new OpenVitalsApp(new ShellSettings(prefs), context).start(stage[0]);
    });
    return stage[0];
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
