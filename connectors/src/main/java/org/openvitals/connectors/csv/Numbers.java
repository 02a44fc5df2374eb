package org.openvitals.connectors.csv;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvitals.connectors.files.ImportReport.Rejected;

/**
 * Reads numbers as people's spreadsheets write them: {@code 72.5}, {@code 72,5} (decimal comma),
 * {@code 1,050} and {@code "1,050.0"} (MyFitnessPal's thousands separators), {@code 1.234,5}
 * (German), {@code 1 234}. Which separator is the decimal one is decided per value where the value
 * says it (both present: the last one), otherwise by the file: a decimal-comma file is one written
 * with {@code ;} or tab as delimiter, or declared so in the mapping.
 */
public final class Numbers {
  private static final Pattern GROUPED_COMMA = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+");
  private static final Pattern GROUPED_DOT = Pattern.compile("[-+]?\\d{1,3}(\\.\\d{3})+");
  private static final Set<String> EMPTY = Set.of("", "-", "--", "n/a", "na", "nan", "null");

  private final boolean decimalComma;

  /** {@code decimalComma}: a lone comma is a decimal separator ({@code 72,5}). */
  public Numbers(boolean decimalComma) {
    this.decimalComma = decimalComma;
  }

  /** True for a cell that holds no value (empty, "-", "n/a"). */
  public static boolean isEmpty(String cell) {
    return cell == null || EMPTY.contains(cell.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The number in {@code cell}.
   *
   * @throws NumberFormatException with a sentence naming the text when it is not a number
   */
  public double parse(String cell) {
    String s =
        cell.strip()
            .replace("\u00A0", "")
            .replace("\u202F", "")
            .replace(" ", "")
            .replace("'", "")
            .replace('\u2212', '-');
    int comma = s.lastIndexOf(',');
    int dot = s.lastIndexOf('.');
    if (comma >= 0 && dot >= 0) {
      s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
    } else if (comma >= 0) {
      boolean grouping =
          GROUPED_COMMA.matcher(s).matches() && (!decimalComma || s.indexOf(',') != comma);
      s = grouping ? s.replace(",", "") : s.replace(',', '.');
    } else if (dot >= 0 && decimalComma && GROUPED_DOT.matcher(s).matches()) {
      s = s.replace(".", "");
    }
    try {
      double value = Double.parseDouble(s);
      if (!Double.isFinite(value) || s.chars().anyMatch(Character::isLetter)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new NumberFormatException(Rejected.quote(cell) + " is not a number");
    }
  }
}
