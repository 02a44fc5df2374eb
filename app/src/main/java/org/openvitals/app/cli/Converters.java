package org.openvitals.app.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.openvitals.core.model.MetricType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors read as one plain sentence. */
final class Converters {
  private Converters() {}

  static final class Metric implements ITypeConverter<MetricType> {
    @Override
    public MetricType convert(String value) {
      return MetricType.byId(value)
          .orElseThrow(() ->
              new TypeConversionException(
                  "unknown metric '" + value + "'; 'openvitals metrics' lists the metric ids"));
    }
  }

  static final class Date implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a date; write it as YYYY-MM-DD, for example 2026-03-01");
      }
    }
  }

  /** An ISO week, {@code 2026-W48}, as its Monday. */
  static final class Week implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return org.openvitals.core.report.WeeklyReport.parseWeek(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
