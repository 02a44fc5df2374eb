package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openvitals.app.dashboard.StepsFixture.TODAY;
import static org.openvitals.app.dashboard.StepsFixture.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.shell.MemoryPreferences;
import org.openvitals.core.model.MetricType;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Data of any age: the fixture's data ends two years before the computer's today. The dashboard
 * ends its periods on the latest day with data, says which days it shows, steps back and forth,
 * jumps back to the latest day, and shows All and a chosen range.
 */
@ExtendWith(ApplicationExtension.class)
class OldDataTest {
  /** Two years after the fixture's last day. */
  private static final Clock LATER =
      Clock.fixed(TODAY.plusYears(2).atTime(18, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

  @TempDir static Path dir;
  private static AppContext context;
  private DashboardView view;

  @BeforeAll
  static void open() {
    context = StepsFixture.open(dir, TaskExecutor.background(), LATER);
  }

  @AfterAll
  static void close() {
    context.close();
  }

  @Start
  void start(Stage stage) {
    MemoryPreferences prefs = new MemoryPreferences();
    new DashboardSettings(prefs).savePeriod(Period.WEEK);
    view = new DashboardView(new DashboardViewModel(context, new DashboardSettings(prefs)));
    Scene scene = new Scene(view, 1000, 900);
    stage.setScene(scene);
    stage.show();
    view.model().reload();
  }

  private DashboardViewModel model() {
    return view.model();
  }

  private void loaded() throws Exception {
    await(() -> !model().loadingProperty().get() && view.lookup("#value-steps") != null);
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  private double steps() throws Exception {
    return StepsFixture.fx(() ->
        model().summaries().stream()
            .filter(s -> s.metric() == MetricType.STEPS)
            .findFirst()
            .orElseThrow()
            .value());
  }

  @Test
  void aStoreWhoseDataEndedTwoYearsAgoShowsItsValuesAndTheirDates(FxRobot robot) throws Exception {
    loaded();

    // The week ending the fixture's last day: 1570 ... 1630, mean 1600.
    assertThat(text(robot, "#value-steps")).isEqualTo("1,600");
    assertThat(text(robot, "#dashboard-message")).isEmpty();
    assertThat(model().rangeProperty().get()).isEqualTo(DayRange.ending(TODAY, 7));
    assertThat(text(robot, "#dashboard-period"))
        .isEqualTo(model().formatProperty().get().days(TODAY.minusDays(6), TODAY));
    assertThat(model().atLatestProperty().get()).isTrue();
    assertThat(model().atEarliestProperty().get()).isFalse();
    // The same bar as on the detail, sleep and workouts pages.
    assertThat(robot.lookup("#dashboard-earlier").queryButton().getText()).isEqualTo("‹ Earlier");
    assertThat(robot.lookup("#dashboard-later").queryButton().getText()).isEqualTo("Later ›");
    assertThat(robot.lookup("#dashboard-later").queryButton().isDisabled()).isTrue();
    assertThat(robot.lookup("#dashboard-latest").queryButton().isDisabled()).isTrue();
  }

  @Test
  void stepsBackAWeekAndJumpsBackToTheLatestDay(FxRobot robot) throws Exception {
    loaded();

    robot.clickOn("#dashboard-earlier");
    await(() -> !model().loadingProperty().get());

    assertThat(model().rangeProperty().get()).isEqualTo(DayRange.ending(TODAY.minusDays(7), 7));
    assertThat(steps()).isCloseTo(1530, within(1e-6)); // days 0..6: 1500 ... 1560
    assertThat(text(robot, "#dashboard-period"))
        .isEqualTo(model().formatProperty().get().days(TODAY.minusDays(13), TODAY.minusDays(7)));
    // The first week with data: no step further back, and Later and Latest lead back.
    assertThat(model().atEarliestProperty().get()).isTrue();
    assertThat(robot.lookup("#dashboard-earlier").queryButton().isDisabled()).isTrue();
    assertThat(robot.lookup("#dashboard-later").queryButton().isDisabled()).isFalse();
    assertThat(robot.lookup("#dashboard-latest").queryButton().isDisabled()).isFalse();
    robot.interact(() -> model().step(-1)); // refused, not only disabled
    assertThat(model().rangeProperty().get()).isEqualTo(DayRange.ending(TODAY.minusDays(7), 7));

    robot.clickOn("#dashboard-latest");
    await(() -> !model().loadingProperty().get());
    assertThat(model().rangeProperty().get()).isEqualTo(DayRange.ending(TODAY, 7));
    assertThat(steps()).isCloseTo(1600, within(1e-6));
  }

  @Test
  void allAndAChosenRange(FxRobot robot) throws Exception {
    loaded();

    robot.clickOn("#period-all");
    await(() -> !model().loadingProperty().get());
    assertThat(model().rangeProperty().get()).isEqualTo(DayRange.ending(TODAY, 14));
    assertThat(model().atEarliestProperty().get()).isTrue();
    assertThat(steps()).isCloseTo(1565, within(1e-6)); // the mean of 1500 ... 1630

    robot.interact(() -> model().showRange(TODAY.minusDays(13), TODAY.minusDays(11)));
    await(() -> !model().loadingProperty().get());
    assertThat(model().periodProperty().get()).isEqualTo(Period.CUSTOM);
    assertThat(steps()).isCloseTo(1510, within(1e-6)); // 1500, 1510, 1520
    assertThat(robot.lookup("#range-from").query().isVisible()).isTrue();
  }

  @Test
  void aRangeWithoutDataSaysWhereTheDataIs(FxRobot robot) throws Exception {
    loaded();

    robot.interact(() -> model().showRange(TODAY.minusYears(1), TODAY.minusYears(1).plusDays(6)));
    await(() -> !model().loadingProperty().get());

    assertThat(text(robot, "#dashboard-message"))
        .startsWith("No data from ")
        .endsWith(
            "Your data runs from "
                + model().formatProperty().get().days(TODAY.minusDays(13), TODAY)
                + ".");
  }

  @Test
  void anImportMovesTheDashboardToTheDaysItBrought(FxRobot robot) throws Exception {
    loaded();

    robot.interact(() -> context.dataImported(TODAY.minusDays(7)));
    await(() -> !model().loadingProperty().get());

    assertThat(model().rangeProperty().get().to()).isEqualTo(TODAY.minusDays(7));
  }
}
