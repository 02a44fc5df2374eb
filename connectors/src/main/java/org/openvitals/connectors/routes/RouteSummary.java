package org.openvitals.connectors.routes;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openvitals.core.workouts.Polyline;

/**
 * What OpenVitals keeps of a workout route, in the workout's metadata: a summary (point count,
 * first and last fix, distance along the track, elevation gained) and the track thinned to at most
 * {@link #MAX_TRACK_POINTS} points as an encoded polyline (enough to draw it; a three-hour
 * recording at one fix a second would not fit a metadata value). Built from a GPX file or inline
 * {@code <Location>} elements of an Apple Health export, from a workout file, or from a provider's
 * GPS stream (Strava).
 */
public record RouteSummary(
    int points,
    OffsetDateTime first,
    OffsetDateTime last,
    double distanceMeters,
    double elevationGainMeters,
    List<Polyline.Point> track) {

  /** About 4 to 8 characters each once encoded: well under a metadata value's limit. */
  public static final int MAX_TRACK_POINTS = 1_000;

  public RouteSummary {
    track = List.copyOf(track);
  }

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
    if (track.size() > 1) {
      m.put("route_polyline", Polyline.encode(track));
    }
    return m;
  }

  /**
   * Folds points into a summary, one at a time, so a route never sits in memory whole: the track
   * keeps a point only when it lies at least {@code spacing} metres from the last one kept, and
   * when it grows past {@link #MAX_TRACK_POINTS} every other point goes and the spacing doubles.
   */
  public static final class Builder {
    private final List<Polyline.Point> track = new ArrayList<>();
    private double spacing = 5;
    private Polyline.Point lastSeen;
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
      keep(new Polyline.Point(latitude, longitude));
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

    private void keep(Polyline.Point p) {
      lastSeen = p;
      if (!track.isEmpty()) {
        Polyline.Point kept = track.getLast();
        if (haversine(kept.latitude(), kept.longitude(), p.latitude(), p.longitude()) < spacing) {
          return;
        }
      }
      track.add(p);
      if (track.size() > MAX_TRACK_POINTS) {
        for (int i = track.size() - 1; i > 0; i--) {
          if (i % 2 == 1) {
            track.remove(i);
          }
        }
        spacing *= 2;
      }
    }

    public RouteSummary build() {
      List<Polyline.Point> drawn = new ArrayList<>(track);
      if (lastSeen != null && !lastSeen.equals(drawn.getLast())) {
        drawn.add(lastSeen); // the finish, however close to the last point kept
      }
      return new RouteSummary(points, first, last, distance, gain, drawn);
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
