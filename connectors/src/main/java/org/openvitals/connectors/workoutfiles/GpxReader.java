package org.openvitals.connectors.workoutfiles;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openvitals.connectors.applehealth.SecureXml;

/**
 * GPX 1.1 (topografix.com/GPX/1/1): each {@code trk} is one workout, its {@code type} the sport,
 * its {@code trkpt}s (with {@code ele} and {@code time}) the route, and the heart rate from
 * Garmin's TrackPointExtension ({@code gpxtpx:TrackPointExtension/gpxtpx:hr}, also written by
 * Strava and Wahoo). A track without any time is a planned route, not a recording, and is skipped.
 */
final class GpxReader {
  private static final XMLInputFactory FACTORY = SecureXml.factory();

  private GpxReader() {}

  static WorkoutFile read(InputStream in) throws UnreadableFileException {
    WorkoutFile file = new WorkoutFile();
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(in);
      WorkoutRecording track = null;
      int tracks = 0;
      int point = 0;
      boolean inPoint = false;
      double lat = Double.NaN;
      double lon = Double.NaN;
      double ele = Double.NaN;
      OffsetDateTime time = null;
      Double hr = null;
      String pointProblem = null;
      int pointLine = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          switch (name) {
            case "gpx" -> file.creator = r.getAttributeValue(null, "creator");
            case "trk" -> {
              track = new WorkoutRecording();
              tracks++;
              point = 0;
            }
            case "name" -> {
              if (track != null && !inPoint) {
                track.name = r.getElementText();
              }
            }
            case "type" -> {
              if (track != null && !inPoint) {
                track.sport = r.getElementText();
              }
            }
            case "trkpt" -> {
              if (track != null) {
                inPoint = true;
                point++;
                file.records++;
                pointLine = r.getLocation().getLineNumber();
                pointProblem = null;
                lat = coordinate(r.getAttributeValue(null, "lat"), 90);
                lon = coordinate(r.getAttributeValue(null, "lon"), 180);
                if (Double.isNaN(lat) || Double.isNaN(lon)) {
                  pointProblem =
                      "lat '"
                          + r.getAttributeValue(null, "lat")
                          + "', lon '"
                          + r.getAttributeValue(null, "lon")
                          + "' is not a position";
                }
                ele = Double.NaN;
                time = null;
                hr = null;
              }
            }
            case "ele" -> {
              if (inPoint) {
                ele = number(r.getElementText());
              }
            }
            case "time" -> {
              if (inPoint) {
                String text = r.getElementText();
                try {
                  time = OffsetDateTime.parse(text.strip());
                } catch (DateTimeParseException e) {
                  pointProblem = "time '" + text.strip() + "' is not an ISO 8601 date-time";
                }
              }
            }
            case "hr" -> {
              if (inPoint) {
                double bpm = number(r.getElementText());
                hr = Double.isNaN(bpm) ? null : bpm;
              }
            }
            default -> {}
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          switch (r.getLocalName()) {
            case "trkpt" -> {
              if (inPoint) {
                inPoint = false;
                if (pointProblem != null) {
                  file.rejected.add(
                      "track "
                          + tracks
                          + " point "
                          + point
                          + " (line "
                          + pointLine
                          + "): "
                          + pointProblem);
                } else {
                  track.point(time, lat, lon, ele, hr);
                }
              }
            }
            case "trk" -> {
              if (track != null) {
                if (track.placed()) {
                  file.workouts.add(track);
                } else {
                  file.rejected.add(
                      "track "
                          + tracks
                          + ": no point has a time (a planned route, not a"
                          + " recorded workout)");
                }
                track = null;
              }
            }
            default -> {}
          }
        }
      }
      return file;
    } catch (XMLStreamException e) {
      throw new UnreadableFileException(
          e.getLocation() == null ? "reading" : "line " + e.getLocation().getLineNumber(),
          "not well-formed GPX: " + SecureXml.explain(e),
          e);
    } finally {
      close(r);
    }
  }

  static double coordinate(String text, double limit) {
    double v = number(text);
    return Math.abs(v) <= limit ? v : Double.NaN;
  }

  static double number(String text) {
    if (text == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static void close(XMLStreamReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // the file is closed by its owner; nothing was written
      }
    }
  }
}
