package org.openvitals.app.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.sleep.SleepFixture.WAKE;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.sleep.StageSpan;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sleep page on JavaFX's headless platform, over a known night two years old. */
@ExtendWith(ApplicationExtension.class)
class SleepViewTest {
  @TempDir Path dir;
  private AppContext context;

  @Start
  void start(Stage stage) {
    SleepFixture.seed(dir);
    context = new AppContext(StoreConfig.sqlite(dir), SleepFixture.twoYearsLater());
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Scene scene = new Scene(new SleepView(context), 1000, 800);
    scene
        .getStylesheets()
        .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void close() {
    context.close();
  }

  /** At any width the hypnogram's hour labels that are shown stand apart, and some are shown. */
  @Test
  void theHypnogramsHourLabelsNeverOverlap(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#hypnogram").tryQuery().isPresent());
    Hypnogram hypnogram = robot.lookup("#hypnogram").queryAs(Hypnogram.class);
    robot.interact(() -> {
      for (double width = 300; width <= 1000; width += 10) {
        hypnogram.resize(width, hypnogram.getHeight());
        hypnogram.layout();
        List<javafx.geometry.Bounds> shown =
            hypnogram.lookupAll(".hypnogram-tick").stream()
                .filter(javafx.scene.Node::isVisible)
                .map(javafx.scene.Node::getBoundsInParent)
                .sorted(java.util.Comparator.comparingDouble(javafx.geometry.Bounds::getMinX))
                .toList();
        assertThat(shown).as("labels shown at %.0f px", width).hasSizeGreaterThan(1);
        for (int i = 1; i < shown.size(); i++) {
          assertThat(shown.get(i).getMinX())
              .as("label %d at %.0f px starts after the one before ends", i, width)
              .isGreaterThan(shown.get(i - 1).getMaxX());
        }
      }
    });
  }

  @Test
  void theHypnogramOfTheKnownNightHasItsStagesAndDurations(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#hypnogram").tryQuery().isPresent());
    Hypnogram hypnogram = robot.lookup("#hypnogram").queryAs(Hypnogram.class);

    List<StageSpan> spans =
        hypnogram.blocks().stream().map(b -> (StageSpan) b.getUserData()).toList();
    assertThat(spans)
        .extracting(StageSpan::stage)
        .containsExactly(
            org.openvitals.core.sleep.Stage.CORE,
            org.openvitals.core.sleep.Stage.DEEP,
            org.openvitals.core.sleep.Stage.CORE,
            org.openvitals.core.sleep.Stage.REM,
            org.openvitals.core.sleep.Stage.AWAKE,
            org.openvitals.core.sleep.Stage.CORE,
            org.openvitals.core.sleep.Stage.DEEP,
            org.openvitals.core.sleep.Stage.REM,
            org.openvitals.core.sleep.Stage.CORE);
    Map<org.openvitals.core.sleep.Stage, Double> minutes =
        new EnumMap<>(org.openvitals.core.sleep.Stage.class);
    spans.forEach(s -> minutes.merge(s.stage(), s.minutes(), Double::sum));
    assertThat(minutes)
        .containsEntry(org.openvitals.core.sleep.Stage.CORE, 240.0)
        .containsEntry(org.openvitals.core.sleep.Stage.DEEP, 100.0)
        .containsEntry(org.openvitals.core.sleep.Stage.REM, 90.0)
        .containsEntry(org.openvitals.core.sleep.Stage.AWAKE, 20.0);

    // Drawn: every block has a width in proportion to its minutes, in its stage's row.
    for (Region block : hypnogram.blocks()) {
      StageSpan s = (StageSpan) block.getUserData();
      assertThat(block.getStyleClass()).contains(Hypnogram.styleClass(s.stage()));
      assertThat(block.getWidth()).isGreaterThan(0);
    }
    Region firstDeep = hypnogram.blocks().get(1);
    Region firstCore = hypnogram.blocks().get(0);
    assertThat(firstDeep.getWidth() / firstCore.getWidth()).isCloseTo(70.0 / 50, within(0.05));
    assertThat(firstDeep.getLayoutY()).isGreaterThan(firstCore.getLayoutY());

    DisplayFormat format = new DisplayFormat(context.unitSystemProperty().get());
    assertThat(text(robot, "#night-title")).isEqualTo("Night to " + format.dayWithWeekday(WAKE));
    assertThat(text(robot, "#bed-time"))
        .isEqualTo(format.time(SleepFixture.at(WAKE.minusDays(1), 22, 55).toInstant()));
    assertThat(text(robot, "#wake-time"))
        .isEqualTo(format.time(SleepFixture.at(WAKE, 6, 40).toInstant()));
    assertThat(text(robot, "#in-bed")).isEqualTo("7 h 45 min");
    assertThat(text(robot, "#asleep")).isEqualTo("7 h 10 min (92 %)");
    assertThat(text(robot, "#total-deep")).isEqualTo("Deep 1 h 40 min");
    assertThat(text(robot, "#total-rem")).isEqualTo("REM 1 h 30 min");
    assertThat(text(robot, "#total-core")).isEqualTo("Core / light 4 h 00 min");
    assertThat(text(robot, "#total-awake")).isEqualTo("Awake 20 min");
    // The ring's night of the same day is shown beside it for comparison.
    assertThat(robot.lookup(".other-night .hypnogram").queryAll()).hasSize(1);
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(v);
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }
}
