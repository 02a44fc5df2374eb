package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window: putting the phone above the watch on the Preferences screen changes the steps
 * the Dashboard shows, without a restart.
 */
@ExtendWith(ApplicationExtension.class)
class ReorderingSourcesChangesTheDashboardTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate DAY = LocalDate.of(2024, 3, 5);
  static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "iPhone");

  @TempDir Path dir;
  private AppContext context;

  /**
   * The watch counts 1,000 steps from 09:00 to 09:10; the phone counts 500 in the same minutes and
   * 500 more at 10:00, when the watch saw nothing. Watch first: 1,000 + the phone's 500 = 1,500.
   * Phone first: the phone's 1,000 (the watch adds nothing the phone had not counted).
   */
  @Start
  void start(Stage stage) {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      OffsetDateTime nine = DAY.atTime(9, 0).atZone(BERLIN).toOffsetDateTime();
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        samples.add(
            Sample.of(MetricType.STEPS, nine.plusMinutes(i), nine.plusMinutes(i + 1), 100, WATCH));
      }
      samples.add(Sample.of(MetricType.STEPS, nine, nine.plusMinutes(10), 500, PHONE));
      samples.add(
          Sample.of(
              MetricType.STEPS, nine.plusHours(1), nine.plusHours(1).plusMinutes(10), 500, PHONE));
      store.upsert(samples);
    }
    context =
        new AppContext(
            StoreConfig.sqlite(dir),
            Clock.fixed(DAY.plusDays(1).atTime(12, 0).atZone(BERLIN).toInstant(), BERLIN));
    new OpenVitalsApp(new ShellSettings(new MemoryPreferences()), context).start(stage);
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void savingANewOrderChangesTheDashboardValue(FxRobot robot) throws Exception {
    awaitLabel(robot, "#value-steps", "1,500");
    assertThat(robot.lookup("#source-steps").queryAs(Label.class).getText())
        .startsWith("Apple Watch");

    robot.clickOn("#nav-preferences");
    awaitLabel(robot, "#preview-steps-saved", "1,500 steps");
    robot.clickOn("iPhone");
    robot.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
    awaitLabel(robot, "#preview-steps-edited", "1,000 steps");
    // In a small window the page (preview under the list) runs below the window: scroll to Save.
    robot.interact(() -> robot.lookup("#content-scroller").queryAs(ScrollPane.class).setVvalue(1));
    robot.clickOn("#save");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#save").queryAs(Button.class).isDisabled());

    robot.clickOn("#nav-dashboard");
    awaitLabel(robot, "#value-steps", "1,000");
    assertThat(robot.lookup("#source-steps").queryAs(Label.class).getText()).startsWith("iPhone");
  }

  private static void awaitLabel(FxRobot robot, String query, String text) throws Exception {
    WaitForAsyncUtils.waitFor(
        15,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup(query)
                .tryQuery()
                .map(n -> ((Label) n).getText())
                .filter(text::equals)
                .isPresent());
  }
}
