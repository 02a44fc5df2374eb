package org.openvitals.app.format;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.units.Units;

/**
 * Values as people read them: grouped digits, a unit a person knows ("bpm", "mmHg", "7 h 05 min")
 * and, in imperial, pounds, miles, inches and degrees Fahrenheit. Stored values stay canonical;
 * only their text changes.
 */
public final class DisplayValues {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.getDefault(Locale.Category.FORMAT));

  private DisplayValues() {}

  /** A metric's value in its canonical unit, as text in the chosen unit system. */
  public static String format(MetricType metric, double value, UnitSystem units) {
    boolean imperial = units == UnitSystem.IMPERIAL;
    return switch (metric.unit()) {
      case "min" -> duration(value);
      case "{count}" -> number(value, 0) + countNoun(metric);
      case "m" ->
          imperial
              ? number(Units.fromCanonical(metric, value, "mi"), 2) + " mi"
              : value >= 1000 ? number(value / 1000, 2) + " km" : number(value, 0) + " m";
      case "kg" ->
          imperial
              ? number(Units.fromCanonical(metric, value, "lb"), 1) + " lb"
              : number(value, 1) + " kg";
      case "cm" ->
          imperial
              ? number(Units.fromCanonical(metric, value, "in"), 1) + " in"
              : number(value, 0) + " cm";
      case "Cel" -> temperature(metric, value, imperial);
      case "/min" -> number(value, 0) + (metric.category() == Category.HEART ? " bpm" : " /min");
      case "%" -> number(value, 1) + " %";
      case "mm[Hg]" -> number(value, 0) + " mmHg";
      case "kg/m2" -> number(value, 1) + " kg/m²";
      case "mL/(kg.min)" -> number(value, 1) + " mL/kg/min";
      case "kcal", "mL", "mg" -> number(value, 0) + " " + metric.unit();
      default -> number(value, 1) + " " + metric.unit();
    };
  }

  /** A day as "Tue 5 Mar 2024" in the user's locale. */
  public static String day(LocalDate day) {
    return DAY.format(day);
  }

  /** A short date ("05/03/2024" or "3/5/24", per locale), for tables. */
  public static String shortDay(LocalDate day) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
        .withLocale(Locale.getDefault(Locale.Category.FORMAT))
        .format(day);
  }

  /** A source as people name it: "Apple Watch (apple_health)". */
  public static String source(SourceRef source) {
    return source.name().isBlank()
        ? source.provider()
        : source.name() + " (" + source.provider() + ")";
  }

  private static String temperature(MetricType metric, double value, boolean imperial) {
    if (metric == MetricType.SKIN_TEMPERATURE_DEVIATION) {
      // A difference: scale it, never shift it.
      return imperial
          ? String.format(Locale.getDefault(Locale.Category.FORMAT), "%+.1f °F", value * 9 / 5)
          : String.format(Locale.getDefault(Locale.Category.FORMAT), "%+.1f °C", value);
    }
    return imperial
        ? number(Units.fromCanonical(metric, value, "[degF]"), 1) + " °F"
        : number(value, 1) + " °C";
  }

  private static String duration(double minutes) {
    long total = Math.round(minutes);
    if (total < 60) {
      return total + " min";
    }
    return String.format(Locale.ROOT, "%d h %02d min", total / 60, total % 60);
  }

  private static String countNoun(MetricType metric) {
    return switch (metric) {
      case STEPS -> " steps";
      case FLIGHTS_CLIMBED -> " flights";
      default -> "";
    };
  }

  private static String number(double value, int decimals) {
    return String.format(Locale.getDefault(Locale.Category.FORMAT), "%,." + decimals + "f", value);
  }
}
