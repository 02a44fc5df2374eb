package org.openvitals.app.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.preferences.PreferencesViewModel.SourceItem;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The preferences screen on JavaFX's headless platform, over the two-source steps day. */
@ExtendWith(ApplicationExtension.class)
class PreferencesViewTest {
  @TempDir Path dir;
  private AppContext context;

  @Start
  void start(Stage stage) {
    PreferencesViewModelTest.seed(dir);
    ZoneId berlin = PreferencesViewModelTest.BERLIN;
    context =
        new AppContext(
            org.openvitals.core.store.StoreConfig.sqlite(dir),
            Clock.fixed(
                PreferencesViewModelTest.DAY.plusDays(2).atStartOfDay(berlin).toInstant(), berlin));
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Scene scene = new Scene(new PreferencesView(context), 1000, 800);
    scene
        .getStylesheets()
        .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
    stage.setScene(scene);
    // The primary stage is shared by the test classes: size it, whatever an earlier one left.
    stage.setWidth(1000);
    stage.setHeight(800);
    stage.show();
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void keyboardMovingThePhoneAboveTheWatchChangesThePreviewAndSaveStoresIt(FxRobot robot)
      throws Exception {
    awaitPreview(robot, "1,500 steps");
    assertThat(text(robot, "#screen-title")).isEqualTo("Preferences");
    assertThat(text(robot, "#preview-steps-saved")).isEqualTo("1,500 steps");
    assertThat(robot.lookup("#save").queryAs(Button.class).isDisabled()).isTrue();

    robot.clickOn("iPhone");
    robot.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);

    awaitPreview(robot, "1,000 steps");
    assertThat(list(robot).getItems())
        .extracting(i -> i.source().name())
        .containsExactly("iPhone", "Apple Watch");
    assertThat(list(robot).getSelectionModel().getSelectedItem().source().name())
        .isEqualTo("iPhone");
    assertThat(text(robot, "#preview-steps-saved")).isEqualTo("1,500 steps");

    robot.clickOn("#save");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#save").queryAs(Button.class).isDisabled());
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> context.rules().preferences().current().categories().get(Category.ACTIVITY) != null);
    assertThat(
            context
                .rules()
                .daily(MetricType.STEPS, PreferencesViewModelTest.DAY, PreferencesViewModelTest.DAY)
                .getFirst()
                .value())
        .isEqualTo(1000.0);
  }

  @Test
  void draggingTheWatchBelowThePhoneChangesThePreview(FxRobot robot) throws Exception {
    awaitPreview(robot, "1,500 steps");
    Node watch = robot.lookup(".source-cell").nth(0).query();
    Node phone = robot.lookup(".source-cell").nth(1).query();

    robot.drag(watch).dropTo(phone);

    awaitPreview(robot, "1,000 steps");
    assertThat(list(robot).getItems())
        .extracting(SourceItem::source)
        .containsExactly(PreferencesViewModelTest.PHONE, PreferencesViewModelTest.WATCH);
  }

  /** Once the preview is shown, its heading is as tall as its text: no room for the spinner. */
  @Test
  void theHiddenSpinnerLeavesNoGapUnderThePreviewHeading(FxRobot robot) throws Exception {
    awaitPreview(robot, "1,500 steps");
    Node spinner = robot.lookup("#preview-progress").query();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !spinner.isVisible());
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> {
      var head = (javafx.scene.layout.Region) spinner.getParent();
      Label heading = (Label) head.getChildrenUnmodifiable().getFirst();
      assertThat(head.getHeight()).isCloseTo(heading.getHeight(), within(0.5));
    });
  }

  /** The preview's day is written as every screen writes a day ("Mar 5, 2024"). */
  @Test
  void thePreviewDayIsWrittenAsEveryScreenWritesADay(FxRobot robot) throws Exception {
    awaitPreview(robot, "1,500 steps");
    var picker = robot.lookup("#preview-day").queryAs(javafx.scene.control.DatePicker.class);
    assertThat(picker.getValue()).isNotNull();
    assertThat(picker.getEditor().getText())
        .isEqualTo(
            new org.openvitals.app.format.DisplayFormat(context.unitSystemProperty().get())
                .day(picker.getValue()));
  }

  private static void awaitPreview(FxRobot robot, String edited) throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup("#preview-steps-edited")
                .tryQuery()
                .map(n -> ((Label) n).getText())
                .filter(edited::equals)
                .isPresent());
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  @SuppressWarnings("unchecked")
  private static ListView<SourceItem> list(FxRobot robot) {
    return robot.lookup("#source-list").queryAs(ListView.class);
  }
}
