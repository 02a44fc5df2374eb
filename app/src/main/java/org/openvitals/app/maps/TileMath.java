package org.openvitals.app.maps;

import java.util.ArrayList;
import java.util.List;
import org.openvitals.core.workouts.Polyline.Point;

/**
 * Web Mercator as slippy-map tile servers cut it (OpenStreetMap's "Slippy map tilenames"): at zoom
 * z the world is a square of 2^z by 2^z tiles of {@value #TILE_SIZE} pixels, x from 0 at 180° W
 * eastwards, y from 0 at 85.0511° N southwards. Positions here are "world pixels" at a zoom.
 */
public final class TileMath {
  /** The side of a tile, in pixels. */
  public static final int TILE_SIZE = 256;

  /** The deepest zoom the standard OpenStreetMap tiles have. */
  public static final int MAX_ZOOM = 19;

  /** Web Mercator's latitude limit: the square's top and bottom edge. */
  static final double MAX_LATITUDE = 85.0511287798;

  private TileMath() {}

  /** A tile: zoom, column and row. */
  public record Tile(int z, int x, int y) {
    @Override
    public String toString() {
      return z + "/" + x + "/" + y;
    }
  }

  /** The x of {@code longitude} at {@code zoom}, in world pixels. */
  public static double worldX(double longitude, int zoom) {
    return (longitude + 180) / 360 * size(zoom);
  }

  /** The y of {@code latitude} at {@code zoom}, in world pixels (clamped to Mercator's limit). */
  public static double worldY(double latitude, int zoom) {
    double lat = Math.toRadians(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude)));
    return (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * size(zoom);
  }

  /** The tile holding a point. */
  public static Tile tileOf(double latitude, double longitude, int zoom) {
    int last = (1 << zoom) - 1;
    int x = (int) Math.floor(worldX(longitude, zoom) / TILE_SIZE);
    int y = (int) Math.floor(worldY(latitude, zoom) / TILE_SIZE);
    return new Tile(zoom, Math.clamp(x, 0, last), Math.clamp(y, 0, last));
  }

  /** The world's side at {@code zoom}, in pixels. */
  static double size(int zoom) {
    return (double) TILE_SIZE * (1L << zoom);
  }

  /**
   * What a pane shows: the zoom and the world pixel at the pane's top-left corner, so that a point
   * lands at {@code worldX - left, worldY - top} in the pane.
   */
  public record Viewport(int zoom, double left, double top, double width, double height) {

    /**
     * The deepest zoom at which the route's bounding box fits in {@code width} by {@code height}
     * less {@code padding} on each side, centred on the box.
     */
    public static Viewport fit(List<Point> route, double width, double height, double padding) {
      double minLat = Double.POSITIVE_INFINITY;
      double maxLat = Double.NEGATIVE_INFINITY;
      double minLon = Double.POSITIVE_INFINITY;
      double maxLon = Double.NEGATIVE_INFINITY;
      for (Point p : route) {
        minLat = Math.min(minLat, p.latitude());
        maxLat = Math.max(maxLat, p.latitude());
        minLon = Math.min(minLon, p.longitude());
        maxLon = Math.max(maxLon, p.longitude());
      }
      double innerW = Math.max(1, width - 2 * padding);
      double innerH = Math.max(1, height - 2 * padding);
      int zoom = 0;
      for (int z = MAX_ZOOM; z >= 0; z--) {
        double w = worldX(maxLon, z) - worldX(minLon, z);
        double h = worldY(minLat, z) - worldY(maxLat, z);
        if (w <= innerW && h <= innerH) {
          zoom = z;
          break;
        }
      }
      double centreX = (worldX(minLon, zoom) + worldX(maxLon, zoom)) / 2;
      double centreY = (worldY(maxLat, zoom) + worldY(minLat, zoom)) / 2;
      return new Viewport(zoom, centreX - width / 2, centreY - height / 2, width, height);
    }

    /** Where {@code p} lands in the pane: x, y. */
    public double[] place(Point p) {
      return new double[] {worldX(p.longitude(), zoom) - left, worldY(p.latitude(), zoom) - top};
    }

    /**
     * The tiles the pane shows, row by row: only those it needs, never more (tile servers forbid
     * bulk downloads). Columns wrap around the antimeridian; rows beyond the poles are left out.
     */
    public List<Tile> tiles() {
      int count = 1 << zoom;
      int firstX = (int) Math.floor(left / TILE_SIZE);
      int lastX = (int) Math.floor((left + width - 1e-9) / TILE_SIZE);
      int firstY = Math.max(0, (int) Math.floor(top / TILE_SIZE));
      int lastY = Math.min(count - 1, (int) Math.floor((top + height - 1e-9) / TILE_SIZE));
      List<Tile> out = new ArrayList<>();
      for (int y = firstY; y <= lastY; y++) {
        for (int x = firstX; x <= lastX && x - firstX < count; x++) {
          out.add(new Tile(zoom, Math.floorMod(x, count), y));
        }
      }
      return out;
    }

    /** Where the top-left corner of the tile in column {@code x} (unwrapped) lands: x, y. */
    public double[] corner(int x, int y) {
      return new double[] {(double) x * TILE_SIZE - left, (double) y * TILE_SIZE - top};
    }

    /** The unwrapped column of {@code tile} as the pane shows it (it may lie left of 0). */
    public int column(Tile tile) {
      int count = 1 << zoom;
      int firstX = (int) Math.floor(left / TILE_SIZE);
      return firstX + Math.floorMod(tile.x() - firstX, count);
    }
  }
}
