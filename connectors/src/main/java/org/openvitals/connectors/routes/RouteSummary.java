package org.openvitals.connectors.routes;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What OpenVitals keeps of a workout route: a summary in the workout's metadata (point count, first
 * and last fix, distance along the track, elevation gained), not the track itself. Built from a GPX
 * file or inline {@code <Location>} elements of an Apple Health export, or from a provider's GPS
 * stream (Strava).
 */
public record RouteSummary(
    int points,
    OffsetDateTime first,
    OffsetDateTime last,
    double distanceMeters,
    double elevationGainMeters) {

  private static final double EARTH_RADIUS_M = 6_371_008.8;

  /**
   * The summary as the workout's metadata entries ({@code route_points}, {@code route_distance_m}
   * ...).
   */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("route_points", Integer.toString(points));
    m.put("route_distance_m", String.format(Locale.ROOT, "%.1f", distanceMeters));
    m.put("route_elevation_gain_m", String.format(Locale.ROOT, "%.1f", elevationGainMeters));
    if (first != null) {
      m.put("route_start", first.toString());
      m.put("route_end", last.toString());
    }
    return m;
  }

  /** Folds points into a summary, one at a time, so a route never sits in memory whole. */
  public static final class Builder {
    private int points;
    private OffsetDateTime first;
    private OffsetDateTime last;
    private double distance;
    private double gain;
    private double lat = Double.NaN;
    private double lon = Double.NaN;
    private double ele = Double.NaN;

    public void add(double latitude, double longitude, double elevation, OffsetDateTime time) {
      if (!Double.isNaN(lat)) {
        distance += haversine(lat, lon, latitude, longitude);
      }
      if (!Double.isNaN(ele) && !Double.isNaN(elevation) && elevation > ele) {
        gain += elevation - ele;
      }
      lat = latitude;
      lon = longitude;
      if (!Double.isNaN(elevation)) {
        ele = elevation;
      }
      if (time != null) {
        if (first == null) {
          first = time;
        }
        last = time;
      }
      points++;
    }

    public RouteSummary build() {
      return new RouteSummary(points, first, last, distance, gain);
    }
  }

  /**
   * Reads a GPX 1.1 track as Apple Health writes it ({@code trkpt} with {@code ele}, {@code time}).
   */
  public static RouteSummary fromGpx(XMLInputFactory factory, InputStream gpx)
      throws XMLStreamException {
    XMLStreamReader r = factory.createXMLStreamReader(gpx);
    try {
      Builder b = new Builder();
      double lat = Double.NaN;
      double lon = Double.NaN;
      double ele = Double.NaN;
      OffsetDateTime time = null;
      boolean inPoint = false;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "trkpt", "rtept" -> {
              inPoint = true;
              lat = parse(r.getAttributeValue(null, "lat"));
              lon = parse(r.getAttributeValue(null, "lon"));
              ele = Double.NaN;
              time = null;
            }
            case "ele" -> {
              if (inPoint) {
                ele = parse(r.getElementText());
              }
            }
            case "time" -> {
              if (inPoint) {
                time = parseTime(r.getElementText());
              }
            }
            default -> {}
          }
        } else if (event == XMLStreamConstants.END_ELEMENT
            && inPoint
            && ("trkpt".equals(r.getLocalName()) || "rtept".equals(r.getLocalName()))) {
          inPoint = false;
          if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
            b.add(lat, lon, ele, time);
          }
        }
      }
      return b.build();
    } finally {
      r.close();
    }
  }

  private static double parse(String s) {
    if (s == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static OffsetDateTime parseTime(String s) {
    try {
      return OffsetDateTime.parse(s.strip());
    } catch (RuntimeException e) {
      return null;
    }
  }

  static double haversine(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
