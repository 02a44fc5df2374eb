package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardSettings;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.openvitals.app.dashboard.Period;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The start: the window opens on another screen (the one used last) and the dashboard reads its
 * data meanwhile, so it has values the moment it is chosen; the window's background is the theme's
 * (never black before the first frame); a dashboard still reading shows a skeleton.
 */
@ExtendWith(ApplicationExtension.class)
class StartTest {
  @TempDir static Path dataDir;
  private static AppContext context;
  private Stage stage;

  @BeforeAll
  static void openStore() {
    OffsetDateTime at = OffsetDateTime.now().minusHours(1);
    context = StoreWithData.open(dataDir, at);
  }

  @AfterAll
  static void closeStore() {
    context.close();
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    MemoryPreferences prefs = new MemoryPreferences();
    new ShellSettings(prefs).saveLastScreen(Screen.SOURCES);
    new OpenVitalsApp(new ShellSettings(prefs), context).start(stage);
  }

  @Test
  void theDashboardLoadsWhileAnotherScreenIsOn(FxRobot robot) throws Exception {
    ShellView shell = ((AppFrame) stage.getScene().getRoot()).shell();
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            shell
                    .builtPage(Screen.DASHBOARD)
                    .map(p -> ((DashboardView) p).model().stateProperty().get())
                    .orElse(null)
                == DashboardViewModel.State.READY);

    assertThat(robot.lookup("#screen-title").queryLabeled().getText()).isEqualTo("Sources");
    robot.clickOn("#nav-dashboard");
    // No reading left to do: the values are there at once.
    assertThat(robot.lookup("#value-steps").tryQuery()).isPresent();
    assertThat(stage.getScene().getFill()).isIn(Color.WHITE, Color.web("#0d1117"));
  }

  @Test
  void aDashboardStillReadingShowsASkeleton(FxRobot robot) {
    DashboardView view =
        org.openvitals.app.testing.Fx.call(() ->
            new DashboardView(
                new DashboardViewModel(context, new DashboardSettings(new MemoryPreferences()))));

    Node skeleton = view.getContent().lookup("#dashboard-skeleton"); // no skin off the scene
    assertThat(skeleton).isNotNull();
    robot.interact(view::dispose);
  }

  @Test
  void theFirstFrameHasNoDayPickersOrChartChoicesUntilTheyAreNeeded(FxRobot robot) {
    DashboardView view =
        org.openvitals.app.testing.Fx.call(() ->
            new DashboardView(
                new DashboardViewModel(context, new DashboardSettings(new MemoryPreferences()))));
    Node page = view.getContent();

    assertThat(page.lookupAll(".date-picker")).isEmpty();
    assertThat(page.lookupAll(".combo-box")).isEmpty();
    robot.interact(() -> view.model().periodProperty().set(Period.CUSTOM));
    assertThat(page.lookupAll(".date-picker")).hasSize(2);
    assertThat(page.lookup("#range-from").isVisible()).isTrue();
    robot.interact(view::dispose);
  }
}
