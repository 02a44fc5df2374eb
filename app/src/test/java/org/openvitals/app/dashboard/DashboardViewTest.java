package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.dashboard.StepsFixture.await;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.shell.MemoryPreferences;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dashboard page on JavaFX's headless platform, over a known data set in a real store. */
@ExtendWith(ApplicationExtension.class)
class DashboardViewTest {
  @TempDir static Path dir;
  private static AppContext context;
  private DashboardView view;

  /** One store for the class: the tests only read it. */
  @BeforeAll
  static void open() {
    context = StepsFixture.open(dir);
  }

  @AfterAll
  static void close() {
    context.close();
  }

  @Start
  void start(Stage stage) {
    MemoryPreferences prefs = new MemoryPreferences();
    new DashboardSettings(prefs).savePeriod(Period.TODAY);
    view = new DashboardView(new DashboardViewModel(context, new DashboardSettings(prefs)));
    Scene scene = new Scene(view, 1000, 900);
    scene
        .getStylesheets()
        .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
    scene.addPostLayoutPulseListener(() -> {
      javafx.scene.Node value = view.lookup("#value-steps");
      if (chartWithTheFirstValues == null
          && value != null
          && value.getLayoutBounds().getWidth() > 0) {
        chartWithTheFirstValues = view.lookup("#chart-metric") != null;
      }
    });
    view.model().reload();
  }

  /** Whether the chart was there when a pulse first laid out the values (null: not yet). */
  private volatile Boolean chartWithTheFirstValues;

  private void loaded() throws Exception {
    await(() ->
        !view.model().loadingProperty().get()
            && !view.model().summaries().isEmpty()
            && view.lookup("#value-steps") != null);
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  @Test
  void theTwoYearsAroundAreReadOnceTheValuesAreLaidOut() throws Exception {
    loaded();
    await(() -> view.model().dataProperty().get().covers(DayRange.ending(StepsFixture.TODAY, 365)));
  }

  @Test
  void showsTheResolvedValueAndTheSourceItCameFrom(FxRobot robot) throws Exception {
    loaded();

    assertThat(text(robot, "#screen-title")).isEqualTo("Dashboard");
    assertThat(text(robot, "#value-steps")).isEqualTo("1,630");
    assertThat(text(robot, "#source-steps")).isEqualTo("Test Watch");
    assertThat(text(robot, "#value-body_mass")).isEqualTo("80.0");
    assertThat(text(robot, "#source-body_mass")).isEqualTo("Test Scale");
  }

  @Test
  void theChartComesAfterThePulseThatLaysOutTheFirstValues() throws Exception {
    loaded();
    await(() -> view.lookup("#chart-metric") != null);
    assertThat(chartWithTheFirstValues).isFalse();
  }

  @Test
  void theChartWithItsChoicesFollowsTheValues(FxRobot robot) throws Exception {
    loaded();

    await(() -> view.lookup("#chart-metric") != null);
    assertThat(robot.lookup("#chart-metric").query().isVisible()).isTrue();
  }

  @Test
  void detailsOnATileAsksForTheDetailViewOnTheTilesDay(FxRobot robot) throws Exception {
    loaded();
    int windows = robot.listWindows().size();

    robot.clickOn("#details-steps");

    var asked = StepsFixture.fx(() -> context.detailRequestProperty().get());
    assertThat(asked.metric()).isEqualTo(org.openvitals.core.model.MetricType.STEPS);
    assertThat(asked.day()).isEqualTo(StepsFixture.TODAY);
    assertThat(robot.listWindows()).hasSize(windows); // the link does not also explain
  }

  @Test
  void clickingAValueOpensItsExplanation(FxRobot robot) throws Exception {
    loaded();

    robot.clickOn("#tile-steps");
    await(() -> robot.lookup("#explanation-heading").tryQuery().isPresent());

    assertThat(text(robot, "#explanation-heading"))
        .isEqualTo("Steps on Tue, Mar 10, 2026: 1,630 steps, mostly from Test Watch");
    Window dialog =
        robot.lookup("#explanation").queryAs(javafx.scene.Node.class).getScene().getWindow();
    robot.interact(dialog::hide);
  }

  @Test
  void enterOnAFocusedValueOpensItsExplanationToo(FxRobot robot) throws Exception {
    loaded();

    robot.interact(() -> view.lookup("#tile-body_mass").requestFocus());
    robot.type(KeyCode.ENTER);
    await(() -> robot.lookup("#explanation-heading").tryQuery().isPresent());

    assertThat(text(robot, "#explanation-heading"))
        .isEqualTo("Weight on Tue, Mar 10, 2026: 80.0 kg, mostly from Test Scale");
    robot.interact(() ->
        robot
            .lookup("#explanation")
            .queryAs(javafx.scene.Node.class)
            .getScene()
            .getWindow()
            .hide());
  }

  @Test
  void choosingAPeriodShowsItsDailyAverage(FxRobot robot) throws Exception {
    loaded();

    robot.clickOn("#period-week");

    assertThat(text(robot, "#value-steps")).isEqualTo("1,600"); // mean of 1570 ... 1630
    assertThat(view.model().periodProperty().get()).isEqualTo(Period.WEEK);
  }
}
