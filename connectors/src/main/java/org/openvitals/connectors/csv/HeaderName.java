package org.openvitals.connectors.csv;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column header split into its name and the unit written with it: {@code Energy (kcal)}, {@code
 * B12 (Cobalamin) (µg)}, {@code Weight [kg]}, {@code Body Fat %}, {@code Gewicht in kg}.
 *
 * @param name the header without the unit, as written
 * @param unit the unit, or null when the header names none
 */
public record HeaderName(String name, String unit) {
  private static final Pattern TRAILING_BRACKET =
      Pattern.compile("^(.*?)\\s*[(\\[]([^()\\[\\]]+)[)\\]]\\s*$");
  private static final Pattern TRAILING_PERCENT = Pattern.compile("^(.*?)\\s*%\\s*$");
  private static final Pattern IN_UNIT = Pattern.compile("^(.*?)\\s+in\\s+(\\S+)\\s*$");

  public static HeaderName parse(String header) {
    String h = header.strip();
    Matcher m = TRAILING_BRACKET.matcher(h);
    if (m.matches() && !m.group(1).isBlank()) {
      return new HeaderName(m.group(1).strip(), m.group(2).strip());
    }
    m = TRAILING_PERCENT.matcher(h);
    if (m.matches() && !m.group(1).isBlank()) {
      return new HeaderName(m.group(1).strip(), "%");
    }
    m = IN_UNIT.matcher(h);
    if (m.matches() && !m.group(1).isBlank()) {
      return new HeaderName(m.group(1).strip(), m.group(2).strip());
    }
    return new HeaderName(h, null);
  }

  /**
   * The name folded for comparison: lower case, umlauts and accents reduced ({@code Körpergewicht}
   * becomes {@code korpergewicht}, {@code ß} becomes {@code ss}), punctuation and repeated spaces
   * collapsed to one space.
   */
  public String key() {
    return fold(name);
  }

  public static String fold(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replace("ß", "ss");
    String stripped = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.replaceAll("[^a-z0-9%]+", " ").strip();
  }
}
