package org.openvitals.app.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ExplanationText;
import org.openvitals.core.units.Units;

/**
 * How every screen shows values, dates and sources: canonical values in the user's unit system
 * (kilograms or pounds, kilometres or miles, millilitres or fluid ounces, °C or °F) with grouped
 * digits in the user's locale and never in scientific notation, dates in one localized format,
 * times in the user's zone, and each source in the open store's colour. Stored values never change;
 * only their text does. Immutable and safe to use from any thread.
 */
public final class DisplayFormat implements ExplanationText.Wording {
  /** How one metric is shown: the unit code {@link Units} converts to, its label, decimals. */
  private record Shown(String code, String label, int decimals) {}

  private final UnitSystem system;
  private final SourceColors colours;
  private final Locale locale;
  private final ZoneId zone;
  private final DateTimeFormatter day;
  private final DateTimeFormatter weekday;
  private final DateTimeFormatter time;

  public DisplayFormat(UnitSystem system, SourceColors colours, Locale locale, ZoneId zone) {
    this.system = system;
    this.colours = colours;
    this.locale = locale;
    this.zone = zone;
    this.day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
    this.weekday = DateTimeFormatter.ofPattern("EEE", locale);
    this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
  }

  /** Values in {@code system} in this computer's locale and zone; sources in fallback colours. */
  public DisplayFormat(UnitSystem system) {
    this(system, SourceColors.none());
  }

  /** Values in {@code system} in this computer's locale and zone. */
  public DisplayFormat(UnitSystem system, SourceColors colours) {
    this(system, colours, Locale.getDefault(Locale.Category.FORMAT), ZoneId.systemDefault());
  }

  public UnitSystem system() {
    return system;
  }

  public Locale locale() {
    return locale;
  }

  /** The zone times are shown in. */
  public ZoneId zone() {
    return zone;
  }

  /** The colour of each source. */
  public SourceColors colours() {
    return colours;
  }

  /** The value in {@link #chartUnit}: one unit per chart, whatever the value's size. */
  public double convert(MetricType metric, double canonical) {
    if (metric == MetricType.SKIN_TEMPERATURE_DEVIATION && system == UnitSystem.IMPERIAL) {
      return canonical * 9 / 5; // a difference: scaled, never shifted
    }
    Shown shown = shown(metric, Double.NaN);
    return shown.code().equals(metric.unit())
        ? canonical
        : Units.fromCanonical(metric, canonical, shown.code());
  }

  /** The unit of {@link #convert} (a chart's axis); "min" for durations. */
  public String chartUnit(MetricType metric) {
    return shown(metric, Double.NaN).label();
  }

  /** The number as shown, without its unit ("8,432", "72.4", "420", "7 h 05 min"). */
  public String number(MetricType metric, double canonical) {
    if (isDuration(metric)) {
      return duration(canonical);
    }
    Shown shown = shown(metric, canonical);
    double value =
        shown.code().equals(metric.unit())
            ? canonical
            : metric == MetricType.SKIN_TEMPERATURE_DEVIATION
                ? convert(metric, canonical)
                : Units.fromCanonical(metric, canonical, shown.code());
    String text = decimal(value, shown.decimals());
    return metric == MetricType.SKIN_TEMPERATURE_DEVIATION && value >= 0 ? "+" + text : text;
  }

  /**
   * The unit label beside {@code canonical}'s number (empty for durations, which carry their own):
   * a distance under a kilometre reads in metres.
   */
  public String unit(MetricType metric, double canonical) {
    return isDuration(metric) ? "" : shown(metric, canonical).label();
  }

  /** Number and unit together, for text and accessibility ("8,432 steps", "72.4 kg"). */
  public String full(MetricType metric, double canonical) {
    String unit = unit(metric, canonical);
    return unit.isEmpty() ? number(metric, canonical) : number(metric, canonical) + " " + unit;
  }

  /** A count of things with grouping: "1,234 readings". */
  public String count(long n, String noun) {
    return String.format(locale, "%,d", n) + " " + noun;
  }

  /** A plain number with grouping and {@code decimals} decimals, never in scientific notation. */
  public String decimal(double value, int decimals) {
    String text = String.format(locale, "%,." + decimals + "f", value);
    // "-0" reads as a value below zero that is not there.
    return text.matches("-0([.,]0+)?") ? text.substring(1) : text;
  }

  /** A duration in minutes: "45 min", "7 h 05 min". */
  public String duration(double minutes) {
    long total = Math.round(minutes);
    return total < 60
        ? total + " min"
        : String.format(locale, "%d h %02d min", total / 60, total % 60);
  }

  /** A day, the one date format of every screen ("Mar 5, 2024", "05.03.2024"). */
  public String day(LocalDate date) {
    return day.format(date);
  }

  /** A day with its weekday ("Tue, Mar 5, 2024"), where the weekday helps. */
  public String dayWithWeekday(LocalDate date) {
    return weekday.format(date) + ", " + day.format(date);
  }

  /** A span of days ("Mar 1, 2024 to Mar 7, 2024"; one day when both ends are the same). */
  public String days(LocalDate from, LocalDate to) {
    return from.equals(to) ? day(from) : day(from) + " to " + day(to);
  }

  /** An instant in the user's zone: "Mar 5, 2024, 7:30 AM". */
  public String dateTime(Instant at) {
    var local = at.atZone(zone);
    return day.format(local) + ", " + time.format(local);
  }

  /** The time of day of an instant in the user's zone ("7:30 AM", "07:30"). */
  public String time(Instant at) {
    return time.format(at.atZone(zone));
  }

  /**
   * Dates in a date picker as on every other screen; typing accepts that format or ISO
   * (2024-03-05).
   */
  public javafx.util.StringConverter<LocalDate> dayConverter() {
    return new javafx.util.StringConverter<>() {
      @Override
      public String toString(LocalDate date) {
        return date == null ? "" : day(date);
      }

      @Override
      public LocalDate fromString(String text) {
        if (text == null || text.isBlank()) {
          return null;
        }
        try {
          return LocalDate.parse(text.strip(), day);
        } catch (java.time.format.DateTimeParseException notAsShown) {
          return LocalDate.parse(text.strip());
        }
      }
    };
  }

  /** A source as people name it: its device or account name, else its provider's. */
  public String source(SourceRef source) {
    return source.name().isBlank() ? provider(source.provider()) : source.name();
  }

  /** A provider id as people name it ("apple_health" reads "Apple Health"). */
  public static String provider(String id) {
    return switch (id) {
      case "apple_health" -> "Apple Health";
      case "oura" -> "Oura";
      case "withings" -> "Withings";
      case "fitbit" -> "Fitbit";
      case "cronometer" -> "Cronometer";
      case "myfitnesspal" -> "MyFitnessPal";
      case "whoop" -> "WHOOP";
      case "csv" -> "CSV file";
      case "demo" -> "Demo";
      default -> id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1);
    };
  }

  private static boolean isDuration(MetricType metric) {
    return metric.unit().equals("min")
        && (metric.category() == Category.SLEEP || metric.category() == Category.WORKOUTS);
  }

  /** NaN {@code value}: the unit of a chart, which never switches with a value's size. */
  private Shown shown(MetricType metric, double value) {
    boolean imperial = system == UnitSystem.IMPERIAL;
    return switch (metric.unit()) {
      case "{count}" -> new Shown("{count}", countNoun(metric), 0);
      case "m" ->
          imperial
              ? new Shown("mi", "mi", 2)
              : Math.abs(value) < 1000 ? new Shown("m", "m", 0) : new Shown("km", "km", 2);
      case "kg" -> imperial ? new Shown("lb", "lb", 1) : new Shown("kg", "kg", 1);
      case "cm" -> imperial ? new Shown("in", "in", 1) : new Shown("cm", "cm", 0);
      case "Cel" -> imperial ? new Shown("[degF]", "°F", 1) : new Shown("Cel", "°C", 1);
      case "mL" -> imperial ? new Shown("fl_oz_us", "fl oz", 1) : new Shown("mL", "mL", 0);
      case "/min" ->
          new Shown("/min", metric.category() == Category.HEART ? "bpm" : "breaths/min", 0);
      case "kcal" -> new Shown("kcal", "kcal", 0);
      case "ms" -> new Shown("ms", "ms", 0);
      case "%" -> new Shown("%", "%", 1);
      case "mm[Hg]" -> new Shown("mm[Hg]", "mmHg", 0);
      case "mg/dL" -> new Shown("mg/dL", "mg/dL", 0);
      case "kg/m2" -> new Shown("kg/m2", "kg/m²", 1);
      case "mL/(kg.min)" -> new Shown("mL/(kg.min)", "mL/kg/min", 1);
      case "min" -> new Shown("min", "min", 0);
      case "g", "mg" -> new Shown(metric.unit(), metric.unit(), 0);
      // A unit code in braces ("{score}") names a count, which reads as the bare number.
      default -> new Shown(metric.unit(), metric.unit().startsWith("{") ? "" : metric.unit(), 1);
    };
  }

  private static String countNoun(MetricType metric) {
    return switch (metric) {
      case STEPS -> "steps";
      case FLIGHTS_CLIMBED -> "flights";
      default -> "";
    };
  }
}
