package org.openvitals.app.context;

import java.util.List;
import javafx.scene.paint.Color;
import org.openvitals.core.model.SourceRef;

/**
 * One colour per source, the same on every screen and every run (chosen from the source's key), so
 * a reader learns that Oura is, say, teal once and recognises it in every chart and list.
 */
public final class SourceColors {
  /** Okabe-Ito and Tableau hues: distinct for colour-blind readers, readable on light and dark. */
  private static final List<Color> PALETTE =
      List.of(
          Color.web("#0072B2"),
          Color.web("#E69F00"),
          Color.web("#009E73"),
          Color.web("#CC79A7"),
          Color.web("#56B4E9"),
          Color.web("#D55E00"),
          Color.web("#8C6D31"),
          Color.web("#7F7F7F"),
          Color.web("#6A51A3"),
          Color.web("#17BECF"));

  private SourceColors() {}

  public static Color of(SourceRef source) {
    return PALETTE.get(Math.floorMod(source.key().hashCode(), PALETTE.size()));
  }

  /** The colour as CSS ({@code #rrggbb}), for styles. */
  public static String css(SourceRef source) {
    Color c = of(source);
    return String.format(
        "#%02x%02x%02x",
        Math.round(c.getRed() * 255),
        Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }
}
