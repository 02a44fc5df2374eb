package org.openvitals.app.workouts;

import atlantafx.base.theme.Styles;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import org.openvitals.app.maps.MapTileSettings;
import org.openvitals.app.maps.RouteMapModel;
import org.openvitals.app.maps.TileMath;
import org.openvitals.core.workouts.Polyline.Point;

/**
 * A route drawn on map tiles (Web Mercator, the deepest zoom at which the route fits the pane),
 * with the tile server's attribution in the corner. Tiles come from {@link RouteMapModel} as they
 * arrive; until then, or when one fails, the route shows on the plain background. Used only when
 * the person turned map tiles on; otherwise the page shows a {@link RouteView}.
 */
final class RouteMap extends Region {
  private static final double PADDING = 16;

  private final List<Point> points;
  private final RouteMapModel model;
  private final Pane tileLayer = new Pane();
  private final Polyline line = new Polyline();
  private final Circle start = new Circle(5);
  private final Circle end = new Circle(5);
  private final Label attribution;
  private final Map<TileMath.Tile, Image> images = new HashMap<>();
  private TileMath.Viewport shown;

  private RouteMap(List<Point> points, RouteMapModel model, String credit) {
    this.points = List.copyOf(points);
    this.model = model;
    getStyleClass().addAll("route-view", "route-map");
    line.getStyleClass().add("route-line");
    start.getStyleClass().add("route-start");
    end.getStyleClass().add("route-end");
    attribution = new Label(credit);
    attribution.setId("map-attribution");
    attribution.getStyleClass().add("map-attribution");
    attribution.setManaged(false);
    attribution.setVisible(!credit.isEmpty());
    tileLayer.setManaged(false);
    getChildren().addAll(tileLayer, line, start, end, attribution);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    setMinSize(160, 160);
    setPrefSize(320, 260);
  }

  /**
   * The route's pane and the line under it: on map tiles when the person turned them on (the model
   * reads the setting now), else the plain {@link RouteView}, as before.
   */
  static List<Node> forRoute(List<Point> route, RouteMapModel model) {
    List<Node> out = new ArrayList<>();
    RouteMap[] map = new RouteMap[1];
    MapTileSettings settings =
        model.begin(() -> {
          if (map[0] != null) {
            map[0].drawTiles();
          }
        });
    if (model.tilesOn()) {
      map[0] = new RouteMap(route, model, settings.attribution());
      map[0].setId("route-map");
      out.add(map[0]);
      out.add(muted("Drawn from the stored points on map tiles from " + settings.host() + "."));
    } else {
      RouteView plain = new RouteView(route);
      plain.setId("route");
      out.add(plain);
      out.add(muted("Drawn from the stored points; no map is fetched."));
    }
    Label note = muted("");
    note.setId("route-map-note");
    note.textProperty().bind(model.noteProperty());
    note.managedProperty().bind(note.textProperty().isNotEmpty());
    note.visibleProperty().bind(note.managedProperty());
    out.add(note);
    return out;
  }

  /** The points drawn, x and y in turn. */
  List<Double> drawnPoints() {
    return List.copyOf(line.getPoints());
  }

  /** The tiles drawn under the route now. */
  List<TileMath.Tile> drawnTiles() {
    return tileLayer.getChildren().stream().map(n -> (TileMath.Tile) n.getUserData()).toList();
  }

  /** The zoom and position shown; null before the first layout. */
  TileMath.Viewport viewport() {
    return shown;
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    if (w < 2 || h < 2) {
      return;
    }
    TileMath.Viewport fitted = TileMath.Viewport.fit(points, w, h, PADDING);
    if (!fitted.equals(shown)) {
      shown = fitted;
      Double[] xy = new Double[points.size() * 2];
      for (int i = 0; i < points.size(); i++) {
        double[] at = fitted.place(points.get(i));
        xy[2 * i] = at[0];
        xy[2 * i + 1] = at[1];
      }
      line.getPoints().setAll(xy);
      start.setCenterX(xy[0]);
      start.setCenterY(xy[1]);
      end.setCenterX(xy[xy.length - 2]);
      end.setCenterY(xy[xy.length - 1]);
      drawTiles();
      model.request(fitted.tiles());
    }
    attribution.autosize();
    attribution.relocate(w - attribution.getWidth() - 2, h - attribution.getHeight() - 2);
  }

  /** Places every loaded tile of the viewport; a tile not (yet) loaded leaves the background. */
  private void drawTiles() {
    if (shown == null) {
      return;
    }
    List<Node> views = new ArrayList<>();
    for (TileMath.Tile t : shown.tiles()) {
      byte[] bytes = model.tile(t);
      if (bytes == null) {
        continue;
      }
      Image image = images.computeIfAbsent(t, k -> new Image(new ByteArrayInputStream(bytes)));
      if (image.isError()) {
        continue; // not an image: the background shows through
      }
      ImageView view = new ImageView(image);
      view.setFitWidth(TileMath.TILE_SIZE);
      view.setFitHeight(TileMath.TILE_SIZE);
      double[] corner = shown.corner(shown.column(t), t.y());
      // Whole pixels: every tile's corner has the same fraction, so rounding keeps them edge to
      // edge, where a fraction would leave a hairline of background between tiles.
      view.relocate(Math.round(corner[0]), Math.round(corner[1]));
      view.setUserData(t);
      views.add(view);
    }
    tileLayer.getChildren().setAll(views);
  }

  private static Label muted(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.getStyleClass().add(Styles.TEXT_MUTED);
    return l;
  }
}
