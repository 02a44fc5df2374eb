package org.openvitals.core.insights;

import java.util.Locale;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;

/**
 * How insight texts write a metric's value. The command line and the report use {@link #CANONICAL}
 * (the metric's own unit); the app passes its own, in the user's unit system.
 */
@FunctionalInterface
public interface ValueFormat {
  /** Number and unit: "58.9 bpm", "7 h 46 min", "12,345 steps". */
  String amount(MetricType metric, double canonical);

  /** The metric's canonical unit, written for people. */
  ValueFormat CANONICAL =
      (metric, value) -> {
        if (metric.unit().equals("min")
            && (metric.category() == Category.SLEEP || metric.category() == Category.WORKOUTS)) {
          long minutes = Math.round(value);
          long abs = Math.abs(minutes);
          String sign = minutes < 0 ? "-" : "";
          return abs >= 60
              ? String.format(Locale.ROOT, "%s%d h %02d min", sign, abs / 60, abs % 60)
              : minutes + " min";
        }
        return switch (metric.unit()) {
          case "{count}" ->
              String.format(Locale.US, "%,.0f", value)
                  + (metric == MetricType.STEPS ? " steps" : "");
          case "/min" ->
              String.format(Locale.US, "%.1f", value)
                  + (metric == MetricType.RESPIRATORY_RATE ? " breaths/min" : " bpm");
          case "kcal", "min", "mg", "mL" ->
              String.format(Locale.US, "%,.0f %s", value, metric.unit());
          case "Cel" -> String.format(Locale.US, "%.2f °C", value);
          case "ms", "kg", "%", "g", "cm", "mm[Hg]" ->
              String.format(Locale.US, "%.1f %s", value, metric.unit().replace("[Hg]", "Hg"));
          case "m" -> String.format(Locale.US, "%,.2f km", value / 1000);
          default -> String.format(Locale.US, "%.2f %s", value, metric.unit());
        };
      };
}
