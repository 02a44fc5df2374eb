package org.openvitals.core.workouts;

import java.util.ArrayList;
import java.util.List;

/**
 * Google's encoded polyline format, in which Strava sends a route's summary ({@code
 * map.summary_polyline}): latitude and longitude in 1e-5 degrees, each the difference from the
 * previous point, zig-zag signed and written in 5-bit chunks offset by 63.
 */
public final class Polyline {
  private Polyline() {}

  /** A point of a route, in degrees. */
  public record Point(double latitude, double longitude) {}

  /**
   * The points of an encoded polyline.
   *
   * @throws IllegalArgumentException when the text ends inside a number or holds a character
   *     outside the format
   */
  public static List<Point> decode(String encoded) {
    List<Point> out = new ArrayList<>();
    int[] index = {0};
    long lat = 0;
    long lon = 0;
    while (index[0] < encoded.length()) {
      lat += next(encoded, index);
      lon += next(encoded, index);
      out.add(new Point(lat / 1e5, lon / 1e5));
    }
    return out;
  }

  private static long next(String encoded, int[] index) {
    long result = 0;
    int shift = 0;
    int chunk;
    do {
      if (index[0] >= encoded.length()) {
        throw new IllegalArgumentException(
            "Encoded polyline ends inside a number at character " + index[0]);
      }
      chunk = encoded.charAt(index[0]++) - 63;
      if (chunk < 0 || chunk > 63 || shift > 60) {
        throw new IllegalArgumentException(
            "Not an encoded polyline: character " + (index[0] - 1) + " is out of range");
      }
      result |= (long) (chunk & 0x1f) << shift;
      shift += 5;
    } while (chunk >= 0x20);
    return (result & 1) != 0 ? ~(result >> 1) : result >> 1;
  }

  /** The points in the same format, rounded to 1e-5 degrees (about a metre). */
  public static String encode(List<Point> points) {
    StringBuilder out = new StringBuilder(points.size() * 8);
    long lat = 0;
    long lon = 0;
    for (Point p : points) {
      long pointLat = Math.round(p.latitude() * 1e5);
      long pointLon = Math.round(p.longitude() * 1e5);
      write(out, pointLat - lat);
      write(out, pointLon - lon);
      lat = pointLat;
      lon = pointLon;
    }
    return out.toString();
  }

  private static void write(StringBuilder out, long delta) {
    long v = delta < 0 ? ~(delta << 1) : delta << 1;
    while (v >= 0x20) {
      out.append((char) ((0x20 | (v & 0x1f)) + 63));
      v >>= 5;
    }
    out.append((char) (v + 63));
  }
}
