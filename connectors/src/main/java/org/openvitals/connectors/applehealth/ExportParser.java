package org.openvitals.connectors.applehealth;

import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.routes.RouteSummary;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * Streams one {@code export.xml} into samples: one element at a time, nothing kept once an element
 * is mapped. Record-level problems (bad date, bad number, unknown unit) skip that record and are
 * counted with a reason that names the line and column; only broken XML ends the parse.
 */
final class ExportParser {
  static final String PROVIDER = HealthKitTypes.PROVIDER;
  static final String SYNC_ID = HealthKitTypes.SYNC_ID;
  static final String WORKOUT_PREFIX = HealthKitTypes.WORKOUT_ACTIVITY_PREFIX;

  private final XMLInputFactory factory;
  private final SampleSink sink;
  private final ImportTally tally;
  private final RouteJoiner routes;

  private final Map<String, SourceRef> sources = new HashMap<>();
  private final Map<String, String> devices = new HashMap<>();
  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, String> characteristics = new LinkedHashMap<>();

  private String entryName = "export.xml";
  private long ordinal;
  private XMLStreamReader reader;

  ExportParser(XMLInputFactory factory, SampleSink sink, ImportTally tally, RouteJoiner routes) {
    this.factory = factory;
    this.sink = sink;
    this.tally = tally;
    this.routes = routes;
  }

  /** {@code <Me>} characteristics read so far (date of birth, biological sex ...), as written. */
  Map<String, String> characteristics() {
    return characteristics;
  }

  /** Where the parser is, for error messages: {@code line 12, column 5}. */
  String position() {
    if (reader == null) {
      return "start";
    }
    Location l = reader.getLocation();
    return "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
  }

  /** The current line and column packed in one long, so records pay no string for it. */
  private long here() {
    Location l = reader.getLocation();
    return ((long) l.getLineNumber() << 32) | (l.getColumnNumber() & 0xffffffffL);
  }

  private static String at(long where) {
    return "line " + (where >>> 32) + ", column " + (int) where;
  }

  /** Reads {@code in} to its end. */
  void parse(InputStream in, String entryName) throws XMLStreamException, SampleSink.Stop {
    this.entryName = entryName;
    reader = factory.createXMLStreamReader(in);
    try {
      while (reader.hasNext()) {
        if (reader.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (reader.getLocalName()) {
          case "Record" -> topLevel(() -> record(null));
          case "Correlation" -> topLevel(this::correlation);
          case "Workout" -> topLevel(this::workout);
          case "ActivitySummary" -> topLevel(this::activitySummary);
          case "Me" -> me();
          case "HealthData", "ExportDate" -> {}
          default -> {
            // ClinicalRecord, Audiogram, VisionPrescription ...: not in the catalog; counted.
            tally.count("other_elements." + reader.getLocalName());
            skipElement();
          }
        }
      }
    } finally {
      reader.close();
    }
  }

  private interface ElementReader {
    void read() throws XMLStreamException;
  }

  private void topLevel(ElementReader element) throws XMLStreamException, SampleSink.Stop {
    ordinal++;
    tally.read++;
    element.read();
    sink.elementDone(ordinal);
  }

  // ---- Record --------------------------------------------------------------------------------

  /** Attributes of a Record, read in one pass over the attribute list. */
  private static final class RecordAttributes {
    String type;
    String sourceName;
    String sourceVersion;
    String device;
    String unit;
    String value;
    String startDate;
    String endDate;
  }

  /**
   * Reads a Record and its children; maps it, or counts why not.
   *
   * @param correlation the enclosing Correlation's type, or null for a top-level Record
   */
  private void record(String correlation) throws XMLStreamException {
    long where = here();
    RecordAttributes a = new RecordAttributes();
    for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
      String v = reader.getAttributeValue(i);
      switch (reader.getAttributeLocalName(i)) {
        case "type" -> a.type = v;
        case "sourceName", "source" -> a.sourceName = v;
        case "sourceVersion" -> a.sourceVersion = v;
        case "device" -> a.device = v;
        case "unit" -> a.unit = v;
        case "value" -> a.value = v;
        case "startDate" -> a.startDate = v;
        case "endDate" -> a.endDate = v;
        default -> {}
      }
    }
    Map<String, String> metadata = null;
    String beats = null;
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        switch (reader.getLocalName()) {
          case "MetadataEntry" -> {
            if (metadata == null) {
              metadata = new HashMap<>(4);
            }
            metadataEntry(metadata);
          }
          case "HeartRateVariabilityMetadataList" -> {
            beats = beats(a.startDate);
            depth--;
          }
          default -> {}
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    Sample sample = map(a, metadata, beats, where, correlation != null);
    if (sample == null) {
      return;
    }
    if (correlation != null) {
      sink.correlationCopy(sample);
    } else {
      sink.sample(sample);
    }
  }

  private Sample map(
      RecordAttributes a,
      Map<String, String> metadata,
      String beats,
      long where,
      boolean inCorrelation) {
    MetricType type = HealthKitTypes.quantity(a.type);
    HealthKitTypes.CategoryRule category = type == null ? HealthKitTypes.category(a.type) : null;
    boolean sleep =
        type == null && category == null && HealthKitTypes.SLEEP_ANALYSIS.equals(a.type);
    if (type == null && category == null && !sleep) {
      if (a.type == null || a.type.isBlank()) {
        tally.unmapped(a.type);
      } else if (!inCorrelation) { // Apple writes a correlation's records at the top level too
        other(a, metadata, where);
      }
      return null;
    }
    try {
      OffsetDateTime start = HealthDates.parse(a.startDate);
      OffsetDateTime end = HealthDates.parse(a.endDate);
      double value;
      if (sleep) {
        type = HealthKitTypes.sleepStage(a.value);
        if (type == null) {
          throw new IllegalArgumentException("unknown sleep analysis value '" + a.value + "'");
        }
        value = Duration.between(start, end).toMillis() / 60_000.0;
      } else if (category != null) {
        type = category.metric();
        value = category.value(a.value, start, end);
      } else {
        value = HealthKitTypes.canonical(type, number(a.value, "value"), a.unit);
      }
      if (metadata == null) {
        metadata = new HashMap<>(4);
      }
      if (category != null && a.value != null) {
        metadata.put(HealthKitTypes.CATEGORY_VALUE, shared(a.value));
      }
      if (a.sourceVersion != null) {
        metadata.put("source_version", shared(a.sourceVersion));
      }
      if (beats != null) {
        metadata.put("hrv_beats", beats);
      }
      if (HealthKitTypes.BASAL_BODY_TEMPERATURE.equals(a.type)) {
        metadata.put("measurement", "basal");
      }
      return new Sample(
          type,
          start,
          end,
          value,
          source(a.sourceName),
          device(a.device),
          metadata.get(SYNC_ID),
          metadata);
    } catch (DateTimeException | IllegalArgumentException e) {
      tally.reject(entryName + " " + at(where) + ": Record " + a.type + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * Keeps a record of a type the catalog does not know as written, so that a later version can map
   * it without the export being imported again (docs/decisions/0008-unknown-types.md).
   */
  private void other(RecordAttributes a, Map<String, String> metadata, long where) {
    try {
      Map<String, String> kept = metadata == null ? new HashMap<>(2) : metadata;
      if (a.sourceVersion != null) {
        kept.put("source_version", shared(a.sourceVersion));
      }
      sink.other(
          new OtherSample(
              shared(a.type),
              a.unit == null ? null : shared(a.unit),
              HealthDates.parse(a.startDate),
              HealthDates.parse(a.endDate),
              a.value,
              source(a.sourceName),
              device(a.device),
              kept.get(SYNC_ID),
              kept));
      tally.other(a.type);
    } catch (DateTimeException | IllegalArgumentException e) {
      tally.reject(entryName + " " + at(where) + ": Record " + a.type + ": " + e.getMessage());
    }
  }

  /**
   * A number as HealthKit writes it. Values are not locale-formatted (fr_FR exports write "107.5"),
   * but a lone decimal comma from a re-saved file is accepted.
   */
  static double number(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("no " + what);
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      String s = text.strip();
      if (s.indexOf(',') == s.lastIndexOf(',') && s.indexOf('.') < 0) {
        try {
          return Double.parseDouble(s.replace(',', '.'));
        } catch (NumberFormatException ignored) {
          // fall through to the error naming the text
        }
      }
      throw new IllegalArgumentException("bad " + what + " " + ImportReport.Rejected.quote(text));
    }
  }

  private void metadataEntry(Map<String, String> into) {
    String key = null;
    String value = null;
    for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
      switch (reader.getAttributeLocalName(i)) {
        case "key" -> key = reader.getAttributeValue(i);
        case "value" -> value = reader.getAttributeValue(i);
        default -> {}
      }
    }
    if (key != null && value != null) {
      key = shared(key);
      into.put(key, key.equals(SYNC_ID) ? value : shared(value));
    }
  }

  /**
   * The beat-to-beat list of an HRV record, as {@code [[seconds after start, bpm], ...]}. Times are
   * locale-formatted times of day; when one cannot be read, the list is kept as written.
   */
  private String beats(String recordStart) throws XMLStreamException {
    StringBuilder json = new StringBuilder("[");
    StringBuilder raw = new StringBuilder();
    OffsetDateTime start = null;
    boolean readable = true;
    try {
      start = HealthDates.parse(recordStart);
    } catch (DateTimeException e) {
      readable = false;
    }
    int count = 0;
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if ("InstantaneousBeatsPerMinute".equals(reader.getLocalName())) {
          String bpm = reader.getAttributeValue(null, "bpm");
          String time = reader.getAttributeValue(null, "time");
          raw.append(count == 0 ? "" : ";").append(time).append('=').append(bpm);
          if (readable) {
            try {
              double at = HealthDates.secondsAfter(start, time);
              double rate = number(bpm, "bpm");
              json.append(count == 0 ? "" : ",")
                  .append(String.format(Locale.ROOT, "[%.2f,%s]", at, trim(rate)));
            } catch (RuntimeException e) {
              readable = false;
            }
          }
          count++;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    tally.count("hrv_beat_lists");
    if (!readable) {
      tally.count("hrv_beat_lists_kept_as_written");
      return raw.toString();
    }
    return json.append(']').toString();
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  // ---- Correlation ---------------------------------------------------------------------------

  private void correlation() throws XMLStreamException {
    String type = reader.getAttributeValue(null, "type");
    tally.count("correlations");
    if (HealthKitTypes.BLOOD_PRESSURE.equals(type)) {
      tally.count("correlations.blood_pressure");
    } else if ("HKCorrelationTypeIdentifierFood".equals(type)) {
      tally.count("correlations.food");
    }
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        if ("Record".equals(reader.getLocalName())) {
          record(type);
        } else {
          depth++;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  // ---- Workout -------------------------------------------------------------------------------

  private void workout() throws XMLStreamException {
    long where = here();
    String activity = null;
    String duration = null;
    String durationUnit = null;
    String distance = null;
    String distanceUnit = null;
    String energy = null;
    String energyUnit = null;
    String sourceName = null;
    String sourceVersion = null;
    String device = null;
    String startDate = null;
    String endDate = null;
    for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
      String v = reader.getAttributeValue(i);
      switch (reader.getAttributeLocalName(i)) {
        case "workoutActivityType" -> activity = v;
        case "duration" -> duration = v;
        case "durationUnit" -> durationUnit = v;
        case "totalDistance" -> distance = v;
        case "totalDistanceUnit" -> distanceUnit = v;
        case "totalEnergyBurned" -> energy = v;
        case "totalEnergyBurnedUnit" -> energyUnit = v;
        case "sourceName", "source" -> sourceName = v;
        case "sourceVersion" -> sourceVersion = v;
        case "device" -> device = v;
        case "startDate" -> startDate = v;
        case "endDate" -> endDate = v;
        default -> {}
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, Integer> events = new LinkedHashMap<>();
    Set<String> routeFiles = new LinkedHashSet<>();
    RouteSummary.Builder inlineRoute = null;
    int activities = 0;
    int routeElements = 0;
    String problem = null;
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      depth++;
      switch (reader.getLocalName()) {
        case "MetadataEntry" -> {
          // Metadata of the workout itself, not of its routes or activities.
          if (depth == 2) {
            metadataEntry(metadata);
          }
        }
        case "WorkoutEvent" -> {
          String t = reader.getAttributeValue(null, "type");
          events.merge(t == null ? "?" : t.replace("HKWorkoutEventType", ""), 1, Integer::sum);
        }
        case "WorkoutActivity" -> activities++;
        case "WorkoutStatistics" -> {
          if (depth != 2) {
            continue; // an activity's own statistics; the workout's are the totals
          }
          try {
            statistics(metadata);
          } catch (IllegalArgumentException e) {
            problem = "WorkoutStatistics: " + e.getMessage();
          }
        }
        case "WorkoutRoute" -> routeElements++;
        case "FileReference" -> {
          String path = reader.getAttributeValue(null, "path");
          if (path != null && !path.isBlank()) {
            routeFiles.add(path);
          }
        }
        case "Location" -> {
          if (inlineRoute == null) {
            inlineRoute = new RouteSummary.Builder();
          }
          location(inlineRoute);
        }
        default -> {}
      }
    }
    tally.count("workouts");
    if (routeElements > 0) {
      tally.count("workout_routes", routeElements);
    }
    try {
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      OffsetDateTime start = HealthDates.parse(startDate);
      OffsetDateTime end = HealthDates.parse(endDate);
      double minutes =
          duration != null
              ? Units.toCanonical(
                  MetricType.WORKOUT,
                  number(duration, "duration"),
                  durationUnit == null ? "min" : durationUnit)
              : Duration.between(start, end).toMillis() / 60_000.0;
      if (activity != null) {
        metadata.put(
            "activity_type",
            activity.startsWith(WORKOUT_PREFIX)
                ? activity.substring(WORKOUT_PREFIX.length())
                : activity);
      }
      if (energy != null) {
        metadata.put(
            "energy_kcal",
            fmt(
                Units.toCanonical(
                    MetricType.ACTIVE_ENERGY,
                    number(energy, "totalEnergyBurned"),
                    energyUnit == null ? "kcal" : energyUnit)));
      }
      if (distance != null) {
        metadata.put(
            "distance_m",
            fmt(
                Units.toCanonical(
                    MetricType.DISTANCE,
                    number(distance, "totalDistance"),
                    distanceUnit == null ? "km" : distanceUnit)));
      }
      if (!events.isEmpty()) {
        StringBuilder e = new StringBuilder();
        events.forEach((k, v) -> e.append(e.isEmpty() ? "" : ",").append(k).append(':').append(v));
        metadata.put("events", e.toString());
      }
      if (activities > 0) {
        metadata.put("activities", Integer.toString(activities));
      }
      if (sourceVersion != null) {
        metadata.put("source_version", sourceVersion);
      }
      if (inlineRoute != null) {
        metadata.putAll(inlineRoute.build().toMetadata());
      }
      if (routeFiles.size() > 1) {
        metadata.put("route_files", String.join(",", routeFiles));
      }
      Sample sample =
          new Sample(
              MetricType.WORKOUT,
              start,
              end,
              minutes,
              source(sourceName),
              device(device),
              metadata.get(SYNC_ID),
              metadata);
      if (routeFiles.isEmpty()) {
        sink.sample(sample);
      } else {
        routes.workout(sample, routeFiles.iterator().next());
      }
    } catch (DateTimeException | IllegalArgumentException e) {
      tally.reject(entryName + " " + at(where) + ": Workout " + activity + ": " + e.getMessage());
    }
  }

  /** Totals that iOS 16+ exports moved from Workout attributes into WorkoutStatistics. */
  private void statistics(Map<String, String> metadata) {
    String type = reader.getAttributeValue(null, "type");
    String unit = reader.getAttributeValue(null, "unit");
    String sum = reader.getAttributeValue(null, "sum");
    if (type == null || !type.startsWith(HealthKitTypes.QUANTITY)) {
      return;
    }
    switch (type.substring(HealthKitTypes.QUANTITY.length())) {
      case "ActiveEnergyBurned" -> {
        if (sum != null) {
          metadata.putIfAbsent(
              "energy_kcal",
              fmt(Units.toCanonical(MetricType.ACTIVE_ENERGY, number(sum, "sum"), unit)));
        }
      }
      case "BasalEnergyBurned" -> {
        if (sum != null) {
          metadata.put(
              "basal_energy_kcal",
              fmt(Units.toCanonical(MetricType.BASAL_ENERGY, number(sum, "sum"), unit)));
        }
      }
      case "DistanceWalkingRunning",
          "DistanceCycling",
          "DistanceSwimming",
          "DistanceWheelchair",
          "DistanceDownhillSnowSports" -> {
        if (sum != null) {
          metadata.putIfAbsent(
              "distance_m", fmt(Units.toCanonical(MetricType.DISTANCE, number(sum, "sum"), unit)));
        }
      }
      case "StepCount" -> {
        if (sum != null) {
          metadata.put("steps", fmt(number(sum, "sum")));
        }
      }
      case "HeartRate" -> {
        for (String stat : new String[] {"average", "minimum", "maximum"}) {
          String v = reader.getAttributeValue(null, stat);
          if (v != null) {
            metadata.put(
                "heart_rate_" + stat.substring(0, 3),
                fmt(Units.toCanonical(MetricType.HEART_RATE, number(v, stat), unit)));
          }
        }
      }
      default -> tally.count("workout_statistics_not_kept");
    }
  }

  private void location(RouteSummary.Builder route) {
    try {
      double lat = number(reader.getAttributeValue(null, "latitude"), "latitude");
      double lon = number(reader.getAttributeValue(null, "longitude"), "longitude");
      String alt = reader.getAttributeValue(null, "altitude");
      String date = reader.getAttributeValue(null, "date");
      route.add(
          lat,
          lon,
          alt == null ? Double.NaN : number(alt, "altitude"),
          date == null ? null : HealthDates.parse(date));
    } catch (IllegalArgumentException | DateTimeException e) {
      tally.count("route_points_unreadable");
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
  }

  // ---- ActivitySummary, Me -------------------------------------------------------------------

  /**
   * Daily ring totals. Read and counted, not stored: they restate the day's active energy, exercise
   * and stand records, which are stored as samples, and a day total beside them would be counted
   * twice by the rules.
   */
  private void activitySummary() throws XMLStreamException {
    String day = reader.getAttributeValue(null, "dateComponents");
    long where = here();
    try {
      HealthDates.parseDay(day);
      tally.count("activity_summaries");
    } catch (RuntimeException e) {
      tally.reject(
          entryName + " " + at(where) + ": ActivitySummary: bad dateComponents '" + day + "'");
    }
    skipElement();
  }

  private void me() throws XMLStreamException {
    for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
      String v = reader.getAttributeValue(i);
      if (v != null && !v.isBlank()) {
        characteristics.put(
            reader.getAttributeLocalName(i).replace("HKCharacteristicTypeIdentifier", ""), v);
      }
    }
    tally.count("me_characteristics", characteristics.size());
    skipElement();
  }

  private void skipElement() throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  // ---- sources and devices -------------------------------------------------------------------

  /** The source named by the record ({@link HealthKitTypes#source}), one instance per name. */
  private SourceRef source(String name) {
    SourceRef cached = sources.get(name);
    if (cached != null) {
      return cached;
    }
    SourceRef source = HealthKitTypes.source(name);
    if (name != null) {
      sources.put(name, source);
    }
    return source;
  }

  /**
   * The device without the object address HealthKit prints ({@code <<HKDevice: 0x282a45810>,
   * name:Apple Watch, ...>}): the address changes between records and exports, and keeping it would
   * make every re-import look like an update.
   */
  private String device(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String d = raw;
    if (d.startsWith("<<HKDevice")) {
      int close = d.indexOf(">,");
      int end = d.endsWith(">") ? d.length() - 1 : d.length();
      d = close >= 0 && close + 2 <= end ? d.substring(close + 2, end).strip() : d;
    } else {
      d = d.strip();
    }
    // One instance per distinct device: samples waiting in the write queue share it.
    String known = devices.putIfAbsent(d, d);
    if (known != null) {
      return known;
    }
    if (devices.size() > 1_000) {
      devices.clear();
    }
    return d;
  }

  /**
   * One instance of each short repeated text (metadata keys, "0", "1", time zones, app versions): a
   * parser makes a new String per attribute, and millions of equal ones would wait in the write
   * queue.
   */
  private String shared(String s) {
    if (s.length() > 24) {
      return s;
    }
    String known = strings.putIfAbsent(s, s);
    if (known != null) {
      return known;
    }
    if (strings.size() > 4_096) {
      strings.clear();
    }
    return s;
  }

  /** The number of top-level elements read so far. */
  long ordinal() {
    return ordinal;
  }
}
