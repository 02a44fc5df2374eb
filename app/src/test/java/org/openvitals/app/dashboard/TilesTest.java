package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.dashboard.StepsFixture.TODAY;
import static org.openvitals.app.dashboard.StepsFixture.await;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javafx.scene.AccessibleAttribute;
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
import org.openvitals.app.testing.Fx;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.time.DayBoundaries;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Tiles as people read them: blood pressure as one tile (120/80), workouts counted with their total
 * time and the day of the last one, not shrunk to a daily average of minutes.
 */
@ExtendWith(ApplicationExtension.class)
class TilesTest {
  private static final SourceRef CUFF = new SourceRef("withings", "BPM Connect");
  private static final SourceRef WATCH = new SourceRef("apple_health", "Test Watch");
  private static final SourceRef STRAVA = new SourceRef("strava", "Strava");

  @TempDir static Path dir;
  private static AppContext context;
  private DashboardView view;

  @BeforeAll
  static void open() {
    context =
        new AppContext(StoreConfig.sqlite(dir), StepsFixture.CLOCK, TaskExecutor.background());
    SampleStore store = context.store();
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
    OffsetDateTime morning = TODAY.atTime(7, 0).atOffset(ZoneOffset.UTC);
    store.upsert(
        List.of(
            Sample.of(MetricType.BLOOD_PRESSURE_SYSTOLIC, morning, morning, 120, CUFF),
            Sample.of(MetricType.BLOOD_PRESSURE_DIASTOLIC, morning, morning, 80, CUFF),
            // A run on the watch and the same run on Strava: one workout.
            workout(TODAY.minusDays(3).atTime(18, 0).atOffset(ZoneOffset.UTC), 45, WATCH),
            workout(TODAY.minusDays(3).atTime(18, 0).atOffset(ZoneOffset.UTC), 45, STRAVA),
            workout(TODAY.minusDays(1).atTime(17, 0).atOffset(ZoneOffset.UTC), 30, WATCH)));
  }

  private static Sample workout(OffsetDateTime start, int minutes, SourceRef source) {
    return new Sample(
        MetricType.WORKOUT,
        start,
        start.plusMinutes(minutes),
        minutes,
        source,
        null,
        source.provider() + start,
        Map.of("activity", "running"));
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
    stage.setScene(new Scene(view, 1000, 900));
    stage.show();
    view.model().reload();
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  @Test
  void bloodPressureIsOneTileAsPeopleWriteIt(FxRobot robot) throws Exception {
    await(() -> !view.model().loadingProperty().get() && view.lookup("#value-workout") != null);

    assertThat(text(robot, "#value-blood_pressure_systolic")).isEqualTo("120/80");
    assertThat(robot.lookup("#tile-blood_pressure_diastolic").tryQuery()).isEmpty();
    assertThat(
            robot
                .lookup("#tile-blood_pressure_systolic .metric-name")
                .queryAs(Label.class)
                .getText())
        .isEqualTo("Blood pressure");
  }

  @Test
  void theSourceIsReadOutAtOnceAndItsTooltipMadeOnTheFirstHover(FxRobot robot) throws Exception {
    await(() -> !view.model().loadingProperty().get() && view.lookup("#value-workout") != null);
    Label source = robot.lookup("#source-blood_pressure_systolic").queryAs(Label.class);

    assertThat(source.getText()).isEqualTo("BPM Connect");
    assertThat(source.getTooltip()).isNull(); // no popup window per tile before the values show
    assertThat(Fx.call(() -> source.queryAccessibleAttribute(AccessibleAttribute.HELP)))
        .isEqualTo("BPM Connect");

    robot.moveTo(source);

    assertThat(source.getTooltip().getText()).isEqualTo("BPM Connect");
  }

  @Test
  void workoutsAreCountedWithTheirTotalTimeAndTheLastOne(FxRobot robot) throws Exception {
    await(() -> !view.model().loadingProperty().get() && view.lookup("#value-workout") != null);

    assertThat(text(robot, "#value-workout")).isEqualTo("2"); // the Strava copy joined, not counted
    assertThat(text(robot, "#tile-workout .metric-unit")).isEqualTo("workouts");
    assertThat(text(robot, "#tile-workout .metric-note"))
        .isEqualTo(
            "1 h 15 min in total, last "
                + view.model().formatProperty().get().day(TODAY.minusDays(1)));
  }
}
