package org.openvitals.connectors.workoutfiles;

import static org.openvitals.connectors.workoutfiles.GpxReader.coordinate;
import static org.openvitals.connectors.workoutfiles.GpxReader.number;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openvitals.connectors.applehealth.SecureXml;

/**
 * Garmin's Training Center XML v2 (TrainingCenterDatabasev2.xsd): each {@code Activity} is one
 * workout with its {@code Sport} attribute, {@code Id} (its start), laps whose totals are added up
 * ({@code TotalTimeSeconds}, {@code DistanceMeters}, {@code Calories}, heart rate average weighted
 * by lap time and the highest maximum) and track points ({@code Time}, {@code Position}, {@code
 * AltitudeMeters}, {@code HeartRateBpm}). The device is the activity's {@code Creator/Name}, else
 * the file's {@code Author/Name}. Courses (planned routes) are not workouts and are not read.
 */
final class TcxReader {
  private static final XMLInputFactory FACTORY = SecureXml.factory();

  private TcxReader() {}

  static WorkoutFile read(InputStream in) throws UnreadableFileException {
    WorkoutFile file = new WorkoutFile();
    XMLStreamReader r = null;
    Deque<String> path = new ArrayDeque<>();
    try {
      r = FACTORY.createXMLStreamReader(in);
      WorkoutRecording activity = null;
      String author = null;
      String device = null;
      int activities = 0;
      int point = 0;
      int pointLine = 0;
      String problem = null;
      OffsetDateTime time = null;
      double lat = Double.NaN;
      double lon = Double.NaN;
      double ele = Double.NaN;
      Double hr = null;
      double lapSeconds = 0;
      double hrSeconds = 0;
      double hrWeighted = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          String parent = path.peek();
          String where = activity == null ? null : inside(path);
          if (name.equals("Activity")) {
            activity = new WorkoutRecording();
            activity.sport = r.getAttributeValue(null, "Sport");
            activities++;
            point = 0;
            hrSeconds = 0;
            hrWeighted = 0;
            path.push(name);
            continue;
          }
          if (name.equals("Lap") && activity != null) {
            lapSeconds = 0;
            OffsetDateTime lapStart = time(r.getAttributeValue(null, "StartTime"));
            if (lapStart != null && (activity.start == null || lapStart.isBefore(activity.start))) {
              activity.start = lapStart;
            }
            path.push(name);
            continue;
          }
          if (name.equals("Trackpoint") && activity != null) {
            point++;
            file.records++;
            pointLine = r.getLocation().getLineNumber();
            problem = null;
            time = null;
            lat = Double.NaN;
            lon = Double.NaN;
            ele = Double.NaN;
            hr = null;
            path.push(name);
            continue;
          }
          boolean leaf = true;
          String text = null;
          if ("Trackpoint".equals(where)) {
            switch (name) {
              case "Time" -> {
                text = r.getElementText();
                time = time(text);
                if (time == null) {
                  problem = "Time '" + text.strip() + "' is not an ISO 8601 date-time";
                }
              }
              case "LatitudeDegrees" -> lat = coordinate(text = r.getElementText(), 90);
              case "LongitudeDegrees" -> lon = coordinate(text = r.getElementText(), 180);
              case "AltitudeMeters" -> ele = number(text = r.getElementText());
              case "Value" -> {
                if ("HeartRateBpm".equals(parent)) {
                  double bpm = number(text = r.getElementText());
                  hr = Double.isNaN(bpm) ? null : bpm;
                } else {
                  leaf = false;
                }
              }
              default -> leaf = false;
            }
          } else if ("Lap".equals(where) && "Lap".equals(parent)) {
            switch (name) {
              case "TotalTimeSeconds" -> {
                lapSeconds = zeroIfNaN(number(text = r.getElementText()));
                activity.timerSeconds = sum(activity.timerSeconds, lapSeconds);
              }
              case "DistanceMeters" ->
                  activity.distanceMeters =
                      sum(activity.distanceMeters, zeroIfNaN(number(text = r.getElementText())));
              case "Calories" ->
                  activity.energyKcal =
                      sum(activity.energyKcal, zeroIfNaN(number(text = r.getElementText())));
              default -> leaf = false;
            }
          } else if ("Lap".equals(where) && name.equals("Value")) {
            double bpm = number(text = r.getElementText());
            if (!Double.isNaN(bpm) && "AverageHeartRateBpm".equals(parent)) {
              hrWeighted += bpm * lapSeconds;
              hrSeconds += lapSeconds;
            } else if (!Double.isNaN(bpm) && "MaximumHeartRateBpm".equals(parent)) {
              activity.maxHeartRate =
                  activity.maxHeartRate == null ? bpm : Math.max(activity.maxHeartRate, bpm);
            }
          } else if (activity != null && "Activity".equals(parent) && name.equals("Id")) {
            OffsetDateTime id = time(text = r.getElementText());
            if (id != null && (activity.start == null || id.isBefore(activity.start))) {
              activity.start = id;
            }
          } else if (activity != null && "Activity".equals(parent) && name.equals("Notes")) {
            activity.name = r.getElementText();
            text = "";
          } else if (name.equals("Name") && "Creator".equals(parent) && activity != null) {
            device = r.getElementText();
            text = "";
          } else if (name.equals("Name") && "Author".equals(parent)) {
            author = r.getElementText();
            text = "";
          } else {
            leaf = false;
          }
          if (!(leaf && text != null)) {
            path.push(name);
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = r.getLocalName();
          path.poll();
          if (name.equals("Trackpoint") && activity != null) {
            if (problem != null) {
              file.rejected.add(
                  "activity "
                      + activities
                      + " trackpoint "
                      + point
                      + " (line "
                      + pointLine
                      + "): "
                      + problem);
            } else if (time == null) {
              file.rejected.add(
                  "activity "
                      + activities
                      + " trackpoint "
                      + point
                      + " (line "
                      + pointLine
                      + "): no Time");
            } else {
              activity.point(time, lat, lon, ele, hr);
            }
          } else if (name.equals("Activity") && activity != null) {
            if (hrSeconds > 0) {
              activity.averageHeartRate = hrWeighted / hrSeconds;
            }
            if (activity.placed()) {
              file.workouts.add(activity);
            } else {
              file.rejected.add("activity " + activities + ": neither an Id nor a timed point");
            }
            activity = null;
          }
        }
      }
      file.creator = device != null && !device.isBlank() ? device.strip() : author;
      return file;
    } catch (XMLStreamException e) {
      throw new UnreadableFileException(
          e.getLocation() == null ? "reading" : "line " + e.getLocation().getLineNumber(),
          "not well-formed TCX: " + SecureXml.explain(e),
          e);
    } finally {
      GpxReader.close(r);
    }
  }

  /** The nearest enclosing Trackpoint or Lap, so a DistanceMeters is read as what it is. */
  private static String inside(Deque<String> path) {
    for (String p : path) {
      if (p.equals("Trackpoint") || p.equals("Lap")) {
        return p;
      }
    }
    return null;
  }

  private static OffsetDateTime time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Double sum(Double total, double add) {
    return total == null ? add : total + add;
  }

  private static double zeroIfNaN(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
