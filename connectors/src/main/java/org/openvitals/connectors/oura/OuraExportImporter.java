package org.openvitals.connectors.oura;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvitals.connectors.csv.ArchiveReader;
import org.openvitals.connectors.csv.CsvTable;
import org.openvitals.connectors.csv.ImportSession;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.time.DayBoundaries;

/**
 * Oura's data export from the membership hub (a zip, its unpacked folder, or one of its files):
 *
 * <ul>
 *   <li>the {@code App Data/} CSV files, one per collection, {@code ;}-separated, named without the
 *       API's underscores ({@code sleepmodel.csv} for the API's {@code sleep}, {@code
 *       dailyactivity.csv}, {@code dailyreadiness.csv}, {@code dailyspo2.csv}, {@code
 *       dailysleep.csv}, {@code heartrate.csv}, {@code workout.csv}; some exports capitalise them),
 *       with nested values (contributors, heart-rate series) written as JSON in a cell;
 *   <li>JSON files whose top-level keys are the collections ({@code {"daily_sleep": [...]}}), not
 *       the API's {@code {"data": [...]}} envelope.
 * </ul>
 *
 * Each document becomes samples through the same mapping as the API connector ({@link
 * OuraStreams}), under the same source and the document's own {@code id}, so a day imported from
 * the export and synced from the API is stored once. A document without an id (some JSON exports
 * carry only day and score) cannot be matched with the API's and is rejected with that reason.
 * Deleted sleep periods are skipped; the day's sleep score from {@code dailysleep} is kept with
 * that day's main sleep when the scores are read first (they are: files are read in name order).
 */
public final class OuraExportImporter implements FileImporter {
  public static final String ID = "oura_export";

  /** Made on first use: building the importers (at every store open) then makes no mapper. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  /** Digit strings that must stay strings (hypnograms lose their leading zeros as numbers). */
  private static final Set<String> TEXT_FIELDS =
      Set.of("id", "day", "sleep_phase_5_min", "movement_30_sec", "class_5_min");

  /** Collections, by their export file name (lower case, no extension) and their API name. */
  enum Collection {
    SLEEP("sleepmodel", "sleep"),
    DAILY_SLEEP("dailysleep", "daily_sleep"),
    DAILY_ACTIVITY("dailyactivity", "daily_activity"),
    DAILY_READINESS("dailyreadiness", "daily_readiness"),
    DAILY_SPO2("dailyspo2", "daily_spo2"),
    HEART_RATE("heartrate", "heartrate"),
    WORKOUT("workout", "workout");

    final String fileName;
    final String apiName;

    Collection(String fileName, String apiName) {
      this.fileName = fileName;
      this.apiName = apiName;
    }

    static Collection ofFile(String path) {
      String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      for (Collection c : values()) {
        if (name.equals(c.fileName + ".csv")) {
          return c;
        }
      }
      return null;
    }

    static Collection ofKey(String key) {
      for (Collection c : values()) {
        if (c.apiName.equals(key)) {
          return c;
        }
      }
      return null;
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Oura data export (membership hub: App Data CSV or JSON)";
  }

  @Override
  public boolean canRead(Path file) throws IOException {
    if (Files.isDirectory(file) || ArchiveReader.isZip(file)) {
      return ArchiveReader.anyName(file, name -> Collection.ofFile(name) != null);
    }
    if (!Files.isRegularFile(file)) {
      return false;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      if (Collection.ofFile(name) == null) {
        return false;
      }
      // Oura's files are ';'-separated: a comma CSV that only shares a name is someone else's.
      String header;
      try (InputStream in = Files.newInputStream(file)) {
        header =
            new String(in.readNBytes(4096), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      }
      List<String> headers = CsvTable.splitHeader(header);
      return header.contains(";") && (headers.contains("day") || headers.contains("timestamp"));
    }
    return name.endsWith(".json") && isCollectionJson(file);
  }

  /** A JSON object whose first key is an Oura collection's name (not the API's "data"). */
  private static boolean isCollectionJson(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
      var m = Pattern.compile("(?s)\\s*\\{\\s*\"([a-z_0-9]+)\"\\s*:\\s*\\[").matcher(head);
      return m.lookingAt() && Collection.ofKey(m.group(1)) != null;
    }
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    ArchiveReader archive = new ArchiveReader(ArchiveReader.Limits.DEFAULT);
    ImportSession session = ImportSession.overArchive(file, ID, store, listener, archive);
    Reader reader = new Reader(session, store.dayBoundaries());
    String[] where = {file.getFileName().toString()};
    try {
      archive.forEach(
          file,
          (name, in) -> {
            if (session.cancelled()) {
              return;
            }
            where[0] = name;
            String lower = name.toLowerCase(Locale.ROOT);
            Collection csv = Collection.ofFile(name);
            if (csv != null) {
              reader.csv(csv, name, new KeepOpen(in));
            } else if (lower.endsWith(".json")) {
              reader.json(name, new KeepOpen(in));
            } else if (lower.endsWith(".csv")) {
              session.unmapped("Oura " + name.substring(name.lastIndexOf('/') + 1) + " files");
            }
          });
    } catch (CsvTable.CsvSyntaxException e) {
      throw session.fail(where[0] + " " + e.where(), e.reason(), e);
    } catch (JsonProcessingException e) {
      throw session.fail(
          e.getLocation() == null ? where[0] : where[0] + " line " + e.getLocation().getLineNr(),
          "not valid JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw session.fail(where[0], e.getMessage(), e);
    }
    return session.finish();
  }

  /** Reads the files of one import, keeping the daily sleep scores for the sleep periods. */
  private static final class Reader {
    private final ImportSession session;
    private final OuraStreams.DayStarts days;
    private final Map<String, JsonNode> sleepScores = new HashMap<>();

    Reader(ImportSession session, DayBoundaries boundaries) {
      this.session = session;
      this.days = (day, offset) -> startOfDay(boundaries, day, offset);
    }

    void csv(Collection collection, String name, InputStream in) throws IOException {
      try (CsvTable table = CsvTable.open(in, null, null)) {
        List<String> headers = table.headers();
        for (CsvTable.Row row; (row = table.next()) != null; ) {
          ObjectNode doc = Json.MAPPER.createObjectNode();
          try {
            for (int i = 0; i < headers.size(); i++) {
              doc.set(headers.get(i), value(headers.get(i), row.get(i)));
            }
          } catch (JsonProcessingException e) {
            session.recordRead();
            session.reject(
                name + " " + row.where(), "a cell is not valid JSON: " + e.getOriginalMessage());
            continue;
          }
          document(collection, doc, name + " " + row.where());
          if (session.cancelled()) {
            return;
          }
        }
      }
    }

    void json(String name, InputStream in) throws IOException {
      try (JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new IOException("is not a JSON object of Oura collections");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          Collection collection = Collection.ofKey(key);
          if (parser.nextToken() != JsonToken.START_ARRAY || collection == null) {
            session.unmapped("Oura " + key);
            parser.skipChildren();
            continue;
          }
          int index = 0;
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            index++;
            document(collection, Json.MAPPER.readTree(parser), name + " " + key + " " + index);
            if (session.cancelled()) {
              return;
            }
          }
        }
      }
    }

    private void document(Collection collection, JsonNode doc, String where) {
      session.recordRead();
      List<Sample> out = new ArrayList<>();
      try {
        switch (collection) {
          case SLEEP -> {
            if ("deleted".equals(doc.path("type").asText())) {
              session.unmapped("Oura deleted sleep periods");
              return;
            }
            OuraStreams.mapSleepPeriod(doc, sleepScores.get(doc.path("day").asText()), out);
          }
          case DAILY_SLEEP -> {
            sleepScores.put(doc.path("day").asText(), doc);
            return;
          }
          case DAILY_ACTIVITY -> OuraStreams.mapDailyActivity(doc, days, out);
          case DAILY_READINESS -> OuraStreams.mapDailyReadiness(doc, days, out);
          case DAILY_SPO2 -> OuraStreams.mapDailySpo2(doc, days, out);
          case HEART_RATE -> OuraStreams.mapHeartRate(doc, out);
          case WORKOUT -> OuraStreams.mapWorkout(doc, out);
        }
      } catch (IllegalArgumentException | DateTimeException e) {
        String reason =
            "no id".equals(e.getMessage())
                ? "no id: without Oura's document id it cannot be matched with synced data"
                : e.getMessage();
        session.reject(where, reason);
        return;
      }
      out.forEach(session::add);
    }
  }

  /** A cell as the API would have sent it: a number, JSON for nested values, else text. */
  static JsonNode value(String field, String cell) throws JsonProcessingException {
    if (cell.isEmpty() || cell.equals("null")) {
      return Json.MAPPER.nullNode();
    }
    if (cell.startsWith("{") || cell.startsWith("[")) {
      return Json.MAPPER.readTree(cell);
    }
    if (!TEXT_FIELDS.contains(field) && NUMBER.matcher(cell).matches()) {
      return Json.MAPPER.readTree(
          cell); // 82 stays an integer and 14.2 a decimal, as the API writes them
    }
    if (cell.equals("true") || cell.equals("false")) {
      return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(cell));
    }
    return Json.MAPPER.getNodeFactory().textNode(cell);
  }

  /** Where a day starts in the store's day boundaries, as the sync's {@code StreamContext}. */
  private static OffsetDateTime startOfDay(
      DayBoundaries boundaries, LocalDate day, ZoneOffset offset) {
    return switch (boundaries) {
      case DayBoundaries.FixedZone fixed -> day.atStartOfDay(fixed.zone()).toOffsetDateTime();
      case DayBoundaries.SampleLocal local -> day.atStartOfDay().atOffset(offset);
    };
  }

  /** An archive entry's stream, which the reader must not close. */
  private static final class KeepOpen extends FilterInputStream {
    KeepOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
