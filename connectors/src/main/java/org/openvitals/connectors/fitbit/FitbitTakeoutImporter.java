package org.openvitals.connectors.fitbit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
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
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.openvitals.connectors.csv.ArchiveReader;
import org.openvitals.connectors.csv.CsvTable;
import org.openvitals.connectors.csv.ImportSession;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.units.Units;

/**
 * Fitbit's data export: the Google Takeout "Fitbit" archive (zip or unpacked folder; the files sit
 * in {@code Global Export Data/}) and the older account export with the same JSON files. Also reads
 * Fitbit Web API responses saved as JSON files (intraday heart rate and steps, sleep logs v1.2).
 *
 * <p>Files by name ({@code kind-YYYY-MM-DD.json} or {@code kind.json}): {@code steps}, {@code
 * distance} (centimetres per minute), {@code heart_rate} ({@code {"bpm", "confidence"}}), {@code
 * resting_heart_rate}, {@code very_active_minutes} and {@code moderately_active_minutes} (together
 * Fitbit's "active minutes"), {@code sleep} (stages from {@code levels.data}; {@code shortData}
 * overlaps it and is left out), {@code weight} (with fat % and BMI) and {@code exercise}. Other
 * files are counted as unmapped.
 *
 * <p>Time: {@code "01/02/21 08:00:00"} stamps (month/day/two-digit year) are read in the timestamp
 * zone, UTC by default; daily values ({@code 00:00:00} stamps) are local days and sleep times local
 * times, read in the user's zone: the {@code timezone} of the archive's {@code Profile.csv}, else
 * the zone given. Weights are in the profile's {@code weight_unit} (METRIC is kg, otherwise lb).
 */
public final class FitbitTakeoutImporter implements FileImporter {
  public static final String ID = "fitbit_takeout";
  public static final SourceRef SOURCE = new SourceRef("fitbit", "Fitbit");

  private static final Pattern FILE =
      Pattern.compile("^([a-z_0-9]+?)(?:-\\d{4}-\\d{2}-\\d{2}|-\\d+)?\\.(json|csv)$");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("MM/dd/uu HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MM/dd/uu", Locale.ROOT);

  /** Made on first use: building the importers (at every store open) then makes no mapper. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonFactory FACTORY = MAPPER.getFactory();
  }

  enum Kind {
    STEPS,
    DISTANCE,
    HEART_RATE,
    RESTING_HEART_RATE,
    ACTIVE_MINUTES,
    SLEEP,
    WEIGHT,
    EXERCISE,
    /** A Web API response object, recognised by its top-level keys. */
    WEB_API
  }

  private static final Map<String, Kind> KINDS =
      Map.of(
          "steps", Kind.STEPS,
          "distance", Kind.DISTANCE,
          "heart_rate", Kind.HEART_RATE,
          "resting_heart_rate", Kind.RESTING_HEART_RATE,
          "very_active_minutes", Kind.ACTIVE_MINUTES,
          "moderately_active_minutes", Kind.ACTIVE_MINUTES,
          "sleep", Kind.SLEEP,
          "weight", Kind.WEIGHT,
          "exercise", Kind.EXERCISE);

  /** Names of export files that hold nothing OpenVitals stores (yet); they mark an export too. */
  private static final List<String> KNOWN_OTHERS =
      List.of(
          "calories",
          "altitude",
          "lightly_active_minutes",
          "sedentary_minutes",
          "heart_rate_zones",
          "time_in_heart_rate_zones",
          "sleep_score",
          "demographic_vo2_max",
          "run_vo2_max",
          "swim_lengths_data");

  private final ZoneId fallbackZone;
  private final ZoneId stampZone;

  public FitbitTakeoutImporter() {
    this(ZoneId.systemDefault(), ZoneOffset.UTC);
  }

  /**
   * @param userZone the zone of local days and sleep times when the archive has no Profile.csv
   * @param stampZone the zone of {@code MM/dd/yy HH:mm:ss} stamps
   */
  public FitbitTakeoutImporter(ZoneId userZone, ZoneId stampZone) {
    this.fallbackZone = userZone;
    this.stampZone = stampZone;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Fitbit data export (Google Takeout zip or folder)";
  }

  @Override
  public boolean canRead(Path file) throws IOException {
    if (Files.isDirectory(file) || ArchiveReader.isZip(file)) {
      return ArchiveReader.anyName(file, FitbitTakeoutImporter::isExportFile);
    }
    if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(".json")) {
      return false;
    }
    return kindOfName(file.getFileName().toString()) != null || isWebApi(file);
  }

  /** A file of the export: by name, and in a Fitbit folder when inside an archive. */
  private static boolean isExportFile(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    Matcher m = FILE.matcher(name);
    return m.matches() && (KINDS.containsKey(m.group(1)) || KNOWN_OTHERS.contains(m.group(1)));
  }

  static Kind kindOfName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    Matcher m = FILE.matcher(name);
    return m.matches() && m.group(2).equals("json") ? KINDS.get(m.group(1)) : null;
  }

  private static boolean isWebApi(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
      return head.matches("(?s)\\s*\\{\\s*\"(activities-(heart|steps)(-intraday)?|sleep)\".*");
    }
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    ArchiveReader archive = new ArchiveReader(ArchiveReader.Limits.DEFAULT);
    ImportSession session = ImportSession.overArchive(file, ID, store, listener, archive);
    Profile profile;
    try {
      profile = Profile.find(file).orElse(new Profile(fallbackZone, "kg"));
    } catch (IOException e) {
      throw session.fail("Profile.csv", e.getMessage(), e);
    }
    boolean single = !Files.isDirectory(file) && !ArchiveReader.isZip(file);
    Reader reader = new Reader(session, profile);
    try {
      archive.forEach(
          file,
          (name, in) -> {
            if (session.cancelled()) {
              return;
            }
            Kind kind = kindOfName(name);
            if (kind == null && single) {
              kind = Kind.WEB_API;
            }
            if (kind == null) {
              if (isExportFile(name)) {
                String base = name.substring(name.lastIndexOf('/') + 1).replaceFirst("[-.].*", "");
                session.unmapped("Fitbit " + base + " files");
              }
              return;
            }
            try {
              reader.read(name, kind, in);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              // Jackson gives no location for some failures (a bad character encoding).
              throw new FileFailure(
                  e.getLocation() == null ? name : name + " line " + e.getLocation().getLineNr(),
                  "not valid JSON: " + e.getOriginalMessage(),
                  e);
            }
          });
    } catch (FileFailure e) {
      throw session.fail(e.where, e.getMessage(), e.getCause());
    } catch (IOException e) {
      throw session.fail("reading", e.getMessage(), e);
    }
    return session.finish();
  }

  private static final class FileFailure extends IOException {
    final String where;

    FileFailure(String where, String message, Throwable cause) {
      super(message, cause);
      this.where = where;
    }
  }

  /** The user's zone and weight unit from the export's {@code Profile.csv}. */
  record Profile(ZoneId zone, String weightUnit) {
    static Optional<Profile> find(Path export) throws IOException {
      if (Files.isDirectory(export)) {
        try (var files = Files.walk(export, 6)) {
          Optional<Path> csv =
              files.filter(p -> p.getFileName().toString().equals("Profile.csv")).findFirst();
          if (csv.isPresent()) {
            try (InputStream in = Files.newInputStream(csv.get())) {
              return parse(in);
            }
          }
        }
      } else if (ArchiveReader.isZip(export)) {
        try (ZipFile zip = new ZipFile(export.toFile())) {
          Optional<? extends ZipEntry> entry =
              zip.stream().filter(e -> e.getName().endsWith("/Profile.csv")).findFirst();
          if (entry.isPresent()) {
            try (InputStream in = zip.getInputStream(entry.get())) {
              return parse(in);
            }
          }
        }
      }
      return Optional.empty();
    }

    private static Optional<Profile> parse(InputStream in) throws IOException {
      // A profile is one short row; reading at most 1 MB keeps a hostile archive harmless.
      byte[] head = in.readNBytes(1 << 20);
      try (CsvTable table = CsvTable.open(new java.io.ByteArrayInputStream(head), null, null)) {
        CsvTable.Row row = table.next();
        if (row == null) {
          return Optional.empty();
        }
        String zone = row.get(table.column("timezone"));
        String unit = row.get(table.column("weight_unit"));
        try {
          return Optional.of(
              new Profile(
                  ZoneId.of(zone),
                  unit.isEmpty() || unit.equalsIgnoreCase("METRIC") ? "kg" : "lb"));
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
    }
  }

  /** Reads the files of one import. */
  private final class Reader {
    private final ImportSession session;
    private final Profile profile;

    Reader(ImportSession session, Profile profile) {
      this.session = session;
      this.profile = profile;
    }

    void read(String name, Kind kind, InputStream in) throws IOException {
      if (kind == Kind.WEB_API) {
        webApi(name, Json.MAPPER.readTree(in));
        return;
      }
      try (JsonParser parser = Json.FACTORY.createParser(in)) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new FileFailure(name, "is not a JSON array of records", null);
        }
        String file = name.substring(name.lastIndexOf('/') + 1);
        String base = file.replaceFirst("(-\\d{4}-\\d{2}-\\d{2}|-\\d+)?\\.json$", "");
        int index = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          JsonNode node = Json.MAPPER.readTree(parser);
          session.recordRead();
          index++;
          try {
            element(kind, node, base);
          } catch (RuntimeException e) {
            session.reject(name + " element " + index, reason(e));
          }
          if (session.cancelled()) {
            return;
          }
        }
      }
    }

    private void element(Kind kind, JsonNode n, String base) {
      switch (kind) {
        case STEPS -> perMinute(MetricType.STEPS, n, "{count}");
        case DISTANCE -> perMinute(MetricType.DISTANCE, n, "cm");
        case HEART_RATE -> {
          OffsetDateTime at = stamp(n);
          double bpm = number(n.path("value"), "bpm");
          session.add(
              new Sample(
                  MetricType.HEART_RATE,
                  at,
                  at,
                  bpm,
                  SOURCE,
                  null,
                  at.toInstant().toString(),
                  Map.of()));
        }
        case RESTING_HEART_RATE -> {
          double bpm = number(n.path("value"), "value");
          if (bpm > 0) {
            daily(MetricType.RESTING_HEART_RATE, localDay(n), bpm, Map.of());
          }
        }
        case ACTIVE_MINUTES -> {
          double minutes = Double.parseDouble(text(n, "value"));
          if (minutes > 0) {
            // Very and moderately active minutes are two parts of one day's total: key them apart.
            daily(MetricType.EXERCISE_TIME, localDay(n), minutes, Map.of("part", base));
          }
        }
        case SLEEP -> sleep(n);
        case WEIGHT -> weight(n);
        case EXERCISE -> exercise(n);
        case WEB_API -> throw new IllegalStateException("Web API responses are read whole");
      }
    }

    private void perMinute(MetricType type, JsonNode n, String unit) {
      double value = Double.parseDouble(text(n, "value"));
      if (value == 0) {
        return; // a minute without movement adds nothing; leaving it out keeps a year to its data
      }
      OffsetDateTime start = stamp(n);
      session.add(
          new Sample(
              type,
              start,
              start.plusMinutes(1),
              Units.toCanonical(type, value, unit),
              SOURCE,
              null,
              start.toInstant().toString(),
              Map.of()));
    }

    private void daily(MetricType type, LocalDate day, double value, Map<String, String> metadata) {
      OffsetDateTime start = day.atStartOfDay(profile.zone()).toOffsetDateTime();
      OffsetDateTime end = day.plusDays(1).atStartOfDay(profile.zone()).toOffsetDateTime();
      String key =
          metadata.getOrDefault("part", "").isEmpty()
              ? day.toString()
              : day + "/" + metadata.get("part");
      session.add(new Sample(type, start, end, value, SOURCE, null, key, metadata));
    }

    private void sleep(JsonNode n) {
      String logId = text(n, "logId");
      OffsetDateTime start = local(text(n, "startTime"));
      OffsetDateTime end = local(text(n, "endTime"));
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("type", n.path("type").asText("stages"));
      boolean main =
          n.has("mainSleep") ? n.path("mainSleep").asBoolean() : n.path("isMainSleep").asBoolean();
      metadata.put("main_sleep", Boolean.toString(main));
      if (n.has("efficiency")) {
        metadata.put("efficiency", n.path("efficiency").asText());
      }
      if (n.has("minutesAsleep")) {
        metadata.put("minutes_asleep", n.path("minutesAsleep").asText());
      }
      n.path("levels")
          .path("summary")
          .properties()
          .forEach(
              e -> metadata.put(e.getKey() + "_minutes", e.getValue().path("minutes").asText()));
      session.add(
          new Sample(
              MetricType.SLEEP_IN_BED,
              start,
              end,
              minutes(start, end),
              SOURCE,
              null,
              logId,
              metadata));
      for (JsonNode stage : n.path("levels").path("data")) {
        MetricType type =
            switch (stage.path("level").asText()) {
              case "deep" -> MetricType.SLEEP_DEEP;
              case "light" -> MetricType.SLEEP_CORE;
              case "rem" -> MetricType.SLEEP_REM;
              // Classic logs: restless counts as awake, as Fitbit's own minutesAwake does.
              case "wake", "awake", "restless" -> MetricType.SLEEP_AWAKE;
              case "asleep" -> MetricType.SLEEP_ASLEEP;
              default -> null;
            };
        if (type == null) {
          session.unmapped("Fitbit sleep level '" + stage.path("level").asText() + "'");
          continue;
        }
        OffsetDateTime from = local(text(stage, "dateTime"));
        OffsetDateTime to = from.plusSeconds(stage.path("seconds").asLong());
        session.add(
            new Sample(
                type,
                from,
                to,
                minutes(from, to),
                SOURCE,
                null,
                logId + "/" + text(stage, "dateTime"),
                Map.of("log_id", logId)));
      }
    }

    private void weight(JsonNode n) {
      String logId = text(n, "logId");
      LocalDate date = LocalDate.parse(text(n, "date"), DATE);
      LocalTime time = n.has("time") ? LocalTime.parse(text(n, "time")) : LocalTime.MIDNIGHT;
      OffsetDateTime at = date.atTime(time).atZone(stampZone).toOffsetDateTime();
      Map<String, String> metadata =
          n.has("source") ? Map.of("source", n.path("source").asText()) : Map.of();
      session.add(
          new Sample(
              MetricType.BODY_MASS,
              at,
              at,
              Units.toCanonical(MetricType.BODY_MASS, number(n, "weight"), profile.weightUnit()),
              SOURCE,
              null,
              logId,
              metadata));
      if (n.hasNonNull("fat") && n.path("fat").asDouble() > 0) {
        session.add(
            new Sample(
                MetricType.BODY_FAT_PERCENTAGE,
                at,
                at,
                number(n, "fat"),
                SOURCE,
                null,
                logId,
                metadata));
      }
      if (n.hasNonNull("bmi") && n.path("bmi").asDouble() > 0) {
        session.add(
            new Sample(
                MetricType.BODY_MASS_INDEX,
                at,
                at,
                number(n, "bmi"),
                SOURCE,
                null,
                logId,
                metadata));
      }
    }

    private void exercise(JsonNode n) {
      OffsetDateTime start =
          LocalDateTime.parse(text(n, "startTime"), STAMP).atZone(stampZone).toOffsetDateTime();
      long millis = n.path(n.has("activeDuration") ? "activeDuration" : "duration").asLong();
      OffsetDateTime end = start.plusNanos(n.path("duration").asLong(millis) * 1_000_000);
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("activity", n.path("activityName").asText());
      metadata.put("log_id", text(n, "logId"));
      for (String field :
          List.of("calories", "steps", "averageHeartRate", "logType", "elevationGain")) {
        if (n.has(field)) {
          metadata.put(field, n.path(field).asText());
        }
      }
      if (n.has("distance")) {
        metadata.put("distance", n.path("distance").asText());
        metadata.put("distance_unit", n.path("distanceUnit").asText("Kilometer"));
      }
      String device = n.path("source").path("name").asText(null);
      session.add(
          new Sample(
              MetricType.WORKOUT,
              start,
              end,
              millis / 60000.0,
              SOURCE,
              device,
              exerciseKey(start.toInstant()),
              metadata));
    }

    /** A saved Web API response: intraday heart rate or steps for one day, or sleep logs. */
    private void webApi(String name, JsonNode root) throws FileFailure {
      if (!root.has("sleep") && !root.has("activities-heart") && !root.has("activities-steps")) {
        throw new FileFailure(
            name,
            "is neither a file of Fitbit's data export nor a saved Fitbit Web API response",
            null);
      }
      if (root.has("sleep")) {
        int index = 0;
        for (JsonNode log : root.path("sleep")) {
          session.recordRead();
          index++;
          try {
            sleep(log);
          } catch (RuntimeException e) {
            session.reject(name + " sleep " + index, reason(e));
          }
        }
        return;
      }
      for (String series : List.of("heart", "steps")) {
        JsonNode summary = root.path("activities-" + series);
        JsonNode intraday = root.path("activities-" + series + "-intraday").path("dataset");
        if (summary.isMissingNode()) {
          continue;
        }
        LocalDate day = LocalDate.parse(summary.path(0).path("dateTime").asText());
        if (series.equals("heart")) {
          double resting = summary.path(0).path("value").path("restingHeartRate").asDouble(0);
          if (resting > 0) {
            daily(MetricType.RESTING_HEART_RATE, day, resting, Map.of());
          }
        } else if (intraday.isEmpty()) {
          daily(
              MetricType.STEPS,
              day,
              Double.parseDouble(summary.path(0).path("value").asText()),
              Map.of());
        }
        int index = 0;
        for (JsonNode point : intraday) {
          session.recordRead();
          index++;
          try {
            // The API gives only the time of day, in the user's profile zone.
            OffsetDateTime at =
                day.atTime(LocalTime.parse(text(point, "time")))
                    .atZone(profile.zone())
                    .toOffsetDateTime();
            double value = number(point, "value");
            if (series.equals("heart")) {
              session.add(
                  new Sample(
                      MetricType.HEART_RATE,
                      at,
                      at,
                      value,
                      SOURCE,
                      null,
                      at.toInstant().toString(),
                      Map.of()));
            } else if (value > 0) {
              session.add(
                  new Sample(
                      MetricType.STEPS,
                      at,
                      at.plusMinutes(1),
                      value,
                      SOURCE,
                      null,
                      at.toInstant().toString(),
                      Map.of()));
            }
          } catch (RuntimeException e) {
            session.reject(name + " " + series + " point " + index, reason(e));
          }
          if (session.cancelled()) {
            return;
          }
        }
      }
    }

    private OffsetDateTime stamp(JsonNode n) {
      return LocalDateTime.parse(text(n, "dateTime"), STAMP).atZone(stampZone).toOffsetDateTime();
    }

    private LocalDate localDay(JsonNode n) {
      return LocalDateTime.parse(text(n, "dateTime"), STAMP).toLocalDate();
    }

    private OffsetDateTime local(String isoLocal) {
      return LocalDateTime.parse(isoLocal).atZone(profile.zone()).toOffsetDateTime();
    }
  }

  /**
   * The key of an exercise, the same from Takeout and from the Google Health API: the API does not
   * send Fitbit's log id, so it is the start in UTC to the minute (one person starts no two
   * exercises in one minute). Stores of earlier versions are re-keyed by the store's migration 7.
   */
  static String exerciseKey(Instant start) {
    return "exercise/" + start.truncatedTo(ChronoUnit.MINUTES);
  }

  private static double minutes(OffsetDateTime from, OffsetDateTime to) {
    return (to.toEpochSecond() - from.toEpochSecond()) / 60.0;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) {
      throw new IllegalArgumentException("no '" + field + "'");
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isNumber()) {
      return v.asDouble();
    }
    try {
      return Double.parseDouble(text(n, field));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + field + "' is not a number: " + v);
    }
  }

  private static String reason(RuntimeException e) {
    if (e instanceof DateTimeParseException d) {
      return "'" + d.getParsedString() + "' is not a time in the expected format";
    }
    return e.getMessage();
  }
}
