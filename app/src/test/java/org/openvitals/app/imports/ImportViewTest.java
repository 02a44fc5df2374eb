package org.openvitals.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.testing.Fixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Import screen in a window on JavaFX's headless platform. */
@ExtendWith(ApplicationExtension.class)
class ImportViewTest {
  private static final Path APPLE_ZIP =
      Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip");

  @TempDir Path dir;
  private AppContext context;
  private ImportView view;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    context = new AppContext(StoreConfig.sqlite(dir), Clock.systemUTC());
    view = new ImportView(context);
    Scene scene = new Scene(view, 900, 800);
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

  private static void await(FxRobot robot, String query) throws Exception {
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void anImportRunsToTheEndAndItsReportAppears(FxRobot robot) throws Exception {
    assertThat(robot.lookup("#screen-title").queryAs(Label.class).getText()).isEqualTo("Import");
    assertThat(shown(robot.lookup("#start-import").query())).isFalse();

    // The native file chooser cannot be driven headless: choose through the view model.
    robot.interact(() -> view.model().choose(APPLE_ZIP));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> view.model().formatProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(robot.lookup("#chosen-file").queryAs(Label.class).getText()).isEqualTo("export.zip");
    assertThat(robot.lookup("#detection").queryAs(Label.class).getText())
        .isEqualTo("Detected: Apple Health export");
    @SuppressWarnings("unchecked")
    ComboBox<FileImporter> format = robot.lookup("#format-choice").queryAs(ComboBox.class);
    assertThat(format.getValue().id()).isEqualTo("apple_health");
    Button start = robot.lookup("#start-import").queryAs(Button.class);
    assertThat(start.isDisabled()).isFalse();
    assertThat(start.isFocused()).as("Enter imports the recognised file").isTrue();

    robot.type(KeyCode.ENTER);
    await(robot, "#report-headline");

    assertThat(robot.lookup("#report-headline").queryAs(Label.class).getText())
        .startsWith("Imported export.zip as Apple Health export")
        .endsWith("8 new, 0 updated, 0 duplicates, 0 rejected");
    assertThat(robot.lookup("#report-read").queryAs(Label.class).getText()).isEqualTo("8");
    assertThat(robot.lookup("#report-stored").queryAs(Label.class).getText()).isEqualTo("8");
    assertThat(robot.lookup("#report-duplicates").queryAs(Label.class).getText()).isEqualTo("0");
    assertThat(robot.lookup("#report-rejected").queryAs(Label.class).getText()).isEqualTo("0");
    assertThat(shown(robot.lookup("#import-progress").query())).isFalse();
    assertThat(context.store().sources()).hasSize(2);
    // The report says which days the file held, and the dashboard moves to the last of them.
    java.time.Instant last =
        context.store().sources().stream()
            .map(org.openvitals.core.store.SourceSummary::last)
            .max(java.util.Comparator.naturalOrder())
            .orElseThrow();
    java.time.LocalDate lastDay =
        context.store().dayBoundaries().dayOf(last.atOffset(java.time.ZoneOffset.UTC));
    assertThat(robot.lookup("#report-span").queryAs(Label.class).getText())
        .startsWith("Data from ")
        .contains(
            new org.openvitals.app.format.DisplayFormat(
                    org.openvitals.app.context.UnitSystem.METRIC)
                .day(last.atZone(java.time.ZoneId.systemDefault()).toLocalDate()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(context.importedUpToProperty().get()).isEqualTo(lastDay);
  }

  @Test
  void aFileDroppedOnTheZoneIsChosen(FxRobot robot) throws Exception {
    Node zone = robot.lookup("#drop-zone").query();
    robot.interact(() -> {
      // A dragboard like the one the platform hands over when a file is dropped.
      Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().getSystemClipboard());
      board.setContent(Map.of(DataFormat.FILES, List.of(APPLE_ZIP.toFile())));
      zone.fireEvent(drag(DragEvent.DRAG_OVER, board, zone));
      zone.fireEvent(drag(DragEvent.DRAG_DROPPED, board, zone));
    });
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> view.model().formatProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(view.model().fileProperty().get()).isEqualTo(APPLE_ZIP);
    assertThat(robot.lookup("#detection").queryAs(Label.class).getText())
        .isEqualTo("Detected: Apple Health export");
  }

  /** Visible with all its parents. */
  private static boolean shown(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static DragEvent drag(
      javafx.event.EventType<DragEvent> type, Dragboard board, Node target) {
    return new DragEvent(
        target, target, type, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
  }
}
