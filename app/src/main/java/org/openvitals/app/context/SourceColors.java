package org.openvitals.app.context;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;

/**
 * One colour per source, the same on every screen and every run, so a reader learns that Oura is,
 * say, teal once and recognises it in every chart and list. Each source is given the least used
 * colour when it first appears and keeps it: the choice is saved in the store, so it survives
 * restarts and never shifts when another source arrives. Two sources share a colour only when there
 * are more sources than colours.
 *
 * <p>The colours belong to one store: {@link AppContext.OpenStore#colours()} holds those of the
 * open store, and screens ask it when they draw. Safe to read from any thread.
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

  static final String STATE_PREFIX = "app.source_color.";

  /** The store the colours are saved in; null for {@link #none()}. */
  private final SampleStore store;

  private volatile Map<String, Integer> assigned = Map.of();

  private SourceColors(SampleStore store) {
    this.store = store;
  }

  /**
   * The colours saved in {@code store}, after giving every source without one the least used colour
   * (saving it). Reads the store: call off the FX thread where it can wait.
   */
  public static SourceColors load(SampleStore store) {
    SourceColors colours = new SourceColors(store);
    colours.refresh();
    return colours;
  }

  /** No saved colours: every source gets its fallback colour (drawing without a store). */
  public static SourceColors none() {
    return new SourceColors(null);
  }

  /**
   * Gives every source that appeared since the last call (after an import or a sync) its colour,
   * saving it. Reads the store: call off the FX thread.
   *
   * @return whether a source got a new colour
   */
  public synchronized boolean refresh() {
    if (store == null) {
      return false;
    }
    Map<String, Integer> colours = new HashMap<>();
    store
        .stateWithPrefix(STATE_PREFIX)
        .forEach((key, value) -> {
          try {
            colours.put(key.substring(STATE_PREFIX.length()), Integer.parseInt(value));
          } catch (NumberFormatException e) {
            // Not one of ours; the source gets a fresh colour below.
          }
        });
    boolean added = false;
    for (SourceRef source : store.sourceRefs()) {
      String key = source.key();
      if (!colours.containsKey(key)) {
        int colour = leastUsed(colours);
        colours.put(key, colour);
        store.putState(STATE_PREFIX + key, Integer.toString(colour));
        added = true;
      }
    }
    assigned = Map.copyOf(colours);
    return added;
  }

  private static int leastUsed(Map<String, Integer> colours) {
    int[] uses = new int[PALETTE.size()];
    colours.values().forEach(c -> uses[Math.floorMod(c, uses.length)]++);
    int best = 0;
    for (int i = 1; i < uses.length; i++) {
      if (uses[i] < uses[best]) {
        best = i;
      }
    }
    return best;
  }

  public Color of(SourceRef source) {
    Integer saved = assigned.get(source.key());
    // A source seen before refresh() ran for it (a moment after an import) falls back to its hash.
    int index = saved != null ? saved : source.key().hashCode();
    return PALETTE.get(Math.floorMod(index, PALETTE.size()));
  }

  /** The colour as CSS ({@code #rrggbb}), for styles. */
  public String css(SourceRef source) {
    Color c = of(source);
    return String.format(
        "#%02x%02x%02x",
        Math.round(c.getRed() * 255),
        Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }

  /** A small square in the source's colour (style class {@code source-swatch}). */
  public Region swatch(SourceRef source) {
    Region swatch = new Region();
    swatch.getStyleClass().add("source-swatch");
    swatch.setStyle("-fx-background-color: " + css(source) + ";");
    return swatch;
  }
}
