package org.openvitals.core.units;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openvitals.core.model.MetricType;

/**
 * Converts values to a metric's canonical unit, once, where data enters OpenVitals. Accepts UCUM
 * codes and the spellings sources really write (HealthKit's {@code count/min}, {@code Cal}, {@code
 * mmol<180.1558800000541>/L}, {@code lbs} ...). An unknown unit, or one of the wrong kind for the
 * metric, is an error that names it: values are never passed through unconverted.
 */
public final class Units {

  /** Glucose molar mass (g/mol) used for mmol/L to mg/dL: 1 mmol/L = 18.016 mg/dL. */
  public static final double GLUCOSE_MOLAR_MASS = 180.16;

  private enum Dimension {
    COUNT,
    LENGTH,
    MASS,
    ENERGY,
    TIME,
    FREQUENCY,
    PERCENT,
    TEMPERATURE,
    PRESSURE,
    GLUCOSE,
    VOLUME,
    BMI,
    VO2,
    SPEED,
    POWER,
    SOUND,
    CONDUCTANCE,
    EFFORT,
    INTERNATIONAL_UNIT,
    FLOW,
    SCORE
  }

  /**
   * A vitamin's international unit in its canonical mass unit: an IU is a biological activity, so
   * the factor is the nutrient's own (vitamin D 0.025 µg; vitamin A as retinol 0.3 µg; vitamin E as
   * natural alpha-tocopherol 0.67 mg).
   */
  private static final Map<String, Double> PER_IU =
      Map.of("vitamin_d", 0.025, "vitamin_a", 0.3, "vitamin_e", 0.67);

  /** base = value * factor + offset. */
  private record Def(Dimension dimension, double factor, double offset) {}

  private static final Map<String, Def> EXACT = new HashMap<>();
  private static final Map<String, Def> FOLDED = new HashMap<>();

  static {
    unit(Dimension.COUNT, 1, "{count}", "count", "{steps}", "steps", "{flights}", "1", "{index}");

    unit(Dimension.LENGTH, 1, "m", "meter", "meters", "metre", "metres");
    unit(Dimension.LENGTH, 1000, "km", "kilometer", "kilometers", "kilometre", "kilometres");
    unit(Dimension.LENGTH, 0.01, "cm", "centimeter", "centimeters");
    unit(Dimension.LENGTH, 0.001, "mm");
    unit(Dimension.LENGTH, 1609.344, "mi", "[mi_i]", "mile", "miles");
    unit(Dimension.LENGTH, 0.3048, "ft", "[ft_i]", "foot", "feet");
    unit(Dimension.LENGTH, 0.0254, "in", "[in_i]", "inch", "inches");
    unit(Dimension.LENGTH, 0.9144, "yd", "[yd_i]", "yard", "yards");

    unit(Dimension.MASS, 1, "kg", "kilogram", "kilograms", "kgs");
    unit(Dimension.MASS, 0.001, "g", "gram", "grams");
    unit(Dimension.MASS, 1e-6, "mg", "milligram", "milligrams");
    unit(Dimension.MASS, 1e-9, "mcg", "ug", "µg", "μg", "microgram", "micrograms");
    unit(Dimension.MASS, 0.45359237, "lb", "lbs", "[lb_av]", "pound", "pounds");
    unit(Dimension.MASS, 6.35029318, "st", "[stone_av]", "stone", "stones");
    unit(Dimension.MASS, 0.028349523125, "oz", "[oz_av]", "ounce", "ounces");

    unit(Dimension.ENERGY, 1, "kcal", "Cal", "kilocalorie", "kilocalories", "[Cal]");
    unit(Dimension.ENERGY, 0.001, "cal");
    unit(Dimension.ENERGY, 1 / 4.184, "kJ", "kilojoule", "kilojoules");
    unit(Dimension.ENERGY, 1 / 4184.0, "J", "joule", "joules");

    unit(Dimension.TIME, 1, "min", "minute", "minutes", "mins");
    unit(Dimension.TIME, 1 / 60.0, "s", "sec", "second", "seconds");
    unit(Dimension.TIME, 1 / 60000.0, "ms", "millisecond", "milliseconds");
    unit(Dimension.TIME, 60, "h", "hr", "hour", "hours");

    unit(Dimension.FREQUENCY, 1, "/min", "count/min", "{beats}/min", "bpm", "{breaths}/min");
    unit(Dimension.FREQUENCY, 1, "breaths/min", "beats/min", "1/min");
    unit(Dimension.FREQUENCY, 60, "/s", "count/s", "Hz");

    unit(Dimension.PERCENT, 1, "%", "percent");

    unit(Dimension.TEMPERATURE, 1, "Cel", "degC", "°C", "C", "celsius");
    def(Dimension.TEMPERATURE, 5 / 9.0, -32 * 5 / 9.0, "[degF]", "degF", "°F", "F", "fahrenheit");

    unit(Dimension.PRESSURE, 1, "mm[Hg]", "mmHg");
    unit(Dimension.PRESSURE, 7.500615758, "kPa");

    unit(Dimension.GLUCOSE, 1, "mg/dL", "mg/dl");
    unit(Dimension.GLUCOSE, GLUCOSE_MOLAR_MASS / 10, "mmol/L", "mmol/l");

    unit(Dimension.VOLUME, 1, "mL", "ml", "milliliter", "milliliters", "millilitre");
    unit(Dimension.VOLUME, 1000, "L", "l", "liter", "liters", "litre", "litres");
    unit(Dimension.VOLUME, 29.5735295625, "fl_oz_us", "[foz_us]", "fl oz", "floz");
    unit(Dimension.VOLUME, 236.5882365, "cup_us", "[cup_us]", "cup", "cups");

    unit(Dimension.BMI, 1, "kg/m2", "kg/m²", "kg/m^2");

    unit(Dimension.SPEED, 1, "m/s", "m/sec");
    unit(Dimension.SPEED, 1 / 3.6, "km/h", "km/hr", "kph");
    unit(Dimension.SPEED, 0.44704, "mi/h", "mi/hr", "[mi_i]/h", "mph");
    unit(Dimension.POWER, 1, "W", "watt", "watts");
    unit(Dimension.POWER, 1000, "kW");
    unit(Dimension.SOUND, 1, "dB[SPL]", "dBASPL", "dB", "dBA");
    unit(Dimension.CONDUCTANCE, 1, "uS", "µS", "μS", "mcS");
    unit(Dimension.CONDUCTANCE, 1e6, "S");
    unit(Dimension.EFFORT, 1, "kcal/(kg.h)", "kcal/hr·kg", "kcal/(kg·hr)", "kcal/hr*kg");
    unit(Dimension.INTERNATIONAL_UNIT, 1, "[IU]", "IU", "units");
    unit(Dimension.FLOW, 1, "L/min", "l/min");
    unit(Dimension.FLOW, 0.001, "mL/min", "ml/min");
    unit(Dimension.SCORE, 1, "{score}", "appleEffortScore");

    unit(Dimension.VO2, 1, "mL/(kg.min)", "mL/min·kg", "mL/kg·min", "ml/kg/min", "mL/kg/min");
  }

  private Units() {}

  /**
   * Converts {@code value} given in {@code unit} to {@code type}'s canonical unit.
   *
   * @throws UnitException naming the unit when it is unknown or of the wrong kind for the metric
   */
  public static double toCanonical(MetricType type, double value, String unit) {
    if (isVitaminIu(type, unit)) {
      return value * PER_IU.get(type.id());
    }
    return convert(value, unit, type.unit(), type);
  }

  /** Converts from the canonical unit of {@code type} into {@code unit}, for display and export. */
  public static double fromCanonical(MetricType type, double value, String unit) {
    if (isVitaminIu(type, unit)) {
      return value / PER_IU.get(type.id());
    }
    return convert(value, type.unit(), unit, type);
  }

  private static boolean isVitaminIu(MetricType type, String unit) {
    Def def = lookup(unit);
    return def != null
        && def.dimension() == Dimension.INTERNATIONAL_UNIT
        && PER_IU.containsKey(type.id());
  }

  /** True when {@code unit} is one this class understands, for any metric. */
  public static boolean isKnown(String unit) {
    return lookup(unit) != null;
  }

  private static double convert(double value, String from, String to, MetricType type) {
    Def source = lookup(from);
    if (source == null) {
      throw new UnitException(
          "Unknown unit '" + from + "' for " + type.id() + " (expected " + type.unit() + ")");
    }
    Def target = lookup(to);
    if (target == null) {
      throw new UnitException("Unknown unit '" + to + "' for " + type.id());
    }
    Def canonical = lookup(type.unit());
    boolean countAsBmi =
        source.dimension() == Dimension.COUNT && canonical.dimension() == Dimension.BMI;
    if (source.dimension() != target.dimension() && !countAsBmi) {
      throw new UnitException(
          "Unit '"
              + from
              + "' is not a unit of "
              + canonical.dimension().name().toLowerCase(Locale.ROOT)
              + " and cannot be used for "
              + type.id()
              + " (expected "
              + type.unit()
              + ")");
    }
    if (source.equals(target) || countAsBmi) {
      return value;
    }
    double base = value * source.factor() + source.offset();
    return (base - target.offset()) / target.factor();
  }

  private static Def lookup(String unit) {
    if (unit == null) {
      return null;
    }
    String trimmed = unit.strip();
    Def exact = EXACT.get(trimmed);
    if (exact != null) {
      return exact;
    }
    // HealthKit writes glucose as mmol<180.1558800000541>/L: the molar mass travels in the unit.
    if (trimmed.startsWith("mmol<") && trimmed.endsWith(">/L")) {
      try {
        double molarMass = Double.parseDouble(trimmed.substring(5, trimmed.length() - 3));
        return new Def(Dimension.GLUCOSE, molarMass / 10, 0);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return FOLDED.get(trimmed.toLowerCase(Locale.ROOT));
  }

  private static void unit(Dimension dimension, double factor, String... names) {
    def(dimension, factor, 0, names);
  }

  private static void def(Dimension dimension, double factor, double offset, String... names) {
    Def def = new Def(dimension, factor, offset);
    for (String name : names) {
      EXACT.put(name, def);
      // "cal" (small calorie) and "Cal" (kilocalorie) differ only by case: never fold those.
      if (!name.equalsIgnoreCase("cal")) {
        FOLDED.putIfAbsent(name.toLowerCase(Locale.ROOT), def);
      }
    }
  }
}
