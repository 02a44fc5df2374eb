package org.openvitals.app.workouts;

import java.util.List;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import org.openvitals.core.workouts.Polyline.Point;

/**
 * A route drawn as a line on a plain background, scaled to fit with north up and east and north at
 * the same scale (longitudes shrunk by the cosine of the route's latitude). No map tiles: nothing
 * is fetched from any server. The start is a filled dot, the end a ring.
 */
final class RouteView extends Region {
  private static final double PADDING = 12;

  private final List<Point> points;
  private final Polyline line = new Polyline();
  private final Circle start = new Circle(5);
  private final Circle end = new Circle(5);
  private final double minX;
  private final double maxX;
  private final double minY;
  private final double maxY;
  private final double cos;

  RouteView(List<Point> points) {
    this.points = List.copyOf(points);
    double cos =
        Math.cos(Math.toRadians(points.stream().mapToDouble(Point::latitude).average().orElse(0)));
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      x0 = Math.min(x0, p.longitude() * cos);
      x1 = Math.max(x1, p.longitude() * cos);
      y0 = Math.min(y0, p.latitude());
      y1 = Math.max(y1, p.latitude());
    }
    this.minX = x0;
    this.maxX = x1;
    this.minY = y0;
    this.maxY = y1;
    this.cos = cos;
    getStyleClass().add("route-view");
    line.getStyleClass().add("route-line");
    start.getStyleClass().add("route-start");
    end.getStyleClass().add("route-end");
    getChildren().addAll(line, start, end);
    setMinSize(160, 160);
    setPrefSize(300, 240);
  }

  /** The points drawn, x and y in turn. */
  List<Double> drawnPoints() {
    return List.copyOf(line.getPoints());
  }

  @Override
  protected void layoutChildren() {
    double w = Math.max(1, getWidth() - 2 * PADDING);
    double h = Math.max(1, getHeight() - 2 * PADDING);
    double spanX = Math.max(1e-9, maxX - minX);
    double spanY = Math.max(1e-9, maxY - minY);
    double scale = Math.min(w / spanX, h / spanY);
    double offsetX = PADDING + (w - spanX * scale) / 2;
    double offsetY = PADDING + (h - spanY * scale) / 2;
    Double[] xy = new Double[points.size() * 2];
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      xy[2 * i] = offsetX + (p.longitude() * cos - minX) * scale;
      xy[2 * i + 1] = offsetY + (maxY - p.latitude()) * scale;
    }
    line.getPoints().setAll(xy);
    if (xy.length >= 2) {
      start.setCenterX(xy[0]);
      start.setCenterY(xy[1]);
      end.setCenterX(xy[xy.length - 2]);
      end.setCenterY(xy[xy.length - 1]);
    }
  }
}
