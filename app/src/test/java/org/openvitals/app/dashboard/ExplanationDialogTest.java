package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.dashboard.StepsFixture.TODAY;
import static org.openvitals.app.dashboard.StepsFixture.await;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.shell.MemoryPreferences;
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
 * The explanation as people read it: reading counts as counts (not "277 bpm"), source names as
 * people see them, the period's figure beside the day's, and a dialog whose Close stays in view.
 */
@ExtendWith(ApplicationExtension.class)
class ExplanationDialogTest {
  private static final SourceRef WATCH = new SourceRef("apple_health", "Test Watch");
  private static final SourceRef RING = new SourceRef("oura", "Test Ring");

  @TempDir static Path dir;
  private static AppContext context;
  private DashboardView view;

  /** Heart rate each day of the week: the watch every 10 minutes 08:00-09:00, the ring too. */
  @BeforeAll
  static void open() {
    context =
        new AppContext(StoreConfig.sqlite(dir), StepsFixture.CLOCK, TaskExecutor.background());
    SampleStore store = context.store();
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
    List<Sample> samples = new ArrayList<>();
    for (int d = 0; d < 7; d++) {
      for (int m = 0; m < 60; m += 10) {
        OffsetDateTime at = TODAY.minusDays(d).atTime(8, m).atOffset(ZoneOffset.UTC);
        samples.add(Sample.of(MetricType.HEART_RATE, at, at, 60 + d, WATCH));
        samples.add(
            Sample.of(MetricType.HEART_RATE, at.plusMinutes(5), at.plusMinutes(5), 70, RING));
      }
    }
    store.upsert(samples);
  }

  @AfterAll
  static void close() {
    context.close();
  }

  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    MemoryPreferences prefs = new MemoryPreferences();
    new DashboardSettings(prefs).savePeriod(Period.WEEK);
    view = new DashboardView(new DashboardViewModel(context, new DashboardSettings(prefs)));
    stage.setScene(new Scene(view, 1000, 800));
    stage.show();
    view.model().reload();
  }

  @Test
  void readingsAreCountedAndTheDialogKeepsCloseInView(FxRobot robot) throws Exception {
    await(() -> !view.model().loadingProperty().get() && view.lookup("#value-heart_rate") != null);

    robot.clickOn("#tile-heart_rate");
    await(() -> robot.lookup("#explanation-heading").tryQuery().isPresent());

    String heading = robot.lookup("#explanation-heading").queryAs(Label.class).getText();
    assertThat(heading)
        .matches("Heart rate on Tue, Mar 10, 2026: \\d+ bpm, mostly from Test (Watch|Ring)");
    assertThat(robot.lookup("#explanation-period").queryAs(Label.class).getText())
        .matches(
            "Over Mar 4, 2026 to Mar 10, 2026: daily average \\d+ bpm on 7 days with data; .*");
    List<String> cells =
        robot.lookup("#explanation .label").queryAllAs(Label.class).stream()
            .map(Label::getText)
            .toList();
    // What each source gave is a number of readings (12 that day between them), never a rate.
    assertThat(
            cells.stream()
                .filter(t -> t.matches("\\d+ readings?"))
                .mapToInt(t -> Integer.parseInt(t.split(" ")[0]))
                .sum())
        .isEqualTo(12);
    assertThat(cells).contains("Test Watch", "Test Ring");
    assertThat(cells).noneMatch(t -> t.contains("apple_health") || t.contains("(oura)"));
    assertThat(cells).doesNotContain("6 bpm");

    Node pane = robot.lookup("#explanation").query();
    Window dialog = pane.getScene().getWindow();
    DialogPane dialogPane = (DialogPane) pane.getScene().getRoot();
    Button close = (Button) dialogPane.lookupButton(ButtonType.CLOSE);
    Bounds closeOnScene = close.localToScene(close.getBoundsInLocal());
    assertThat(closeOnScene.getMaxY()).isLessThanOrEqualTo(pane.getScene().getHeight());
    assertThat(close.isVisible()).isTrue();
    // The dialog grew to its content: nothing of the explanation is hidden behind a scroll bar.
    assertThat(dialog.getHeight()).isGreaterThan(pane.getBoundsInLocal().getHeight());
    robot.interact(dialog::hide);
  }

  /**
   * At 200 % (the window's render scale 2, which the dialog takes from its owner) and with the
   * app's theme, which caps dialogs at 600 pixels: the explanation gets all the height it needs (it
   * fits on this 1000-pixel screen), nothing runs past its right edge, and Close sits below it. The
   * dialog once opened with one line of the explanation and Close under it, the rest blank.
   */
  @Test
  void atTwoHundredPercentTheDialogGrowsWithItsContentAndKeepsCloseInView(FxRobot robot)
      throws Exception {
    robot.interact(() -> {
      Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
      stage
          .getScene()
          .getStylesheets()
          .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
      stage.setRenderScaleX(2);
      stage.setRenderScaleY(2);
    });
    await(() -> !view.model().loadingProperty().get() && view.lookup("#value-heart_rate") != null);

    robot.clickOn("#tile-heart_rate");
    await(() -> robot.lookup("#explanation-heading").tryQuery().isPresent());
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();

    Node pane = robot.lookup("#explanation").query();
    ScrollPane scroll = robot.lookup("#explanation-scroll").queryAs(ScrollPane.class);
    DialogPane dialogPane = (DialogPane) pane.getScene().getRoot();
    Button close = (Button) dialogPane.lookupButton(ButtonType.CLOSE);
    Window dialog = pane.getScene().getWindow();
    try {
      assertThat(dialog.getRenderScaleX()).isEqualTo(2);
      assertThat(scroll.getViewportBounds().getHeight())
          .as("the explanation's area against the explanation")
          .isGreaterThanOrEqualTo(pane.getLayoutBounds().getHeight() - 0.5);
      assertThat(pane.getLayoutBounds().getWidth())
          .isLessThanOrEqualTo(scroll.getViewportBounds().getWidth() + 0.5);
      Bounds explanation = scroll.localToScene(scroll.getLayoutBounds());
      Bounds closeOnScene = close.localToScene(close.getLayoutBounds());
      assertThat(closeOnScene.getMinY()).isGreaterThanOrEqualTo(explanation.getMaxY());
      assertThat(closeOnScene.getMaxY()).isLessThanOrEqualTo(pane.getScene().getHeight());
      assertThat(closeOnScene.getMaxX()).isLessThanOrEqualTo(pane.getScene().getWidth());
    } finally {
      robot.interact(dialog::hide);
    }
  }
}
