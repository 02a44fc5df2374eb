package org.openvitals.app.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.app.maps.TileMath.Tile;
import org.openvitals.app.maps.TileMath.Viewport;
import org.openvitals.core.workouts.Polyline.Point;

class TileMathTest {

  @Test
  void theOpenStreetMapWikisJavaExampleIsTile534By356AtZoom10() {
    // "Slippy map tilenames", Java section: lat 47.968056, lon 7.909167 at zoom 10 (Freiburg).
    assertThat(TileMath.tileOf(47.968056, 7.909167, 10)).isEqualTo(new Tile(10, 534, 356));
  }

  @Test
  void knownTilesAtLowZoomAndAroundTheWorld() {
    assertThat(TileMath.tileOf(0, 0, 0)).isEqualTo(new Tile(0, 0, 0));
    // Zoom 1: four tiles, x east from 180° W, y south from 85.05° N.
    assertThat(TileMath.tileOf(45, -90, 1)).isEqualTo(new Tile(1, 0, 0));
    assertThat(TileMath.tileOf(45, 90, 1)).isEqualTo(new Tile(1, 1, 0));
    assertThat(TileMath.tileOf(-45, -90, 1)).isEqualTo(new Tile(1, 0, 1));
    assertThat(TileMath.tileOf(-45, 90, 1)).isEqualTo(new Tile(1, 1, 1));
    assertThat(TileMath.tileOf(51.5074, -0.1278, 10)).isEqualTo(new Tile(10, 511, 340));
    assertThat(TileMath.tileOf(-33.8688, 151.2093, 12)).isEqualTo(new Tile(12, 3768, 2457));
    // The poles and the antimeridian stay inside the square.
    assertThat(TileMath.tileOf(90, 180, 3)).isEqualTo(new Tile(3, 7, 0));
    assertThat(TileMath.tileOf(-90, -180, 3)).isEqualTo(new Tile(3, 0, 7));
  }

  @Test
  void worldPixelsPutTheEquatorAndGreenwichAtTheCentre() {
    assertThat(TileMath.worldX(0, 2)).isEqualTo(512);
    assertThat(TileMath.worldY(0, 2)).isCloseTo(512, within(1e-9));
    assertThat(TileMath.worldY(TileMath.MAX_LATITUDE, 0)).isCloseTo(0, within(1e-6));
  }

  @Test
  void theViewportIsTheDeepestZoomAtWhichTheRouteFitsCentred() {
    // About 2 km across, in Berlin's Tiergarten.
    List<Point> route =
        List.of(
            new Point(52.5145, 13.3500), new Point(52.5163, 13.3777), new Point(52.5096, 13.3700));
    Viewport v = Viewport.fit(route, 320, 260, 16);
    double w = TileMath.worldX(13.3777, v.zoom()) - TileMath.worldX(13.3500, v.zoom());
    double h = TileMath.worldY(52.5096, v.zoom()) - TileMath.worldY(52.5163, v.zoom());
    assertThat(w).isLessThanOrEqualTo(320 - 32);
    assertThat(h).isLessThanOrEqualTo(260 - 32);
    // One zoom deeper doubles the size: it no longer fits.
    assertThat(2 * w > 320 - 32 || 2 * h > 260 - 32).isTrue();
    assertThat(v.zoom()).isEqualTo(13);
    for (Point p : route) {
      double[] at = v.place(p);
      assertThat(at[0]).isBetween(16.0, 320 - 16.0);
      assertThat(at[1]).isBetween(16.0, 260 - 16.0);
    }
    // Centred: equal margins left and right.
    double left = v.place(route.get(0))[0];
    double right = v.place(route.get(1))[0];
    assertThat(left).isCloseTo(320 - right, within(1e-6));
  }

  @Test
  void theTilesAreExactlyThoseThePaneShows() {
    Viewport v = new Viewport(3, 300, 200, 320, 260);
    // x from 300 to 620: columns 1 and 2; y from 200 to 460: rows 0 and 1.
    assertThat(v.tiles())
        .containsExactly(
            new Tile(3, 1, 0), new Tile(3, 2, 0), new Tile(3, 1, 1), new Tile(3, 2, 1));
    assertThat(v.corner(2, 1)).containsExactly(512 - 300, 256 - 200);
    // A pane on tile edges needs no extra column or row.
    assertThat(new Viewport(3, 256, 256, 256, 256).tiles()).containsExactly(new Tile(3, 1, 1));
  }

  @Test
  void columnsWrapAroundTheAntimeridianAndRowsStopAtThePoles() {
    // Zoom 2 is 1024 pixels wide: a pane from -100 to 220 shows column 3 (wrapped) and column 0.
    Viewport v = new Viewport(2, -100, -50, 320, 200);
    assertThat(v.tiles()).containsExactly(new Tile(2, 3, 0), new Tile(2, 0, 0));
    assertThat(v.column(new Tile(2, 3, 0))).isEqualTo(-1);
    assertThat(v.corner(v.column(new Tile(2, 3, 0)), 0)[0]).isEqualTo(-156);
  }
}
