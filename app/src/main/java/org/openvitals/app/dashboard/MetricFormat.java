package org.openvitals.app.dashboard;

import java.util.Locale;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.units.Units;

/**
 * How the dashboard shows values: canonical values in the user's unit system (kilograms or pounds,
 * kilometres or miles, degrees Celsius or Fahrenheit), and each source in the open store's colour
 * for it. Stored values never change; only what is shown does.
 */
public final class MetricFormat {
  /** How one metric is shown: the unit code {@link Units} converts to, its label, decimals. */
  private record Shown(String code, String label, int decimals) {}

  private final UnitSystem system;
  private final SourceColors colours;

  /** Values in {@code system}; sources in their fallback colours (no store to read them from). */
  public MetricFormat(UnitSystem system) {
    this(system, SourceColors.none());
  }

  public MetricFormat(UnitSystem system, SourceColors colours) {
    this.system = system;
    this.colours = colours;
  }

  public UnitSystem system() {
    return system;
  }

  /** The colour of each source. */
  public SourceColors colours() {
    return colours;
  }

  /** The value in the shown unit. */
  public double convert(MetricType metric, double canonical) {
    if (metric == MetricType.SKIN_TEMPERATURE_DEVIATION && system == UnitSystem.IMPERIAL) {
      return canonical * 9 / 5; // a difference: scaled, never shifted
    }
    Shown shown = shown(metric);
    return shown.code().equals(metric.unit())
        ? canonical
        : Units.fromCanonical(metric, canonical, shown.code());
  }

  /** The number as shown, without its unit ("8,432", "72.4", "7 h 12 min"). */
  public String number(MetricType metric, double canonical) {
    if (isDuration(metric)) {
      long minutes = Math.round(canonical);
      return minutes >= 60
          ? String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60)
          : minutes + " min";
    }
    int decimals = shown(metric).decimals();
    return String.format(Locale.US, "%,." + decimals + "f", convert(metric, canonical));
  }

  /** The unit label shown beside a number (empty for durations, which carry their own). */
  public String unit(MetricType metric) {
    return isDuration(metric) ? "" : shown(metric).label();
  }

  /** Number and unit together, for text and accessibility. */
  public String full(MetricType metric, double canonical) {
    String unit = unit(metric);
    return unit.isEmpty() ? number(metric, canonical) : number(metric, canonical) + " " + unit;
  }

  private static boolean isDuration(MetricType metric) {
    return metric.unit().equals("min")
        && (metric.category() == Category.SLEEP || metric.category() == Category.WORKOUTS);
  }

  private Shown shown(MetricType metric) {
    boolean imperial = system == UnitSystem.IMPERIAL;
    return switch (metric.unit()) {
      case "{count}" -> new Shown("{count}", metric == MetricType.STEPS ? "steps" : "", 0);
      case "m" -> imperial ? new Shown("mi", "mi", 2) : new Shown("km", "km", 2);
      case "kg" -> imperial ? new Shown("lb", "lb", 1) : new Shown("kg", "kg", 1);
      case "cm" -> imperial ? new Shown("in", "in", 1) : new Shown("cm", "cm", 1);
      case "Cel" -> imperial ? new Shown("[degF]", "°F", 1) : new Shown("Cel", "°C", 1);
      case "mL" -> imperial ? new Shown("fl_oz_us", "fl oz", 1) : new Shown("mL", "mL", 0);
      case "/min" ->
          new Shown("/min", metric == MetricType.RESPIRATORY_RATE ? "breaths/min" : "bpm", 0);
      case "kcal" -> new Shown("kcal", "kcal", 0);
      case "ms" -> new Shown("ms", "ms", 0);
      case "%" -> new Shown("%", "%", 1);
      case "mm[Hg]" -> new Shown("mm[Hg]", "mmHg", 0);
      case "mg/dL" -> new Shown("mg/dL", "mg/dL", 0);
      case "kg/m2" -> new Shown("kg/m2", "kg/m²", 1);
      case "mL/(kg.min)" -> new Shown("mL/(kg.min)", "mL/kg/min", 1);
      case "min" -> new Shown("min", "min", 0);
      case "g", "mg" -> new Shown(metric.unit(), metric.unit(), 0);
      default -> new Shown(metric.unit(), metric.unit(), 1);
    };
  }
}
