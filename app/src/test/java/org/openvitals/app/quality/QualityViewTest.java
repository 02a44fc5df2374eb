package org.openvitals.app.quality;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The quality screen on JavaFX's headless platform, over a day the two scales disagree. */
@ExtendWith(ApplicationExtension.class)
class QualityViewTest {
  @TempDir Path dir;
  private AppContext context;

  @Start
  void start(Stage stage) {
    QualityViewModelTest.seed(dir);
    var berlin = QualityViewModelTest.BERLIN;
    context =
        new AppContext(
            StoreConfig.sqlite(dir),
            Clock.fixed(
                QualityViewModelTest.DAY.plusDays(1).atTime(12, 0).atZone(berlin).toInstant(),
                berlin));
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Scene scene = new Scene(new QualityView(context), 1000, 800);
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

  @Test
  void showsTheDisagreementAndExplainsItsDay(FxRobot robot) throws Exception {
    assertThat(robot.lookup("#screen-title").queryAs(Label.class).getText()).isEqualTo("Quality");
    TableView<?> table = robot.lookup("#findings").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());

    assertThat(robot.lookup("Sources disagree").tryQuery()).isPresent();
    assertThat(robot.lookup("Implausible sample").tryQuery()).isPresent();
    assertThat(robot.lookup("#summary").queryAs(Label.class).getText()).contains("1 disagreement,");

    robot.clickOn("Sources disagree");

    TextArea explanation = robot.lookup("#explanation").queryAs(TextArea.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> explanation.getText().contains("Sources disagree:"));
    assertThat(explanation.getText()).contains("Weight (body_mass) on Mar 5, 2024");
  }

  /** In a narrow window the tag saying what is wrong is whole, not cut to "Sources di...". */
  @Test
  void theKindTagsAreWholeInANarrowWindow(FxRobot robot) throws Exception {
    TableView<?> table = robot.lookup("#findings").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
    robot.interact(() -> table.getScene().getWindow().setWidth(600));
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> {
      table.applyCss();
      table.layout();
      var tags = table.lookupAll(".finding-kind");
      assertThat(tags).isNotEmpty();
      for (var node : tags) {
        Label tag = (Label) node;
        var shown = (javafx.scene.text.Text) tag.lookup(".text");
        assertThat(shown.getText()).as("shown of %s", tag.getText()).isEqualTo(tag.getText());
      }
    });
  }

  @Test
  void theFilterLeavesOnlyImplausibleSamples(FxRobot robot) throws Exception {
    TableView<?> table = robot.lookup("#findings").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());

    robot.clickOn("#show").clickOn("Implausible samples");

    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () ->
            table.getItems().stream()
                .allMatch(f -> ((Finding) f).kind() == Finding.Kind.IMPLAUSIBLE));
    assertThat(table.getItems()).hasSize(1);
  }
}
