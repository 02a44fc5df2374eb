package org.openvitals.connectors.whoop;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvitals.connectors.csv.ArchiveReader;
import org.openvitals.connectors.csv.CsvTable;
import org.openvitals.connectors.csv.ImportSession;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.units.Units;

/**
 * The WHOOP app's data export ("Download my data": a zip, its unpacked folder, or one of its CSV
 * files), recognised by header rows:
 *
 * <ul>
 *   <li>{@code sleeps.csv}: each sleep and nap, {@code Sleep onset} to {@code Wake onset}, stored
 *       as in bed with the stage minutes, performance, efficiency and consistency, and the
 *       respiratory rate.
 *   <li>{@code physiological_cycles.csv}: per cycle the recovery measured in its main sleep
 *       (resting heart rate, HRV, blood oxygen, skin temperature, recovery score), placed on that
 *       sleep as the API places it; the day strain and energy burned are kept as other types (the
 *       catalog has no "total energy"). The sleep columns repeat sleeps.csv and are not read twice.
 *   <li>{@code workouts.csv}: workouts with activity, strain, heart rate, energy, zones, distance.
 *   <li>{@code journal_entries.csv}: each answer ("Have any alcoholic drinks?" yes/no) kept as an
 *       other type per question.
 * </ul>
 *
 * Times are local and naive ({@code 2024-09-15 00:08:36}) with the offset in {@code Cycle timezone}
 * ({@code UTC-04:00}, {@code UTCZ}), per row. Units sit in the headers; {@code Energy burned (cal)}
 * holds kcal. An empty cell is "not scored" and stores nothing, never a zero. WHOOP's HRV is RMSSD.
 * Samples are keyed as the API connector keys them ({@link WhoopKeys}) under the same source, so
 * days read from both are stored once.
 */
public final class WhoopExportImporter implements FileImporter {
  public static final String ID = "whoop_export";

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  enum Kind {
    CYCLES,
    SLEEPS,
    WORKOUTS,
    JOURNAL
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "WHOOP app export (cycles, sleeps, workouts, journal)";
  }

  @Override
  public boolean canRead(Path file) throws IOException {
    if (Files.isDirectory(file) || ArchiveReader.isZip(file)) {
      return ArchiveReader.anyName(file, WhoopExportImporter::isExportName);
    }
    return Files.isRegularFile(file)
        && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
        && kindOf(CsvTable.peekHeader(file)) != null;
  }

  private static boolean isExportName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return List.of("physiological_cycles.csv", "sleeps.csv", "workouts.csv", "journal_entries.csv")
        .contains(name);
  }

  static Kind kindOf(List<String> headers) {
    if (!has(headers, "Cycle start time")) {
      return null;
    }
    if (has(headers, "Workout start time")) {
      return Kind.WORKOUTS;
    }
    if (has(headers, "Question text")) {
      return Kind.JOURNAL;
    }
    if (has(headers, "Recovery score %") || has(headers, "Day Strain")) {
      return Kind.CYCLES;
    }
    if (has(headers, "Sleep onset") && has(headers, "Wake onset")) {
      return Kind.SLEEPS;
    }
    return null;
  }

  private static boolean has(List<String> headers, String name) {
    return headers.stream().anyMatch(name::equalsIgnoreCase);
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    ArchiveReader archive = new ArchiveReader(ArchiveReader.Limits.DEFAULT);
    ImportSession session = ImportSession.overArchive(file, ID, store, listener, archive);
    boolean single = !Files.isDirectory(file) && !ArchiveReader.isZip(file);
    String[] where = {file.getFileName().toString()};
    try {
      archive.forEach(
          file,
          (name, in) -> {
            if (session.cancelled() || !(single || isExportName(name))) {
              return;
            }
            where[0] = name;
            try (CsvTable table = CsvTable.open(new KeepOpen(in), null, null)) {
              Kind kind = kindOf(table.headers());
              if (kind == null) {
                throw new IOException("is not a file of WHOOP's data export (its header row)");
              }
              new Reader(session, table, name).read(kind);
            }
          });
    } catch (CsvTable.CsvSyntaxException e) {
      throw session.fail(where[0] + " " + e.where(), e.reason(), e);
    } catch (IOException e) {
      throw session.fail(where[0], e.getMessage(), e);
    }
    return session.finish();
  }

  /** Reads one CSV of the export. */
  private static final class Reader {
    private final ImportSession session;
    private final CsvTable table;
    private final String name;
    private CsvTable.Row row;

    Reader(ImportSession session, CsvTable table, String name) {
      this.session = session;
      this.table = table;
      this.name = name;
    }

    void read(Kind kind) {
      while ((row = table.next()) != null) {
        session.recordRead();
        try {
          switch (kind) {
            case CYCLES -> cycle();
            case SLEEPS -> sleep();
            case WORKOUTS -> workout();
            case JOURNAL -> journal();
          }
        } catch (IllegalArgumentException | DateTimeParseException e) {
          session.reject(name + " row " + row.number(), reason(e));
        }
        if (session.cancelled()) {
          return;
        }
      }
    }

    private void sleep() {
      OffsetDateTime onset = time("Sleep onset");
      OffsetDateTime wake = time("Wake onset");
      if (onset == null || wake == null) {
        throw new IllegalArgumentException("no Sleep onset or Wake onset");
      }
      String key = WhoopKeys.sleep(onset.toInstant());
      Map<String, String> meta = new LinkedHashMap<>();
      copy(meta, "light_minutes", "Light sleep duration (min)");
      copy(meta, "deep_minutes", "Deep (SWS) duration (min)");
      copy(meta, "rem_minutes", "REM duration (min)");
      copy(meta, "awake_minutes", "Awake duration (min)");
      copy(meta, "sleep_performance_percent", "Sleep performance %");
      copy(meta, "sleep_efficiency_percent", "Sleep efficiency %");
      copy(meta, "sleep_consistency_percent", "Sleep consistency %");
      if ("true".equalsIgnoreCase(cell("Nap"))) {
        meta.put("nap", "true");
      }
      add(
          MetricType.RESPIRATORY_RATE,
          onset,
          wake,
          "Respiratory rate (rpm)",
          "/min",
          key,
          Map.of());
      session.add(
          new Sample(
              MetricType.SLEEP_IN_BED,
              onset,
              wake,
              Units.toCanonical(
                  MetricType.SLEEP_IN_BED, wake.toEpochSecond() - onset.toEpochSecond(), "s"),
              WhoopStreams.SOURCE,
              null,
              key,
              meta));
    }

    private void cycle() {
      OffsetDateTime start = time("Cycle start time");
      OffsetDateTime end = time("Cycle end time");
      if (start == null) {
        throw new IllegalArgumentException("no Cycle start time");
      }
      OffsetDateTime onset = time("Sleep onset");
      OffsetDateTime wake = time("Wake onset");
      if (onset != null && wake != null) {
        String key = WhoopKeys.sleep(onset.toInstant());
        Map<String, String> meta = new LinkedHashMap<>();
        copy(meta, "recovery_score", "Recovery score %");
        add(
            MetricType.RESTING_HEART_RATE,
            onset,
            wake,
            "Resting heart rate (bpm)",
            "/min",
            key,
            meta);
        add(MetricType.HRV_RMSSD, onset, wake, "Heart rate variability (ms)", "ms", key, meta);
        add(MetricType.OXYGEN_SATURATION, onset, wake, "Blood oxygen %", "%", key, meta);
        add(
            MetricType.SLEEPING_WRIST_TEMPERATURE,
            onset,
            wake,
            "Skin temp (celsius)",
            "Cel",
            key,
            meta);
      }
      if (end == null) {
        return; // the cycle still open: its strain and energy are not final
      }
      Map<String, String> meta = new LinkedHashMap<>();
      copy(meta, "max_heart_rate", "Max HR (bpm)");
      copy(meta, "average_heart_rate", "Average HR (bpm)");
      String key = WhoopKeys.cycle(start.toInstant());
      other("WHOOP day strain", null, start, end, cell("Day Strain"), key, meta);
      other("WHOOP energy burned", "kcal", start, end, cell("Energy burned (cal)"), key, meta);
    }

    private void workout() {
      OffsetDateTime start = time("Workout start time");
      OffsetDateTime end = time("Workout end time");
      if (start == null || end == null) {
        throw new IllegalArgumentException("no Workout start time or Workout end time");
      }
      Map<String, String> meta = new LinkedHashMap<>();
      copy(meta, "activity_type", "Activity name");
      copy(meta, "strain", "Activity Strain");
      copy(meta, "average_heart_rate", "Average HR (bpm)");
      copy(meta, "max_heart_rate", "Max HR (bpm)");
      copy(meta, "energy_kcal", "Energy burned (cal)");
      copy(meta, "distance_m", "Distance (meters)");
      copy(meta, "elevation_gain_m", "Altitude gain (meters)");
      for (int zone = 1; zone <= 5; zone++) {
        copy(meta, "zone_" + zone + "_percent", "HR Zone " + zone + " %");
      }
      session.add(
          new Sample(
              MetricType.WORKOUT,
              start,
              end,
              Units.toCanonical(
                  MetricType.WORKOUT, end.toEpochSecond() - start.toEpochSecond(), "s"),
              WhoopStreams.SOURCE,
              null,
              WhoopKeys.workout(start.toInstant()),
              meta));
    }

    private void journal() {
      OffsetDateTime start = time("Cycle start time");
      OffsetDateTime end = time("Cycle end time");
      String question = cell("Question text");
      String answer = cell("Answered yes");
      if (start == null || question.isEmpty() || answer.isEmpty()) {
        throw new IllegalArgumentException("no Cycle start time, Question text or Answered yes");
      }
      Map<String, String> meta = new LinkedHashMap<>();
      copy(meta, "notes", "Notes");
      other(
          "WHOOP journal: " + question,
          null,
          start,
          end == null ? start : end,
          answer.toLowerCase(Locale.ROOT),
          WhoopKeys.cycle(start.toInstant()),
          meta);
    }

    private void add(
        MetricType type,
        OffsetDateTime start,
        OffsetDateTime end,
        String column,
        String unit,
        String key,
        Map<String, String> meta) {
      String text = cell(column);
      if (text.isEmpty()) {
        return; // not scored: nothing measured, never a zero
      }
      session.add(
          new Sample(
              type,
              start,
              end,
              Units.toCanonical(type, number(column, text), unit),
              WhoopStreams.SOURCE,
              null,
              key,
              meta));
    }

    private void other(
        String type,
        String unit,
        OffsetDateTime start,
        OffsetDateTime end,
        String value,
        String key,
        Map<String, String> meta) {
      if (!value.isEmpty()) {
        session.other(
            new OtherSample(type, unit, start, end, value, WhoopStreams.SOURCE, null, key, meta));
      }
    }

    private void copy(Map<String, String> meta, String key, String column) {
      String text = cell(column);
      if (!text.isEmpty()) {
        meta.put(key, text);
      }
    }

    private String cell(String column) {
      return row.get(table.column(column));
    }

    /** A local time of the row at the row's {@code Cycle timezone}, or null when empty. */
    private OffsetDateTime time(String column) {
      String text = cell(column);
      if (text.isEmpty()) {
        return null;
      }
      return LocalDateTime.parse(text, LOCAL).atOffset(offset(cell("Cycle timezone")));
    }
  }

  /** {@code UTC-04:00}, {@code UTC+01:00}, {@code UTCZ}, {@code UTC} or a bare {@code -05:00}. */
  static ZoneOffset offset(String text) {
    String offset = text.strip().replaceFirst("^(?i)UTC", "");
    if (offset.isEmpty() || offset.equalsIgnoreCase("Z")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneOffset.of(offset);
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a Cycle timezone such as UTC-04:00");
    }
  }

  private static double number(String column, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(column + " '" + text + "' is not a number");
    }
  }

  private static String reason(RuntimeException e) {
    if (e instanceof DateTimeParseException d) {
      return "'" + d.getParsedString() + "' is not a time like 2024-09-15 00:08:36";
    }
    return e.getMessage();
  }

  /** An archive entry's stream, which the CSV table must not close. */
  private static final class KeepOpen extends FilterInputStream {
    KeepOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
