package org.openvitals.connectors.googlefit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvitals.connectors.csv.ArchiveReader;
import org.openvitals.connectors.csv.CsvTable;
import org.openvitals.connectors.csv.HeaderName;
import org.openvitals.connectors.csv.ImportSession;
import org.openvitals.connectors.csv.Numbers;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.googlefit.GoogleFitColumns.Target;
import org.openvitals.connectors.workoutfiles.TcxImporter;
import org.openvitals.connectors.workoutfiles.UnreadableFileException;
import org.openvitals.connectors.workoutfiles.WorkoutFileImporter;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.units.Units;

/**
 * Google Fit's part of a Google Takeout ({@code Takeout/Fit}): a file of it, or the Takeout zip. A
 * folder is read file by file through the folder import, which hands each of these files here.
 *
 * <ul>
 *   <li>{@code Daily activity metrics/Daily activity metrics.csv}: one row per local day, columns
 *       found by name ({@link GoogleFitColumns}); source {@code google_fit/Google Fit (daily)}.
 *   <li>{@code Daily activity metrics/YYYY-MM-DD.csv}: the same columns in 15-minute buckets, times
 *       of day with their offset and the date from the file name; source {@code google_fit/Google
 *       Fit}.
 *   <li>{@code All Data/*.json}: data points ({@code startTimeNanos}, {@code endTimeNanos}, {@code
 *       dataTypeName}, {@code fitValue}) under their file's {@code Data Source} name, each data
 *       source its own source ({@code google_fit/derived:com.google.step_count.delta:...}).
 *   <li>{@code All Sessions/*.json}: one workout per file (activity, times, aggregates); source
 *       {@code google_fit/Google Fit}.
 *   <li>{@code Activities/*.tcx}: the workouts' recordings, read by the TCX reader; source {@code
 *       google_fit/Google Fit (TCX)}, so the workout rule joins each with its session.
 * </ul>
 *
 * The same quantity in the daily file, the buckets and the data points stays under separate
 * sources, so the rules pick one per day instead of adding them up.
 */
public final class GoogleFitImporter implements FileImporter {
  public static final String ID = "google_fit";
  public static final String PROVIDER = "google_fit";
  static final SourceRef DAILY = new SourceRef(PROVIDER, "Google Fit (daily)");
  static final SourceRef FIT = new SourceRef(PROVIDER, "Google Fit");
  static final SourceRef TCX = new SourceRef(PROVIDER, "Google Fit (TCX)");

  /** Made on first use: building the importers (at every store open) then makes no mapper. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonFactory FACTORY = MAPPER.getFactory();
  }

  private static final Pattern DAY_FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.csv");

  /** The local start time Takeout writes in file names, with ':' as '_': {@code +05_30}. */
  private static final Pattern NAME_OFFSET =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}T\\d{2}_\\d{2}_\\d{2}(?:\\.\\d+)?([+-]\\d{2})_(\\d{2})");

  enum Kind {
    DAILY_TOTALS,
    DAY_BUCKETS,
    ALL_DATA,
    SESSION,
    ACTIVITY_TCX
  }

  private final ZoneId zone;

  public GoogleFitImporter() {
    this(ZoneId.systemDefault());
  }

  /**
   * @param zone the zone of the daily file's local dates (Google Fit writes none)
   */
  public GoogleFitImporter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Google Fit (Google Takeout: daily metrics, All Data, sessions, activities)";
  }

  /**
   * A Google Fit column or data type kept as another type becomes a sample once {@link
   * GoogleFitColumns} maps it (docs/decisions/0008-unknown-types.md).
   */
  @Override
  public Optional<Sample> promote(OtherSample record) {
    if (!record.source().provider().equals(PROVIDER) || Double.isNaN(record.number())) {
      return Optional.empty();
    }
    Optional<Target> target =
        GoogleFitColumns.column(record.type()).or(() -> GoogleFitColumns.dataType(record.type()));
    try {
      return target.map(t ->
          new Sample(
              t.metric(),
              record.start(),
              record.end(),
              Units.toCanonical(t.metric(), record.number(), t.unit()),
              record.source(),
              record.device(),
              record.externalId(),
              record.metadata()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean canRead(Path file) throws IOException {
    if (Files.isDirectory(file) || ArchiveReader.isZip(file)) {
      return ArchiveReader.anyName(file, name -> kindOfName(name) != null);
    }
    return Files.isRegularFile(file) && kindOf(file) != null;
  }

  /**
   * A Takeout path's kind from its folder and name alone, or null: the file must sit in one of
   * Fit's folders ({@code Fit/All Data/...}), so a folder of that name elsewhere is not taken.
   */
  static Kind kindOfName(String path) {
    String[] parts = path.replace('\\', '/').split("/");
    if (parts.length < 3 || !parts[parts.length - 3].equalsIgnoreCase("fit")) {
      return null;
    }
    String folder = parts[parts.length - 2].toLowerCase(Locale.ROOT);
    String name = parts[parts.length - 1];
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (folder) {
      case "daily activity metrics" ->
          DAY_FILE.matcher(name).matches()
              ? Kind.DAY_BUCKETS
              : lower.endsWith(".csv") ? Kind.DAILY_TOTALS : null;
      case "all data" -> lower.endsWith(".json") ? Kind.ALL_DATA : null;
      case "all sessions" -> lower.endsWith(".json") ? Kind.SESSION : null;
      case "activities" -> lower.endsWith(".tcx") ? Kind.ACTIVITY_TCX : null;
      default -> null;
    };
  }

  /** A file's kind: by its Takeout path, else by what it starts with (a file moved elsewhere). */
  static Kind kindOf(Path file) throws IOException {
    Kind byName = kindOfName(file.toAbsolutePath().toString());
    if (byName != null) {
      return byName;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      List<String> header = CsvTable.peekHeader(file);
      boolean google =
          header.stream()
              .anyMatch(h ->
                  h.equalsIgnoreCase("Move Minutes count") || h.equalsIgnoreCase("Heart Points"));
      if (google && !header.isEmpty()) {
        if (header.getFirst().equalsIgnoreCase("Date")) {
          return Kind.DAILY_TOTALS;
        }
        if (header.getFirst().equalsIgnoreCase("Start time")
            && DAY_FILE.matcher(file.getFileName().toString()).matches()) {
          return Kind.DAY_BUCKETS;
        }
      }
      return null;
    }
    if (name.endsWith(".json")) {
      String head;
      try (InputStream in = Files.newInputStream(file)) {
        head = new String(in.readNBytes(512), StandardCharsets.UTF_8);
      }
      if (head.contains("\"Data Source\"") || head.contains("\"Data Points\"")) {
        return Kind.ALL_DATA;
      }
      if (head.contains("\"fitnessActivity\"")) {
        return Kind.SESSION;
      }
    }
    return null;
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    ArchiveReader archive = new ArchiveReader(ArchiveReader.Limits.DEFAULT);
    ImportSession session = ImportSession.overArchive(file, ID, store, listener, archive);
    Kind single;
    try {
      single = ArchiveReader.isZip(file) ? null : kindOf(file);
    } catch (IOException e) {
      throw session.fail("reading", e.getMessage(), e);
    }
    try {
      archive.forEach(
          file,
          (name, in) -> {
            Kind kind = single != null ? single : kindOfName(name);
            if (kind == null || session.cancelled()) {
              return;
            }
            try {
              read(kind, name, in, session);
            } catch (JsonProcessingException e) {
              throw new Failure(
                  e.getLocation() == null ? name : name + " line " + e.getLocation().getLineNr(),
                  "not valid JSON: " + e.getOriginalMessage(),
                  e);
            } catch (CsvTable.CsvSyntaxException e) {
              throw new Failure(name + " " + e.where(), e.reason(), e);
            } catch (UnreadableFileException e) {
              throw new Failure(name + " " + e.where(), e.getMessage(), e);
            }
          });
    } catch (Failure e) {
      throw session.fail(e.where, e.getMessage(), e.getCause());
    } catch (IOException e) {
      throw session.fail("reading", e.getMessage(), e);
    }
    return session.finish();
  }

  private static final class Failure extends IOException {
    final String where;

    Failure(String where, String message, Throwable cause) {
      super(message, cause);
      this.where = where;
    }
  }

  private void read(Kind kind, String name, InputStream in, ImportSession session)
      throws IOException, UnreadableFileException {
    switch (kind) {
      case DAILY_TOTALS -> readCsv(name, in, session, null);
      case DAY_BUCKETS -> {
        Matcher m = DAY_FILE.matcher(name.substring(name.lastIndexOf('/') + 1));
        if (!m.matches()) {
          session.unmapped("Google Fit per-day CSV without a date in its name");
          return;
        }
        readCsv(name, in, session, LocalDate.parse(m.group(1)));
      }
      case ALL_DATA -> readAllData(name, in, session);
      case SESSION -> readSession(name, Json.MAPPER.readTree(in), session);
      case ACTIVITY_TCX -> readTcx(name, in, session);
    }
  }

  // ---- Daily activity metrics -------------------------------------------------------------------

  /**
   * The daily file ({@code day} null: a {@code Date} column) or one day's 15-minute buckets ({@code
   * Start time}, {@code End time} as times of day with their offset).
   */
  private void readCsv(String name, InputStream in, ImportSession session, LocalDate day)
      throws IOException {
    String file = name.substring(name.lastIndexOf('/') + 1);
    try (CsvTable table = CsvTable.open(in, ',', StandardCharsets.UTF_8)) {
      List<String> headers = table.headers();
      int date = table.column("Date");
      int from = table.column("Start time");
      int to = table.column("End time");
      if (day == null ? date < 0 : from < 0 || to < 0) {
        session.reject(
            file,
            day == null
                ? "no 'Date' column (columns: " + String.join(", ", headers) + ")"
                : "no 'Start time' and 'End time' columns");
        return;
      }
      Numbers numbers = new Numbers(false);
      SourceRef source = day == null ? DAILY : FIT;
      for (CsvTable.Row row = table.next(); row != null; row = table.next()) {
        session.recordRead();
        OffsetDateTime start;
        OffsetDateTime end;
        try {
          if (day == null) {
            LocalDate d = LocalDate.parse(row.get(date));
            start = d.atStartOfDay(zone).toOffsetDateTime();
            end = d.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
          } else {
            start = day.atTime(OffsetTime.parse(row.get(from)));
            OffsetTime endTime = OffsetTime.parse(row.get(to));
            // The last bucket ends at midnight, written as 00:00 of the same date.
            end = day.atTime(endTime);
            if (!end.isAfter(start)) {
              end = end.plusDays(1);
            }
          }
        } catch (DateTimeParseException e) {
          session.reject(
              file + " " + row.where(),
              "'"
                  + (day == null ? row.get(date) : row.get(from) + "'-'" + row.get(to))
                  + "' is not a date or time as Google Fit writes them");
          continue;
        }
        String key = start.toLocalDateTime() + (day == null ? "" : start.getOffset().toString());
        for (int c = 0; c < headers.size(); c++) {
          if (c == date || c == from || c == to || Numbers.isEmpty(row.get(c))) {
            continue;
          }
          String header = headers.get(c);
          double value;
          try {
            value = numbers.parse(row.get(c));
          } catch (IllegalArgumentException e) {
            session.reject(file + " " + row.where(), "column '" + header + "': " + e.getMessage());
            continue;
          }
          String id = key + "/" + header;
          Optional<Target> target = GoogleFitColumns.column(header);
          if (target.isPresent()) {
            session.add(sample(target.get(), value, start, end, source, id));
          } else {
            session.other(
                new OtherSample(
                    header,
                    HeaderName.parse(header).unit(),
                    start,
                    end,
                    row.get(c),
                    source,
                    null,
                    id,
                    Map.of()));
          }
        }
      }
    }
  }

  private static Sample sample(
      Target t,
      double value,
      OffsetDateTime start,
      OffsetDateTime end,
      SourceRef source,
      String id) {
    return new Sample(
        t.metric(),
        start,
        end,
        Units.toCanonical(t.metric(), value, t.unit()),
        source,
        null,
        id,
        Map.of());
  }

  // ---- All Data ---------------------------------------------------------------------------------

  /** Streams the data points, so a year of heart rate never sits in memory whole. */
  private void readAllData(String name, InputStream in, ImportSession session) throws IOException {
    String file = name.substring(name.lastIndexOf('/') + 1);
    try (JsonParser p = Json.FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        session.reject(file, "not a Google Fit data file (no top-level object)");
        return;
      }
      String dataSource = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("Data Source") && value == JsonToken.VALUE_STRING) {
          dataSource = p.getText();
        } else if (field.equals("Data Points") && value == JsonToken.START_ARRAY) {
          SourceRef source = dataSourceRef(dataSource, file);
          int index = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            index++;
            JsonNode point = p.readValueAsTree();
            session.recordRead();
            dataPoint(point, source, file + " data point " + index, session);
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }

  /**
   * The data source's name as the source ({@code derived:com.google.weight:...}); the file name
   * when "Data Points" comes first.
   */
  private static SourceRef dataSourceRef(String dataSource, String file) {
    String name = dataSource == null || dataSource.isBlank() ? file : dataSource.strip();
    return new SourceRef(
        PROVIDER,
        name.length() > SourceRef.MAX_NAME_CHARS
            ? name.substring(0, SourceRef.MAX_NAME_CHARS)
            : name);
  }

  private static void dataPoint(
      JsonNode point, SourceRef source, String where, ImportSession session) {
    String type = point.path("dataTypeName").asText("");
    JsonNode startNanos = point.get("startTimeNanos");
    JsonNode endNanos = point.get("endTimeNanos");
    if (type.isEmpty() || startNanos == null || endNanos == null) {
      session.reject(where, "no dataTypeName, startTimeNanos or endTimeNanos");
      return;
    }
    OffsetDateTime start;
    OffsetDateTime end;
    try {
      start = nanos(startNanos);
      end = nanos(endNanos);
    } catch (NumberFormatException | java.time.DateTimeException e) {
      session.reject(
          where,
          "times '"
              + startNanos.asText()
              + "', '"
              + endNanos.asText()
              + "' are not nanoseconds since 1970");
      return;
    }
    if (end.isBefore(start)) {
      session.reject(where, "ends before it starts");
      return;
    }
    JsonNode values = point.path("fitValue");
    Map<String, String> meta = new LinkedHashMap<>();
    String origin = point.path("originDataSourceId").asText("");
    if (!origin.isEmpty()) {
      meta.put("origin_data_source", origin);
    }
    try {
      if (type.equals("com.google.blood_pressure")) {
        double systolic = number(values, 0);
        double diastolic = number(values, 1);
        if (Double.isFinite(systolic) && Double.isFinite(diastolic)) {
          session.add(
              new Sample(
                  MetricType.BLOOD_PRESSURE_SYSTOLIC,
                  start,
                  end,
                  systolic,
                  source,
                  null,
                  null,
                  meta));
          session.add(
              new Sample(
                  MetricType.BLOOD_PRESSURE_DIASTOLIC,
                  start,
                  end,
                  diastolic,
                  source,
                  null,
                  null,
                  meta));
          return;
        }
      } else if (type.equals("com.google.sleep.segment")) {
        Optional<MetricType> stage = GoogleFitColumns.sleepStage((long) number(values, 0));
        if (stage.isPresent()) {
          double minutes = java.time.Duration.between(start, end).toMillis() / 60_000.0;
          session.add(new Sample(stage.get(), start, end, minutes, source, null, null, meta));
          return;
        }
      } else {
        Optional<Target> target = GoogleFitColumns.dataType(type);
        double v = number(values, 0);
        if (target.isPresent() && Double.isFinite(v)) {
          session.add(
              new Sample(
                  target.get().metric(),
                  start,
                  end,
                  Units.toCanonical(target.get().metric(), v, target.get().unit()),
                  source,
                  null,
                  null,
                  meta));
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      session.reject(where, type + ": " + e.getMessage());
      return;
    }
    // Every other type (and a value the mapped type cannot take) is kept as written.
    session.other(new OtherSample(type, null, start, end, text(values), source, null, null, meta));
  }

  private static OffsetDateTime nanos(JsonNode n) {
    // Nanoseconds overflow a double's precision; read them as text into whole seconds and rest.
    long nanos = Long.parseLong(n.asText());
    return Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
        .atOffset(ZoneOffset.UTC);
  }

  private static double number(JsonNode values, int index) {
    JsonNode v = values.path(index).path("value");
    if (v.has("fpVal")) {
      return v.get("fpVal").asDouble();
    }
    if (v.has("intVal")) {
      return v.get("intVal").asLong();
    }
    return Double.NaN;
  }

  /** The values as written, numbers joined with ';' ({@code 72.0}, {@code 120.0;80.0}). */
  private static String text(JsonNode values) {
    StringBuilder s = new StringBuilder();
    for (JsonNode v : values) {
      JsonNode value = v.path("value");
      String one =
          value.has("fpVal")
              ? value.get("fpVal").asText()
              : value.has("intVal")
                  ? value.get("intVal").asText()
                  : value.has("stringVal") ? value.get("stringVal").asText() : value.toString();
      s.append(s.isEmpty() ? "" : ";").append(one);
    }
    return s.isEmpty() ? null : s.toString();
  }

  // ---- All Sessions -----------------------------------------------------------------------------

  private static void readSession(String name, JsonNode session, ImportSession out) {
    String file = name.substring(name.lastIndexOf('/') + 1);
    out.recordRead();
    OffsetDateTime start;
    OffsetDateTime end;
    try {
      ZoneOffset offset = offsetOfName(file);
      start =
          OffsetDateTime.parse(session.path("startTime").asText()).withOffsetSameInstant(offset);
      end = OffsetDateTime.parse(session.path("endTime").asText()).withOffsetSameInstant(offset);
    } catch (DateTimeParseException e) {
      out.reject(
          file,
          "startTime '"
              + session.path("startTime").asText()
              + "' or endTime '"
              + session.path("endTime").asText()
              + "' is not an RFC 3339 time");
      return;
    }
    if (end.isBefore(start)) {
      out.reject(file, "ends before it starts");
      return;
    }
    Map<String, String> meta = new LinkedHashMap<>();
    String activity = session.path("fitnessActivity").asText("");
    if (!activity.isEmpty()) {
      meta.put("activity_type", activity);
    }
    if (session.hasNonNull("name")) {
      meta.put("name", session.get("name").asText());
    }
    for (JsonNode a : session.path("aggregate")) {
      String metric = a.path("metricName").asText("");
      JsonNode v = a.has("floatValue") ? a.get("floatValue") : a.get("intValue");
      if (metric.isEmpty() || v == null) {
        continue;
      }
      String key =
          switch (metric) {
            case "com.google.distance.delta" -> "distance_m";
            case "com.google.calories.expended" -> "energy_kcal";
            case "com.google.step_count.delta" -> "steps";
            case "com.google.active_minutes" -> "move_minutes";
            case "com.google.heart_minutes.summary" -> "heart_minutes";
            default -> metric;
          };
      double d = v.asDouble();
      meta.put(
          key, d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d));
    }
    meta.put("file", file);
    double minutes = java.time.Duration.between(start, end).toMillis() / 60_000.0;
    String id =
        session.hasNonNull("id") ? session.get("id").asText() : start.toInstant() + "/" + activity;
    out.add(new Sample(MetricType.WORKOUT, start, end, minutes, FIT, null, id, meta));
  }

  /** The local offset Takeout wrote into a file name, else UTC. */
  static ZoneOffset offsetOfName(String file) {
    Matcher m = NAME_OFFSET.matcher(file);
    if (m.find()) {
      int hours = Integer.parseInt(m.group(1));
      int minutes = Integer.parseInt(m.group(2));
      return ZoneOffset.ofHoursMinutes(hours, hours < 0 ? -minutes : minutes);
    }
    return ZoneOffset.UTC;
  }

  // ---- Activities -------------------------------------------------------------------------------

  private static void readTcx(String name, InputStream in, ImportSession session)
      throws UnreadableFileException {
    String file = name.substring(name.lastIndexOf('/') + 1);
    WorkoutFileImporter.Read read = new TcxImporter().read(in, file, TCX);
    ZoneOffset offset = offsetOfName(file);
    for (long i = 0; i < read.records(); i++) {
      session.recordRead();
    }
    read.rejected().forEach(r -> session.reject(file, r));
    for (Sample s : read.samples()) {
      session.add(
          new Sample(
              s.type(),
              s.start().withOffsetSameInstant(offset),
              s.end().withOffsetSameInstant(offset),
              s.value(),
              s.source(),
              s.device(),
              s.externalId(),
              s.metadata()));
    }
  }
}
