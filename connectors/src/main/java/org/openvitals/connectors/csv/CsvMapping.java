package org.openvitals.connectors.csv;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.openvitals.core.model.MetricType;

/**
 * Says how to read a CSV file OpenVitals has no preset for. Written by hand as JSON (schema in the
 * README) or produced by {@link MappingInference}:
 *
 * <pre>{@code
 * {
 *   "source": "Omron Connect",
 *   "zone": "Europe/Berlin",
 *   "delimiter": ";",
 *   "encoding": "windows-1252",
 *   "decimalComma": true,
 *   "timestamp": {"column": "Datum", "format": "dd.MM.yyyy", "timeColumn": "Uhrzeit"},
 *   "metrics": [
 *     {"column": "Gewicht (kg)", "metric": "body_mass", "unit": "kg"},
 *     {"column": "Blutdruck", "metric": "blood_pressure", "unit": "mmHg"}
 *   ]
 * }
 * }</pre>
 *
 * Only {@code timestamp.column} and {@code metrics} are required. {@code metric} is an id from the
 * catalog, or {@code blood_pressure} for one column holding "systolic/diastolic".
 *
 * @param source the source name samples get (provider {@code csv}); default: the file's name
 * @param zone time zone of times without an offset; default: the computer's
 * @param delimiter {@code ,} {@code ;} or a tab; default: detected
 * @param encoding charset name; default: detected
 * @param decimalComma whether a lone comma is a decimal separator; default: yes for files delimited
 *     by {@code ;} or tab
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CsvMapping(
    @JsonProperty("source") String source,
    @JsonProperty("zone") String zone,
    @JsonProperty("delimiter") String delimiter,
    @JsonProperty("encoding") String encoding,
    @JsonProperty("decimalComma") Boolean decimalComma,
    @JsonProperty("timestamp") Timestamp timestamp,
    @JsonProperty("metrics") List<MetricColumn> metrics) {

  /** The pseudo-metric for one column holding systolic and diastolic pressure ("120/80"). */
  public static final String BLOOD_PRESSURE = "blood_pressure";

  /** Made on first use: building the importers (at every store open) then makes no mapper. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  public CsvMapping {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /**
   * Where the time of each row is.
   *
   * @param column the date or date-time column
   * @param format its {@link java.time.format.DateTimeFormatter} pattern for the date part (e.g.
   *     {@code dd.MM.yyyy}); default: detected from the first rows
   * @param timeColumn a separate time-of-day column, if any
   * @param duration how long each row's values cover, ISO-8601 ({@code PT1H}); default: a day for
   *     rows with a date only, an instant otherwise
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Timestamp(
      @JsonProperty("column") String column,
      @JsonProperty("format") String format,
      @JsonProperty("timeColumn") String timeColumn,
      @JsonProperty("duration") String duration) {}

  /**
   * One column of values.
   *
   * @param column the header as written
   * @param metric a metric id ({@code steps}, {@code body_mass} ...) or {@code blood_pressure}
   * @param unit the column's unit (UCUM or a common spelling: kg, lb, kcal, mmol/L ...); default:
   *     the metric's canonical unit
   * @param source a source name for this column only, overriding the file's
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MetricColumn(
      @JsonProperty("column") String column,
      @JsonProperty("metric") String metric,
      @JsonProperty("unit") String unit,
      @JsonProperty("source") String source) {}

  /** Reads a mapping file, with an error naming the file and what is wrong. */
  public static CsvMapping read(Path file) throws IOException {
    CsvMapping mapping;
    try {
      mapping = Json.MAPPER.readValue(Files.readAllBytes(file), CsvMapping.class);
    } catch (JsonProcessingException e) {
      throw new IOException(
          "Mapping " + file + " is not valid: " + e.getOriginalMessage() + locationOf(e), e);
    }
    try {
      mapping.validate();
    } catch (IllegalArgumentException e) {
      throw new IOException("Mapping " + file + ": " + e.getMessage(), e);
    }
    return mapping;
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /** The mapping as JSON, in the form {@link #read} accepts. */
  public String toJson() {
    try {
      return Json.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A mapping always serialises", e);
    }
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, toJson() + System.lineSeparator());
  }

  /** Checks names and values that JSON alone cannot; the message says what to fix. */
  public void validate() {
    if (timestamp == null || timestamp.column() == null || timestamp.column().isBlank()) {
      throw new IllegalArgumentException(
          "'timestamp.column' is required: the header of the date (or date-time) column");
    }
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException(
          "'metrics' is empty: list at least one {\"column\": ..., \"metric\": ...}");
    }
    for (MetricColumn m : metrics) {
      if (m.column() == null || m.metric() == null) {
        throw new IllegalArgumentException("every entry of 'metrics' needs 'column' and 'metric'");
      }
      if (!BLOOD_PRESSURE.equals(m.metric()) && MetricType.byId(m.metric()).isEmpty()) {
        throw new IllegalArgumentException(
            "column '"
                + m.column()
                + "': unknown metric '"
                + m.metric()
                + "' (use an id from 'openvitals metrics', or blood_pressure)");
      }
    }
    if (zone != null) {
      zoneId();
    }
    if (delimiter != null && delimiterChar() == null) {
      throw new IllegalArgumentException(
          "'delimiter' must be \",\", \";\" or \"\\t\", not '" + delimiter + "'");
    }
    if (timestamp.format() != null) {
      try {
        Timestamps.formatter(datePattern());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'timestamp.format' '"
                + timestamp.format()
                + "' is not a date pattern: "
                + e.getMessage());
      }
    }
    if (timestamp.duration() != null) {
      duration();
    }
  }

  /**
   * The date pattern for java.time's strict resolver: people write {@code yyyy} (year of era),
   * which strict parsing only accepts with an era, so it is read as {@code uuuu}.
   */
  String datePattern() {
    return timestamp.format() == null ? null : timestamp.format().replace('y', 'u');
  }

  ZoneId zoneId() {
    if (zone == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'zone' '" + zone + "' is not a time zone (use e.g. Europe/Berlin or UTC)");
    }
  }

  Character delimiterChar() {
    if (delimiter == null) {
      return null;
    }
    return switch (delimiter) {
      case ",", ";" -> delimiter.charAt(0);
      case "\t", "\\t", "tab" -> '\t';
      default -> null;
    };
  }

  Duration duration() {
    try {
      return timestamp.duration() == null ? null : Duration.parse(timestamp.duration());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'timestamp.duration' '" + timestamp.duration() + "' is not an ISO-8601 duration (PT1H)");
    }
  }
}
