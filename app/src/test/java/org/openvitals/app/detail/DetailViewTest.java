package org.openvitals.app.detail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.detail.DetailFixture.DAY;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The detail page on JavaFX's headless platform, over the known day in a real store. */
@ExtendWith(ApplicationExtension.class)
class DetailViewTest {
  @TempDir Path dir;
  private AppContext context;
  private DetailView view;

  @Start
  void start(Stage stage) {
    // The theme the app sets (the page's CSS looks up its colours): without it run first in a
    // JVM, every label and cell warned that -color-fg-default does not resolve.
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    context = DetailFixture.open(dir, TaskExecutor.background());
    context.showDetail(MetricType.STEPS, DAY);
    view = new DetailView(context);
    Scene scene = new Scene(view, 1000, 800);
    scene
        .getStylesheets()
        .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    fx(() -> {
      view.dispose();
      return null;
    });
    context.close();
  }

  private static String text(FxRobot robot, String query) {
    // The JDK writes a narrow no-break space before AM/PM.
    return robot.lookup(query).queryAs(Label.class).getText().replace('\u202f', ' ');
  }

  @Test
  void theDayShowsStepsPerHourAndTheArrowKeysReadEachHour(FxRobot robot) throws Exception {
    await(() ->
        view.model().dataProperty().get() != null
            && view.model().dataProperty().get().points().size() == 24);
    assertThat(text(robot, "#detail-period")).isEqualTo("Tue, Mar 10, 2026");
    // The steps' only day: nothing earlier or later to step to.
    assertThat(robot.lookup("#detail-later").query().isDisabled()).isTrue();
    assertThat(robot.lookup("#detail-earlier").query().isDisabled()).isTrue();
    // Opens on the last hour with steps: 22:30-23:30 gave 300 to each of its hours.
    assertThat(text(robot, "#detail-readout"))
        .isEqualTo("Mar 10, 2026, 11:00 PM to 12:00 AM: 300 steps, from Test Watch");

    fx(() -> {
      robot.lookup("#detail-chart").query().requestFocus(); // keyboard only: the pointer stays away
      return null;
    });
    for (int i = 0; i < 14; i++) {
      robot.type(KeyCode.LEFT);
    }
    assertThat(text(robot, "#detail-readout"))
        .isEqualTo("Mar 10, 2026, 9:00 AM to 10:00 AM: 1,000 steps, from Test Watch");
    robot.type(KeyCode.RIGHT, 6);
    assertThat(text(robot, "#detail-readout"))
        .isEqualTo("Mar 10, 2026, 3:00 PM to 4:00 PM: 500 steps, from Test Phone");
  }

  @Test
  void pointingAtAHeartRateReadingShowsItsValueTimeAndSource(FxRobot robot) throws Exception {
    fx(() -> {
      view.open(MetricType.HEART_RATE, DAY);
      return null;
    });
    await(() ->
        view.model().dataProperty().get() != null
            && view.model().dataProperty().get().metric() == MetricType.HEART_RATE);
    // Where the reading of 72 at 14:03 is drawn.
    double[] where =
        fx(() -> {
          DetailData d = view.model().dataProperty().get();
          DetailChart chart = (DetailChart) robot.lookup("#detail-chart").query();
          ChartGeometry g =
              ChartGeometry.of(
                  d, view.model().formatProperty().get(), chart.getWidth(), chart.getHeight());
          int i = 0;
          while (d.points().get(i).value() != 72) {
            i++;
          }
          var p = chart.localToScreen(g.x0()[i], g.y()[i]);
          return new double[] {p.getX(), p.getY()};
        });
    robot.moveTo(new javafx.geometry.Point2D(where[0], where[1]));

    await(() -> view.model().readoutProperty().get().contains("72"));
    assertThat(text(robot, "#detail-readout"))
        .isEqualTo("Mar 10, 2026, 2:03 PM: 72 bpm, from Test Watch");
  }

  @Test
  void showAllDataListsTheSamplesAndDeletesOneForGood(FxRobot robot) throws Exception {
    fx(() -> {
      view.open(MetricType.HEART_RATE, DAY);
      return null;
    });
    await(() ->
        view.model().dataProperty().get() != null
            && view.model().dataProperty().get().metric() == MetricType.HEART_RATE);
    robot.clickOn("#detail-show-all");
    await(() -> view.model().samples().size() == 3);
    @SuppressWarnings("unchecked")
    TableView<Sample> table = robot.lookup("#detail-samples").queryAs(TableView.class);
    fx(() -> {
      table.getSelectionModel().select(1);
      return null;
    });
    robot.clickOn("#detail-delete");
    robot.clickOn("#detail-delete-confirm");

    await(() -> view.model().samples().size() == 2);
    assertThat(context.store().samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now()))
        .extracting(Sample::value)
        .containsExactly(61.0, 74.0);
  }

  static <T> T fx(Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Platform.runLater(task);
    return task.get(10, TimeUnit.SECONDS);
  }

  static void await(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!fx(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for the detail view");
      }
      Thread.sleep(20);
    }
  }
}
