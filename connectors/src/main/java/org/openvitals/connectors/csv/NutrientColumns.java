package org.openvitals.connectors.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.units.UnitException;
import org.openvitals.core.units.Units;

/**
 * The nutrient columns of a nutrition app's export, found by name ({@code Energy (kcal)}, {@code
 * Carbohydrates (g)}, {@code Saturated Fat}), never by position: the column set differs between
 * accounts and over time. Columns for nutrients outside the catalog are listed as unmapped; the
 * importers keep their values as records of other types (docs/decisions/0008-unknown-types.md).
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
          Map.entry("water", MetricType.WATER),
          Map.entry("oxalate", MetricType.OXALATE),
          Map.entry("phytate", MetricType.PHYTATE),
          Map.entry("b1 thiamine", MetricType.THIAMIN),
          Map.entry("thiamin", MetricType.THIAMIN),
          Map.entry("thiamine", MetricType.THIAMIN),
          Map.entry("vitamin b1", MetricType.THIAMIN),
          Map.entry("b2 riboflavin", MetricType.RIBOFLAVIN),
          Map.entry("riboflavin", MetricType.RIBOFLAVIN),
          Map.entry("vitamin b2", MetricType.RIBOFLAVIN),
          Map.entry("b3 niacin", MetricType.NIACIN),
          Map.entry("niacin", MetricType.NIACIN),
          Map.entry("vitamin b3", MetricType.NIACIN),
          Map.entry("b5 pantothenic acid", MetricType.PANTOTHENIC_ACID),
          Map.entry("pantothenic acid", MetricType.PANTOTHENIC_ACID),
          Map.entry("vitamin b5", MetricType.PANTOTHENIC_ACID),
          Map.entry("b6 pyridoxine", MetricType.VITAMIN_B6),
          Map.entry("vitamin b6", MetricType.VITAMIN_B6),
          Map.entry("b7 biotin", MetricType.BIOTIN),
          Map.entry("biotin", MetricType.BIOTIN),
          Map.entry("b12 cobalamin", MetricType.VITAMIN_B12),
          Map.entry("vitamin b12", MetricType.VITAMIN_B12),
          Map.entry("folate", MetricType.FOLATE),
          Map.entry("choline", MetricType.CHOLINE),
          Map.entry("vitamin a", MetricType.VITAMIN_A),
          Map.entry("retinol", MetricType.RETINOL),
          Map.entry("beta carotene", MetricType.BETA_CAROTENE),
          Map.entry("alpha carotene", MetricType.ALPHA_CAROTENE),
          Map.entry("beta cryptoxanthin", MetricType.BETA_CRYPTOXANTHIN),
          Map.entry("lutein zeaxanthin", MetricType.LUTEIN_ZEAXANTHIN),
          Map.entry("lycopene", MetricType.LYCOPENE),
          Map.entry("vitamin d", MetricType.VITAMIN_D),
          Map.entry("vitamin e", MetricType.VITAMIN_E),
          Map.entry("vitamin k", MetricType.VITAMIN_K),
          Map.entry("chloride", MetricType.CHLORIDE),
          Map.entry("chromium", MetricType.CHROMIUM),
          Map.entry("copper", MetricType.COPPER),
          Map.entry("fluoride", MetricType.FLUORIDE),
          Map.entry("iodine", MetricType.IODINE),
          Map.entry("magnesium", MetricType.MAGNESIUM),
          Map.entry("manganese", MetricType.MANGANESE),
          Map.entry("molybdenum", MetricType.MOLYBDENUM),
          Map.entry("phosphorus", MetricType.PHOSPHORUS),
          Map.entry("selenium", MetricType.SELENIUM),
          Map.entry("zinc", MetricType.ZINC),
          Map.entry("net carbs", MetricType.NET_CARBS),
          Map.entry("starch", MetricType.STARCH),
          Map.entry("insoluble fiber", MetricType.FIBER_INSOLUBLE),
          Map.entry("soluble fiber", MetricType.FIBER_SOLUBLE),
          Map.entry("added sugars", MetricType.SUGAR_ADDED),
          Map.entry("sugar alcohol", MetricType.SUGAR_ALCOHOL),
          Map.entry("sugar alcohols", MetricType.SUGAR_ALCOHOL),
          Map.entry("fructose", MetricType.FRUCTOSE),
          Map.entry("glucose", MetricType.GLUCOSE),
          Map.entry("galactose", MetricType.GALACTOSE),
          Map.entry("lactose", MetricType.LACTOSE),
          Map.entry("maltose", MetricType.MALTOSE),
          Map.entry("sucrose", MetricType.SUCROSE),
          Map.entry("monounsaturated", MetricType.FAT_MONOUNSATURATED),
          Map.entry("monounsaturated fat", MetricType.FAT_MONOUNSATURATED),
          Map.entry("polyunsaturated", MetricType.FAT_POLYUNSATURATED),
          Map.entry("polyunsaturated fat", MetricType.FAT_POLYUNSATURATED),
          Map.entry("trans fats", MetricType.FAT_TRANS),
          Map.entry("trans fat", MetricType.FAT_TRANS),
          Map.entry("omega 3", MetricType.OMEGA_3),
          Map.entry("ala", MetricType.OMEGA_3_ALA),
          Map.entry("dha", MetricType.OMEGA_3_DHA),
          Map.entry("epa", MetricType.OMEGA_3_EPA),
          Map.entry("omega 6", MetricType.OMEGA_6),
          Map.entry("aa", MetricType.OMEGA_6_AA),
          Map.entry("la", MetricType.OMEGA_6_LA),
          Map.entry("alanine", MetricType.ALANINE),
          Map.entry("arginine", MetricType.ARGININE),
          Map.entry("aspartic acid", MetricType.ASPARTIC_ACID),
          Map.entry("cystine", MetricType.CYSTINE),
          Map.entry("glutamic acid", MetricType.GLUTAMIC_ACID),
          Map.entry("glycine", MetricType.GLYCINE),
          Map.entry("histidine", MetricType.HISTIDINE),
          Map.entry("hydroxyproline", MetricType.HYDROXYPROLINE),
          Map.entry("isoleucine", MetricType.ISOLEUCINE),
          Map.entry("leucine", MetricType.LEUCINE),
          Map.entry("lysine", MetricType.LYSINE),
          Map.entry("methionine", MetricType.METHIONINE),
          Map.entry("phenylalanine", MetricType.PHENYLALANINE),
          Map.entry("proline", MetricType.PROLINE),
          Map.entry("serine", MetricType.SERINE),
          Map.entry("threonine", MetricType.THREONINE),
          Map.entry("tryptophan", MetricType.TRYPTOPHAN),
          Map.entry("tyrosine", MetricType.TYROSINE),
          Map.entry("valine", MetricType.VALINE));

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

  /**
   * The column one header would be on its own (index 0), or empty: how a record kept under a
   * column's header becomes a sample once the catalog has its nutrient.
   */
  public static Optional<Column> of(String header) {
    try {
      List<Column> found = find(List.of(header), List.of(), t -> null).columns();
      return found.stream().findFirst();
    } catch (UnitException e) {
      return Optional.empty();
    }
  }

  /** Headers of columns whose nutrient is not in the catalog. */
  public List<String> unmapped() {
    return unmapped;
  }
}
