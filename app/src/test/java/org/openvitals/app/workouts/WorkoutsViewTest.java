package org.openvitals.app.workouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The workouts page on JavaFX's headless platform, over a known run a year old. */
@ExtendWith(ApplicationExtension.class)
class WorkoutsViewTest {
  @TempDir Path dir;
  private AppContext context;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    WorkoutFixture.seed(dir);
    context = new AppContext(StoreConfig.sqlite(dir), WorkoutFixture.aYearLater());
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Scene scene = new Scene(new WorkoutsView(context), 1000, 800);
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
  void theRunsPageShowsItsDistanceHeartRateCurveAndRoute(FxRobot robot) throws Exception {
    TableView<?> table = robot.lookup("#workouts-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
    robot.clickOn(robot.lookup(".table-row-cell").nth(1).queryAs(javafx.scene.Node.class));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> text(robot, "#workout-title").startsWith("Cycling"));
    robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> text(robot, "#workout-title").startsWith("Running"));

    DisplayFormat format = new DisplayFormat(context.unitSystemProperty().get());
    assertThat(text(robot, "#workout-distance"))
        .isEqualTo(format.full(MetricType.DISTANCE, 8400))
        .contains("8.4");
    assertThat(text(robot, "#workout-average-hr"))
        .isEqualTo(format.full(MetricType.HEART_RATE, 142.5));
    assertThat(text(robot, "#workout-max-hr")).isEqualTo(format.full(MetricType.HEART_RATE, 165));
    assertThat(text(robot, "#workout-duration")).isEqualTo("45 min");
    assertThat(text(robot, "#workout-sources")).isEqualTo("Anna's Apple Watch (also Strava)");

    HeartRateCurve curve = robot.lookup("#heart-rate-curve").queryAs(HeartRateCurve.class);
    var points = curve.points();
    assertThat(points).hasSize(46 * 2);
    // Rising heart rate: each point higher on screen (smaller y) than the one before.
    for (int i = 3; i < points.size(); i += 2) {
      assertThat(points.get(i)).isLessThan(points.get(i - 2));
    }
    RouteView route = robot.lookup("#route").queryAs(RouteView.class);
    var xy = route.drawnPoints();
    assertThat(xy).hasSize(6);
    // The route heads north-west: the last point is left of and above the first.
    assertThat(xy.get(4)).isLessThan(xy.get(0));
    assertThat(xy.get(5)).isLessThan(xy.get(1));
  }

  /**
   * In the room a 1024x700 window gives the page (less the sidebar and the content area's padding)
   * the selected run's heart-rate curve and route are both in view, whole, without scrolling.
   */
  @Test
  void atA1024x700WindowTheCurveAndTheRouteAreBothInView(FxRobot robot) throws Exception {
    robot.interact(() -> {
      stage.setWidth(1024 - 200 - 2 * 32);
      stage.setHeight(700 - 2 * 32);
    });
    TableView<?> table = robot.lookup("#workouts-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
    robot.interact(() -> table.getSelectionModel().select(0));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> text(robot, "#workout-title").startsWith("Running"));
    WaitForAsyncUtils.waitForFxEvents();

    robot.interact(() -> {
      Node page = robot.lookup("#workout-page").query();
      while (!(page instanceof ScrollPane)) {
        page = page.getParent();
      }
      ScrollPane scroll = (ScrollPane) page;
      Point2D corner = scroll.localToScene(0, 0);
      Bounds viewport =
          new BoundingBox(
              corner.getX(),
              corner.getY(),
              scroll.getViewportBounds().getWidth(),
              scroll.getViewportBounds().getHeight());
      for (String id : List.of("#workout-title", "#heart-rate-curve", "#route")) {
        Node node = robot.lookup(id).query();
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        assertThat(viewport.contains(bounds))
            .as("%s at %s inside the page's %s", id, bounds, viewport)
            .isTrue();
      }
      // Whole: neither is squeezed below its smallest size.
      for (String id : List.of("#heart-rate-curve", "#route")) {
        Region chart = robot.lookup(id).queryAs(Region.class);
        assertThat(chart.getHeight()).isGreaterThanOrEqualTo(chart.minHeight(chart.getWidth()));
      }
    });
  }

  /**
   * In the room a 1000-pixel window (the headless screen's widest) gives the page, every column of
   * the list fits: no sideways scroll bar.
   */
  @Test
  void atA1000PixelWindowTheListFitsWithoutScrollingSideways(FxRobot robot) throws Exception {
    robot.interact(() -> stage.setWidth(1000 - 200 - 2 * 32));
    TableView<?> table = shownList(robot);
    robot.interact(() -> {
      table.applyCss();
      table.layout();
      double columns = table.getVisibleLeafColumns().stream().mapToDouble(c -> c.getWidth()).sum();
      assertThat(table.lookupAll(".scroll-bar"))
          .filteredOn(n ->
              n instanceof ScrollBar b
                  && b.getOrientation() == Orientation.HORIZONTAL
                  && b.isVisible())
          .as("columns %.0f wide in a %.0f-wide table", columns, table.getWidth())
          .isEmpty();
    });
  }

  /**
   * In a narrow list the Source column wraps its names onto more lines and its row grows to hold
   * them: each source cell shows its whole text, none cut to an ellipsis.
   */
  @Test
  void inANarrowListTheSourcesWrapWhole(FxRobot robot) throws Exception {
    robot.interact(() -> stage.setWidth(1000 - 200 - 2 * 32));
    TableView<?> table = shownList(robot);
    robot.interact(() -> {
      List<Text> sources = cellTexts(table, "Source");
      assertThat(sources).hasSize(2);
      for (Text shown : sources) {
        TableCell<?, ?> cell = cellOf(shown);
        assertThat(shown.getText()).as("shown in its cell").isEqualTo(cell.getItem());
        Text oneLinePerBreak = new Text(shown.getText());
        oneLinePerBreak.setFont(shown.getFont());
        assertThat(shown.getLayoutBounds().getHeight())
            .as("wrapped onto more lines than its line breaks make")
            .isGreaterThan(oneLinePerBreak.getLayoutBounds().getHeight());
      }
    });
  }

  /**
   * A row's two-line cells line up: the Source column's lines sit on the same baselines as the
   * heart rate's beside them.
   */
  @Test
  void theSourcesLinesSitOnTheHeartRatesBaselines(FxRobot robot) throws Exception {
    TableView<?> table = shownList(robot);
    robot.interact(() -> {
      Text heartRate = cellTexts(table, "Heart rate").getFirst();
      Text source = cellTexts(table, "Source").getFirst();
      assertThat(source.getText()).contains("\n");
      assertThat(firstBaseline(source)).isCloseTo(firstBaseline(heartRate), within(0.5));
      assertThat(source.localToScene(source.getLayoutBounds()).getHeight())
          .isCloseTo(heartRate.localToScene(heartRate.getLayoutBounds()).getHeight(), within(0.5));
    });
  }

  /** The list, once its two workouts are in it and laid out. */
  private static TableView<?> shownList(FxRobot robot) throws Exception {
    TableView<?> table = robot.lookup("#workouts-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();
    return table;
  }

  /** The text each cell of the column shows, top row first. */
  private static List<Text> cellTexts(TableView<?> table, String column) {
    table.applyCss();
    table.layout();
    return table.lookupAll(".table-cell").stream()
        .filter(n ->
            n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null
                && c.getTableColumn().getText().equals(column)
                && !c.isEmpty()
                && c.isVisible())
        .map(n -> (TableCell<?, ?>) n)
        .sorted(java.util.Comparator.comparingDouble(c -> c.localToScene(0, 0).getY()))
        .map(c -> firstText(c).orElseThrow(() -> new AssertionError("no text in " + c)))
        .toList();
  }

  private static java.util.Optional<Text> firstText(Node node) {
    if (node instanceof Text t) {
      return java.util.Optional.of(t);
    }
    if (node instanceof javafx.scene.Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        var found = firstText(child);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static TableCell<?, ?> cellOf(Node node) {
    Node n = node;
    while (!(n instanceof TableCell<?, ?>)) {
      n = n.getParent();
    }
    return (TableCell<?, ?>) n;
  }

  private static double firstBaseline(Text text) {
    Bounds b = text.getLayoutBounds();
    return text.localToScene(b.getMinX(), b.getMinY() + text.getBaselineOffset()).getY();
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }
}
