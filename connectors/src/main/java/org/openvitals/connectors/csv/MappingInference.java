package org.openvitals.connectors.csv;

import java.util.ArrayList;
import java.util.List;
import org.openvitals.core.units.Units;

/**
 * Guesses a {@link CsvMapping} from a file's header and first rows: the date (and time) columns
 * from their names or, failing that, from values that read as dates; metric columns from {@link
 * MetricVocabulary} with units from the header. It refuses to guess what it cannot know (a weight
 * without a unit, "Calories" that could be eaten or burned) and then says how to write the mapping.
 */
public final class MappingInference {
  private MappingInference() {}

  /** Inference could not settle on a mapping; the message explains and shows one to start from. */
  public static final class UnsureException extends Exception {
    private final CsvMapping template;

    UnsureException(String message, CsvMapping template) {
      super(message);
      this.template = template;
    }

    /** A mapping to edit: the guesses made, with the open choices spelled out in its values. */
    public CsvMapping template() {
      return template;
    }
  }

  /**
   * @param fileName for messages
   * @param headers the header row
   * @param rows the first rows (up to a few dozen), cells in header order
   */
  public static CsvMapping infer(String fileName, List<String> headers, List<List<String>> rows)
      throws UnsureException {
    List<String> problems = new ArrayList<>();
    List<CsvMapping.MetricColumn> metrics = new ArrayList<>();
    List<CsvMapping.MetricColumn> templateMetrics = new ArrayList<>();
    String dateColumn = null;
    String timeColumn = null;

    for (int i = 0; i < headers.size(); i++) {
      String header = headers.get(i);
      HeaderName name = HeaderName.parse(header);
      if (dateColumn == null && MetricVocabulary.isDateWord(name)) {
        dateColumn = header;
        continue;
      }
      if (timeColumn == null && MetricVocabulary.isTimeWord(name)) {
        timeColumn = header;
        continue;
      }
      var meaning = MetricVocabulary.meaning(name);
      if (meaning.isEmpty()) {
        continue;
      }
      var m = meaning.get();
      String unit = name.unit() != null ? name.unit() : m.defaultUnit();
      if (m.ambiguous()) {
        problems.add(
            "column '"
                + header
                + "' could be "
                + String.join(" or ", m.alternatives())
                + ": say which in the mapping");
        templateMetrics.add(
            new CsvMapping.MetricColumn(
                header, "CHOOSE " + String.join(" or ", m.alternatives()), unit, null));
        continue;
      }
      if (unit == null) {
        problems.add("column '" + header + "' has no unit in its header: give it in the mapping");
        templateMetrics.add(new CsvMapping.MetricColumn(header, m.metric(), "CHOOSE unit", null));
        continue;
      }
      if (!Units.isKnown(unit)) {
        problems.add("column '" + header + "' has the unknown unit '" + unit + "'");
        templateMetrics.add(new CsvMapping.MetricColumn(header, m.metric(), "CHOOSE unit", null));
        continue;
      }
      var column = new CsvMapping.MetricColumn(header, m.metric(), unit, null);
      metrics.add(column);
      templateMetrics.add(column);
    }

    if (dateColumn == null) {
      dateColumn = firstColumnOfDates(headers, rows, timeColumn);
      if (dateColumn != null && dateColumn.equals(timeColumn)) {
        timeColumn = null;
      }
    } else if (timeColumn != null && !hasValues(headers, rows, timeColumn)) {
      timeColumn = null;
    }
    if (dateColumn == null && timeColumn != null && valuesAreDates(headers, rows, timeColumn)) {
      dateColumn = timeColumn;
      timeColumn = null;
    }
    if (dateColumn == null) {
      problems.add(0, "no column holds dates (looked for Date, Datum, Day, Timestamp ...)");
    }
    if (metrics.isEmpty() && templateMetrics.isEmpty()) {
      problems.add(
          "no column names a metric OpenVitals knows (e.g. Steps/Schritte, Weight (kg)/Gewicht"
              + " (kg), Pulse/Puls, Blood pressure/Blutdruck, Energy (kcal))");
    }

    CsvMapping.Timestamp timestamp =
        new CsvMapping.Timestamp(
            dateColumn == null ? "CHOOSE the date column" : dateColumn, null, timeColumn, null);
    if (!problems.isEmpty()) {
      CsvMapping template =
          new CsvMapping(null, null, null, null, null, timestamp, templateMetrics);
      throw new UnsureException(
          "Could not tell how to read "
              + fileName
              + ": "
              + String.join("; ", problems)
              + ". Write a mapping file (JSON, described in the README under 'Importing CSV') and"
              + " pass it with --mapping; this one is a start, edit the CHOOSE values:\n"
              + template.toJson(),
          template);
    }
    return new CsvMapping(null, null, null, null, null, timestamp, metrics);
  }

  private static String firstColumnOfDates(
      List<String> headers, List<List<String>> rows, String timeColumn) {
    for (String header : headers) {
      if (header.equals(timeColumn) && !valuesAreDates(headers, rows, header)) {
        continue;
      }
      if (valuesAreDates(headers, rows, header)) {
        return header;
      }
    }
    return null;
  }

  private static boolean valuesAreDates(
      List<String> headers, List<List<String>> rows, String header) {
    List<String> values = values(headers, rows, header);
    return !values.isEmpty() && Timestamps.detectDatePattern(values) != null;
  }

  private static boolean hasValues(List<String> headers, List<List<String>> rows, String header) {
    return !values(headers, rows, header).isEmpty();
  }

  static List<String> values(List<String> headers, List<List<String>> rows, String header) {
    int index = headers.indexOf(header);
    List<String> values = new ArrayList<>();
    for (List<String> row : rows) {
      if (index < row.size() && !Numbers.isEmpty(row.get(index))) {
        values.add(row.get(index));
      }
    }
    return values;
  }
}
