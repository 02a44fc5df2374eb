package org.openvitals.connectors.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvitals.connectors.files.CountingInputStream;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.ImportReport.Rejected;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.units.UnitException;
import org.openvitals.core.units.Units;

/**
 * Imports any CSV file of dated values, read by a {@link CsvMapping} that is given or inferred from
 * the header. Samples get the provider {@code csv} and the mapping's source name (default: the file
 * name without extension).
 *
 * <p>Identity: each value is keyed by its source, metric, column and the row's local date (or local
 * date-time), so re-importing the same file stores nothing new, an export that grew adds only its
 * new rows, and a corrected value for a day updates the stored one instead of adding a second.
 */
public final class CsvImporter implements FileImporter {
  public static final String ID = "csv";
  public static final String PROVIDER = "csv";

  /** Rows read ahead to detect the date format and infer a mapping. */
  static final int LOOKAHEAD_ROWS = 50;

  private static final Pattern PRESSURE =
      Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*/\\s*(\\d+(?:[.,]\\d+)?)");

  private final CsvMapping mapping;

  /** Infers the mapping of each file from its header (the form the service loader creates). */
  public CsvImporter() {
    this((CsvMapping) null);
  }

  /** Reads files with {@code mapping}; null means infer. */
  public CsvImporter(CsvMapping mapping) {
    if (mapping != null) {
      mapping.validate();
    }
    this.mapping = mapping;
  }

  /** An importer reading with the mapping in {@code mappingFile} (for {@code --mapping}). */
  public static CsvImporter withMapping(Path mappingFile) throws IOException {
    return new CsvImporter(CsvMapping.read(mappingFile));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "CSV file (column mapping)";
  }

  /**
   * CSV, TSV and TXT files no other importer claims: the presets recognise their own headers, this
   * importer takes the rest.
   */
  @Override
  public boolean canRead(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.isRegularFile(file)
        || !(name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt"))) {
      return false;
    }
    for (FileImporter other : FileImporters.all()) {
      if (!other.id().equals(ID) && other.canRead(file)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    try (InputStream raw = Files.newInputStream(file)) {
      CountingInputStream counted = new CountingInputStream(raw);
      ImportSession session =
          new ImportSession(file, ID, store, listener, counted::count, Files.size(file));
      Character delimiter = mapping == null ? null : mapping.delimiterChar();
      Charset charset = charsetOf(file, session);
      try (CsvTable table = CsvTable.open(counted, delimiter, charset)) {
        return read(file, table, session);
      } catch (CsvTable.CsvSyntaxException e) {
        throw session.fail(e.where(), e.reason(), e);
      }
    } catch (IOException e) {
      throw new ImportException(
          file.getFileName() + ": cannot be read: " + e.getMessage(), null, e);
    }
  }

  private Charset charsetOf(Path file, ImportSession session) throws ImportException {
    if (mapping == null || mapping.encoding() == null) {
      return null;
    }
    try {
      return Charset.forName(mapping.encoding());
    } catch (RuntimeException e) {
      throw session.fail(
          "mapping", "'encoding' '" + mapping.encoding() + "' is not a character set", e);
    }
  }

  private ImportReport read(Path file, CsvTable table, ImportSession session)
      throws ImportException {
    List<CsvTable.Row> lookahead = new ArrayList<>();
    CsvTable.CsvSyntaxException brokenEarly = null;
    try {
      for (CsvTable.Row row; lookahead.size() < LOOKAHEAD_ROWS && (row = table.next()) != null; ) {
        lookahead.add(row);
      }
    } catch (CsvTable.CsvSyntaxException e) {
      brokenEarly = e; // import the rows before it first
    }
    CsvMapping effective = mapping;
    if (effective == null) {
      try {
        effective =
            MappingInference.infer(
                file.getFileName().toString(), table.headers(), cells(lookahead));
      } catch (MappingInference.UnsureException e) {
        throw new ImportException(e.getMessage(), null, e);
      }
    }
    Plan plan = plan(file, table, lookahead, effective, session);
    for (CsvTable.Row row : lookahead) {
      readRow(row, plan, session);
    }
    if (brokenEarly != null) {
      throw brokenEarly;
    }
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      readRow(row, plan, session);
    }
    return session.finish();
  }

  private static List<List<String>> cells(List<CsvTable.Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (CsvTable.Row row : rows) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(row.get(i));
      }
      cells.add(values);
    }
    return cells;
  }

  /** A mapping resolved against one file's header. */
  private record Plan(
      int dateColumn,
      int timeColumn,
      DateTimeFormatter dateFormat,
      ZoneId zone,
      Duration duration,
      Numbers numbers,
      List<Column> columns,
      List<Column> others) {}

  private record Column(int index, String header, MetricType type, String unit, SourceRef source) {}

  private static Plan plan(
      Path file, CsvTable table, List<CsvTable.Row> lookahead, CsvMapping m, ImportSession session)
      throws ImportException {
    int dateColumn = indexOf(table, m.timestamp().column(), "timestamp.column", session);
    int timeColumn =
        m.timestamp().timeColumn() == null
            ? -1
            : indexOf(table, m.timestamp().timeColumn(), "timestamp.timeColumn", session);
    String pattern = m.datePattern();
    if (pattern == null) {
      List<String> samples = new ArrayList<>();
      for (CsvTable.Row row : lookahead) {
        if (!Numbers.isEmpty(row.get(dateColumn))) {
          samples.add(row.get(dateColumn));
        }
      }
      pattern = Timestamps.detectDatePattern(samples);
      if (pattern == null && !samples.isEmpty()) {
        throw session.fail(
            "column '" + m.timestamp().column() + "'",
            "dates such as '"
                + samples.getFirst()
                + "' match none of the known formats ("
                + String.join(", ", Timestamps.DATE_PATTERNS).replace('u', 'y')
                + "); give timestamp.format in a mapping",
            null);
      }
      if (pattern == null) {
        pattern = "uuuu-MM-dd";
      }
    }
    boolean decimalComma =
        m.decimalComma() != null ? m.decimalComma() : table.dialect().delimiter() != ',';
    String defaultSource =
        m.source() != null
            ? m.source()
            : file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    List<Column> columns = new ArrayList<>();
    for (CsvMapping.MetricColumn c : m.metrics()) {
      int index = indexOf(table, c.column(), "metrics", session);
      SourceRef source = new SourceRef(PROVIDER, c.source() != null ? c.source() : defaultSource);
      if (CsvMapping.BLOOD_PRESSURE.equals(c.metric())) {
        String unit = c.unit() == null ? "mm[Hg]" : c.unit();
        checkUnit(MetricType.BLOOD_PRESSURE_SYSTOLIC, unit, c.column(), session);
        columns.add(new Column(index, c.column(), null, unit, source));
        continue;
      }
      MetricType type = MetricType.fromId(c.metric());
      String unit = c.unit() == null ? type.unit() : c.unit();
      checkUnit(type, unit, c.column(), session);
      columns.add(new Column(index, c.column(), type, unit, source));
    }
    // Every other column is kept as written, as records of another type named by its header
    // (docs/decisions/0008-unknown-types.md).
    List<Column> others = new ArrayList<>();
    SourceRef otherSource = new SourceRef(PROVIDER, defaultSource);
    List<String> headers = table.headers();
    for (int i = 0; i < headers.size(); i++) {
      int index = i;
      boolean used =
          index == dateColumn
              || index == timeColumn
              || columns.stream().anyMatch(c -> c.index() == index);
      if (!used && !headers.get(i).isBlank()) {
        others.add(
            new Column(
                i, headers.get(i), null, HeaderName.parse(headers.get(i)).unit(), otherSource));
      }
    }
    return new Plan(
        dateColumn,
        timeColumn,
        Timestamps.formatter(pattern),
        m.zoneId(),
        m.duration(),
        new Numbers(decimalComma),
        columns,
        others);
  }

  private static void checkUnit(MetricType type, String unit, String column, ImportSession session)
      throws ImportException {
    try {
      Units.toCanonical(type, 1, unit);
    } catch (UnitException e) {
      throw session.fail("column '" + column + "'", "unit '" + unit + "': " + e.getMessage(), e);
    }
  }

  private static int indexOf(CsvTable table, String header, String field, ImportSession session)
      throws ImportException {
    int index = table.column(header);
    if (index < 0) {
      throw session.fail(
          "header",
          "the mapping's "
              + field
              + " names the column '"
              + header
              + "', which the file does not have (it has: "
              + String.join(", ", table.headers())
              + ")",
          null);
    }
    return index;
  }

  private static void readRow(CsvTable.Row row, Plan plan, ImportSession session) {
    session.recordRead();
    String dateCell = row.get(plan.dateColumn());
    if (Numbers.isEmpty(dateCell)) {
      session.reject(row.where(), "no date");
      return;
    }
    OffsetDateTime start;
    OffsetDateTime end;
    String key;
    try {
      LocalDate date = LocalDate.parse(Timestamps.datePart(dateCell), plan.dateFormat());
      String timeText =
          plan.timeColumn() >= 0 ? row.get(plan.timeColumn()) : Timestamps.timePart(dateCell);
      if (timeText.isEmpty()) {
        start = Timestamps.startOfDay(date, plan.zone());
        end =
            plan.duration() != null
                ? start.plus(plan.duration())
                : Timestamps.startOfDay(date.plusDays(1), plan.zone());
        key = date.toString();
      } else {
        Timestamps.TimeOfDay time = Timestamps.parseTime(timeText);
        start = Timestamps.at(date, time, plan.zone());
        end = plan.duration() != null ? start.plus(plan.duration()) : start;
        key = date.atTime(time.time()) + (time.offset() == null ? "" : time.offset().toString());
      }
    } catch (DateTimeParseException e) {
      session.reject(
          row.where(), Rejected.quote(dateCell) + " is not a date in the expected format");
      return;
    }
    List<Sample> samples = new ArrayList<>();
    for (Column c : plan.columns()) {
      String cell = row.get(c.index());
      if (Numbers.isEmpty(cell)) {
        continue;
      }
      try {
        if (c.type() == null) {
          Matcher m = PRESSURE.matcher(cell);
          if (!m.matches()) {
            session.reject(
                row.where(),
                "column '" + c.header() + "': '" + cell + "' is not a pressure like 120/80");
            return;
          }
          samples.add(
              sample(MetricType.BLOOD_PRESSURE_SYSTOLIC, m.group(1), c, plan, start, end, key));
          samples.add(
              sample(MetricType.BLOOD_PRESSURE_DIASTOLIC, m.group(2), c, plan, start, end, key));
        } else {
          samples.add(sample(c.type(), cell, c, plan, start, end, key));
        }
      } catch (IllegalArgumentException e) {
        session.reject(row.where(), "column '" + c.header() + "': " + e.getMessage());
        return;
      }
    }
    boolean kept = false;
    for (Column c : plan.others()) {
      String cell = row.get(c.index());
      if (!cell.isBlank()) {
        session.other(
            new OtherSample(
                c.header(),
                c.unit(),
                start,
                end,
                cell.strip(),
                c.source(),
                null,
                key + "|" + c.header(),
                Map.of("column", c.header())));
        kept = true;
      }
    }
    if (samples.isEmpty() && !kept) {
      session.unmapped("rows without values");
    }
    samples.forEach(session::add);
  }

  /**
   * A column kept under its header becomes a sample once the vocabulary knows the header and its
   * unit (or the metric's default one) converts; a decimal comma is read as the import would.
   */
  @Override
  public Optional<Sample> promote(OtherSample record) {
    if (!record.source().provider().equals(PROVIDER)) {
      return Optional.empty();
    }
    HeaderName header = HeaderName.parse(record.type());
    Optional<MetricVocabulary.Meaning> meaning = MetricVocabulary.meaning(header);
    if (meaning.isEmpty() || meaning.get().ambiguous()) {
      return Optional.empty();
    }
    Optional<MetricType> type = MetricType.byId(meaning.get().metric());
    String unit = header.unit() != null ? header.unit() : meaning.get().defaultUnit();
    if (type.isEmpty() || unit == null) {
      return Optional.empty();
    }
    try {
      double number =
          new Numbers(record.value().contains(",") && !record.value().contains("."))
              .parse(record.value());
      return Optional.of(
          new Sample(
              type.get(),
              record.start(),
              record.end(),
              Units.toCanonical(type.get(), number, unit),
              record.source(),
              null,
              record.externalId(),
              Map.of("column", record.type())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Sample sample(
      MetricType type,
      String cell,
      Column c,
      Plan plan,
      OffsetDateTime start,
      OffsetDateTime end,
      String key) {
    double value = Units.toCanonical(type, plan.numbers().parse(cell), c.unit());
    // The column is part of the identity: two columns of one metric and source stay two values.
    return new Sample(
        type,
        start,
        end,
        value,
        c.source(),
        null,
        key + "|" + c.header(),
        Map.of("column", c.header()));
  }
}
