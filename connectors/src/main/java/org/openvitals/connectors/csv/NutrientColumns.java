package org.openvitals.connectors.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.units.UnitException;
import org.openvitals.core.units.Units;

/**
 * The nutrient columns of a nutrition app's export, found by name ({@code Energy (kcal)}, {@code
 * Carbohydrates (g)}, {@code Saturated Fat}), never by position: the column set differs between
 * accounts and over time. Columns for nutrients outside the catalog are listed as unmapped.
 */
public final class NutrientColumns {

  /** A nutrient column: where it is, what it holds and in which unit. */
  public record Column(int index, String header, MetricType type, String unit) {
    /** The cell's value in the metric's canonical unit. */
    public double canonical(double value) {
      // Apps write water as a mass; a gram of water is a millilitre.
      if (type == MetricType.WATER && unit.equals("g")) {
        return value;
      }
      return Units.toCanonical(type, value, unit);
    }
  }

  private static final Map<String, MetricType> NAMES =
      Map.ofEntries(
          Map.entry("energy", MetricType.DIETARY_ENERGY),
          Map.entry("calories", MetricType.DIETARY_ENERGY),
          Map.entry("protein", MetricType.PROTEIN),
          Map.entry("carbs", MetricType.CARBOHYDRATES),
          Map.entry("carbohydrates", MetricType.CARBOHYDRATES),
          Map.entry("fat", MetricType.FAT_TOTAL),
          Map.entry("saturated", MetricType.FAT_SATURATED),
          Map.entry("saturated fat", MetricType.FAT_SATURATED),
          Map.entry("fiber", MetricType.FIBER),
          Map.entry("sugars", MetricType.SUGAR),
          Map.entry("sugar", MetricType.SUGAR),
          Map.entry("sodium", MetricType.SODIUM),
          Map.entry("potassium", MetricType.POTASSIUM),
          Map.entry("cholesterol", MetricType.CHOLESTEROL),
          Map.entry("calcium", MetricType.CALCIUM),
          Map.entry("iron", MetricType.IRON),
          Map.entry("vitamin c", MetricType.VITAMIN_C),
          Map.entry("caffeine", MetricType.CAFFEINE),
          Map.entry("alcohol", MetricType.ALCOHOL),
          Map.entry("water", MetricType.WATER));

  private final List<Column> columns;
  private final List<String> unmapped;

  private NutrientColumns(List<Column> columns, List<String> unmapped) {
    this.columns = List.copyOf(columns);
    this.unmapped = List.copyOf(unmapped);
  }

  /**
   * Finds the nutrient columns among {@code headers[first..]}, skipping {@code ignored} ones.
   *
   * @param unitFor the unit of a header that names none (MyFitnessPal writes {@code Fiber}, not
   *     {@code Fiber (g)}), or null when such a column cannot be used
   * @throws UnitException naming the column when a header's unit does not fit its nutrient
   */
  public static NutrientColumns find(
      List<String> headers, List<String> ignored, Function<MetricType, String> unitFor) {
    List<Column> columns = new ArrayList<>();
    List<String> unmapped = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      String header = headers.get(i);
      if (ignored.stream().anyMatch(header::equalsIgnoreCase)) {
        continue;
      }
      HeaderName name = HeaderName.parse(header);
      MetricType type = NAMES.get(name.key());
      String unit = name.unit() != null ? name.unit() : type == null ? null : unitFor.apply(type);
      boolean taken = columns.stream().anyMatch(c -> c.type() == type);
      if (type == null || unit == null || taken) {
        unmapped.add(header);
        continue;
      }
      Column column = new Column(i, header, type, unit);
      try {
        column.canonical(1);
      } catch (UnitException e) {
        throw new UnitException("column '" + header + "': " + e.getMessage());
      }
      columns.add(column);
    }
    return new NutrientColumns(columns, unmapped);
  }

  public List<Column> columns() {
    return columns;
  }

  /** Headers of columns whose nutrient is not in the catalog. */
  public List<String> unmapped() {
    return unmapped;
  }
}
