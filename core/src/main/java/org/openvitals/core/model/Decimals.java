package org.openvitals.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Figures as people and JSON readers expect them: rounded, without trailing zeros. */
public final class Decimals {
  private Decimals() {}

  /**
   * {@code value} with at most {@code decimals} decimals (half-even) and no trailing zeros: 72,
   * 71.15; never in exponent form (1200, not 1.2E+3).
   *
   * @throws NumberFormatException for NaN or an infinity
   */
  public static BigDecimal rounded(double value, int decimals) {
    BigDecimal rounded =
        BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }
}
