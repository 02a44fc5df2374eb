package org.openvitals.app.workouts;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.maps.FakeTileServer;
import org.openvitals.app.maps.MapTileSettings;
import org.openvitals.app.maps.RouteMapModel;
import org.openvitals.app.maps.TileMath;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.workouts.Polyline;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The run's page with map tiles on (served by a fake tile server on 127.0.0.1) and off, on JavaFX's
 * headless platform.
 */
@ExtendWith(ApplicationExtension.class)
class WorkoutMapViewTest {
  /** The fixture's route: Google's documented example polyline, in California and Oregon. */
  private static final List<Polyline.Point> ROUTE =
      List.of(
          new Polyline.Point(38.5, -120.2),
          new Polyline.Point(40.7, -120.95),
          new Polyline.Point(43.252, -126.453));

  @TempDir Path dir;
  private AppContext context;
  private FakeTileServer server;
  private final AtomicReference<MapTileSettings> settings =
      new AtomicReference<>(MapTileSettings.OFF);

  @Start
  void start(Stage stage) throws Exception {
    WorkoutFixture.seed(dir);
    server = new FakeTileServer();
    context = new AppContext(StoreConfig.sqlite(dir), WorkoutFixture.aYearLater());
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    WorkoutsView view =
        new WorkoutsView(new WorkoutsViewModel(context), new RouteMapModel(context, settings::get));
    Scene scene = new Scene(view, 1000, 800);
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
    server.close();
  }

  /** Opens the ride, then the run, so the run's page is built with the settings of now. */
  private static void openTheRun(FxRobot robot) throws Exception {
    TableView<?> table = robot.lookup("#workouts-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
    robot.clickOn(robot.lookup(".table-row-cell").nth(1).queryAs(Node.class));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> text(robot, "#workout-title").startsWith("Cycling"));
    robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> text(robot, "#workout-title").startsWith("Running"));
  }

  @Test
  void offTheRouteIsDrawnPlainAndNothingIsFetched(FxRobot robot) throws Exception {
    // Off, but with the fake's address: any fetch would reach the fake and be counted.
    settings.set(new MapTileSettings(false, server.template(), "test"));
    openTheRun(robot);
    RouteView route = robot.lookup("#route").queryAs(RouteView.class);
    assertThat(route.drawnPoints()).hasSize(6);
    assertThat(robot.lookup("#route-map").tryQuery()).isEmpty();
    Thread.sleep(500); // time enough for a fetch that should not happen
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(server.requests()).isEmpty();
    assertThat(dir.resolve("tiles")).doesNotExist();
  }

  @Test
  void onTheTilesAroundTheRouteAreFetchedAndDrawnUnderIt(FxRobot robot) throws Exception {
    settings.set(
        new MapTileSettings(true, server.template(), MapTileSettings.OPENSTREETMAP_ATTRIBUTION));
    openTheRun(robot);
    RouteMap map = robot.lookup("#route-map").queryAs(RouteMap.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> drawnTiles(map).size() == 4);

    // The pane is 320 by 260: at zoom 5 the route (142 by 143 pixels) fits inside the padding,
    // at zoom 6 (285 by 286) it would not. Its four tiles, the only ones asked for:
    assertThat(map.viewport().width()).isEqualTo(320);
    assertThat(map.viewport().height()).isEqualTo(260);
    assertThat(map.viewport().zoom()).isEqualTo(5);
    assertThat(new HashSet<>(server.tilesAsked()))
        .containsExactlyInAnyOrder("5/4/11", "5/5/11", "5/4/12", "5/5/12");
    assertThat(server.tilesAsked()).hasSize(4);
    for (Polyline.Point p : ROUTE) {
      assertThat(server.tilesAsked())
          .contains(TileMath.tileOf(p.latitude(), p.longitude(), 5).toString());
    }
    assertThat(server.requests().getFirst().header("User-Agent")).startsWith("OpenVitals/");
    // The route lies over the tiles, the credit in the map's corner.
    List<Double> xy = map.drawnPoints();
    assertThat(xy).hasSize(6);
    assertThat(xy.get(4)).isLessThan(xy.get(0)); // north-west, as on the plain view
    assertThat(xy.get(5)).isLessThan(xy.get(1));
    assertThat(text(robot, "#map-attribution")).isEqualTo("© OpenStreetMap contributors");
    assertThat(robot.lookup("#map-attribution").queryAs(Label.class).isVisible()).isTrue();
    assertThat(robot.lookup("#route-map-note").queryAs(Label.class).isVisible()).isFalse();
  }

  @Test
  void aTileThatFailsLeavesTheRouteAndAShortNoteNoDialog(FxRobot robot) throws Exception {
    settings.set(new MapTileSettings(true, server.template(), "test"));
    server.fail("5/4/11", 500);
    openTheRun(robot);
    RouteMap map = robot.lookup("#route-map").queryAs(RouteMap.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> !text(robot, "#route-map-note").isEmpty());
    assertThat(text(robot, "#route-map-note"))
        .isEqualTo(
            "Part of the map could not be loaded (127.0.0.1 answered 500 for tile 5/4/11);"
                + " the route is drawn from its stored points.");
    assertThat(drawnTiles(map)).hasSize(3);
    assertThat(map.drawnPoints()).hasSize(6);
    assertThat(robot.listWindows()).hasSize(1);
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  /** Read on the FX thread, which adds the tiles as they arrive (iterating them here raced it). */
  private static List<TileMath.Tile> drawnTiles(RouteMap map) throws Exception {
    return WaitForAsyncUtils.asyncFx(map::drawnTiles).get();
  }
}
