package org.openvitals.connectors.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV file opened for streaming with Commons CSV: dialect detected (or given), header read, rows
 * handed out one at a time with their row number as a spreadsheet shows it (the header is row 1).
 */
public final class CsvTable implements Closeable {
  private final CsvDialect dialect;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> headers;

  private CsvTable(CsvDialect dialect, CSVParser parser) {
    this.dialect = dialect;
    this.parser = parser;
    this.records = parser.iterator();
    List<String> names = new ArrayList<>();
    for (String name : parser.getHeaderNames()) {
      names.add(name == null ? "" : name.replace("\uFEFF", "").strip());
    }
    this.headers = List.copyOf(names);
  }

  /** Opens {@code in} (positioned at the start of the file), detecting what is not given. */
  public static CsvTable open(InputStream in, Character delimiterOrNull, Charset charsetOrNull)
      throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, CsvDialect.SNIFF_BYTES + 1);
    CsvDialect dialect = CsvDialect.detect(buffered).with(delimiterOrNull, charsetOrNull);
    dialect.skipBom(buffered);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(dialect.delimiter())
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .get();
    try {
      return new CsvTable(
          dialect,
          CSVParser.builder()
              .setReader(new InputStreamReader(buffered, dialect.charset()))
              .setFormat(format)
              .get());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Reads the first line of a file as header names, for {@code canRead}. */
  public static List<String> peekHeader(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(16 * 1024);
    }
    return splitHeader(CsvDialect.headerLine(head));
  }

  /** Splits one header line with Commons CSV (names trimmed). */
  public static List<String> splitHeader(String line) {
    char delimiter = CsvDialect.delimiterOf(line);
    try (CSVParser p =
        CSVParser.builder()
            .setReader(new java.io.StringReader(line))
            .setFormat(CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get())
            .get()) {
      List<String> names = new ArrayList<>();
      for (CSVRecord record : p) {
        for (String value : record) {
          names.add(value.replace("\uFEFF", "").strip());
        }
        break;
      }
      return names;
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  public CsvDialect dialect() {
    return dialect;
  }

  /** Header names as written (trimmed). */
  public List<String> headers() {
    return headers;
  }

  /** Index of the first header equal to {@code name} (ignoring case), or -1. */
  public int column(String name) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The next row, or null at the end.
   *
   * @throws CsvSyntaxException when the file is not valid CSV there (an unclosed quote)
   */
  public Row next() {
    try {
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord record = records.next();
      return new Row(record.getRecordNumber() + 1, record);
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new CsvSyntaxException(
          "row " + (parser.getRecordNumber() + 2) + " (line " + parser.getCurrentLineNumber() + ")",
          "not valid CSV: " + rootMessage(e),
          e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /** One data row. Missing trailing cells read as empty. */
  public record Row(long number, CSVRecord record) {
    public String get(int column) {
      if (column < 0 || column >= record.size()) {
        return "";
      }
      String value = record.get(column);
      return value == null ? "" : value.strip();
    }

    public int size() {
      return record.size();
    }

    /** "row 12", for reasons. */
    public String where() {
      return "row " + number;
    }
  }

  /** The file stops being CSV at some point; what came before stays imported. */
  public static final class CsvSyntaxException extends RuntimeException {
    private final String where;
    private final String reason;

    public CsvSyntaxException(String where, String reason, Throwable cause) {
      super(where + ": " + reason, cause);
      this.where = where;
      this.reason = reason;
    }

    public String where() {
      return where;
    }

    public String reason() {
      return reason;
    }
  }
}
