package org.openvitals.app.sleep;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.sleep.Night;
import org.openvitals.core.sleep.Stage;
import org.openvitals.core.sleep.StageSpan;

/**
 * A night's stages over time: one row per stage (awake at the top, deep at the bottom), one block
 * per stretch the source recorded, hours along the bottom in the person's zone. Nights drawn for
 * comparison share a time window, so the same clock time lines up. Each block carries its {@link
 * StageSpan} as user data and says its stage, times and length in a tooltip.
 */
public final class Hypnogram extends Region {
  private static final double GAP = 8;

  private final Instant from;
  private final Instant to;
  private final Map<Stage, Label> rows = new EnumMap<>(Stage.class);
  private final List<Region> blocks = new ArrayList<>();
  private final List<Label> ticks = new ArrayList<>();
  private final List<ZonedDateTime> tickTimes = new ArrayList<>();

  /**
   * @param from the window's left edge (the night's bed time, or the earliest of several nights)
   * @param to the window's right edge
   */
  public Hypnogram(Night night, Instant from, Instant to, DisplayFormat format) {
    this.from = from;
    this.to = to;
    getStyleClass().add("hypnogram");
    for (Stage stage : Stage.values()) {
      if (stage != Stage.ASLEEP || night.stageMinutes().containsKey(Stage.ASLEEP)) {
        Label row = new Label(stage.label());
        row.getStyleClass().add("hypnogram-row");
        row.setMinWidth(Region.USE_PREF_SIZE);
        rows.put(stage, row);
        getChildren().add(row);
      }
    }
    for (StageSpan span : night.stages()) {
      Region block = new Region();
      block.getStyleClass().addAll("hypnogram-block", styleClass(span.stage()));
      block.setUserData(span);
      Tooltip.install(
          block,
          new Tooltip(
              span.stage().label()
                  + ", "
                  + format.time(span.start().toInstant())
                  + " to "
                  + format.time(span.end().toInstant())
                  + ": "
                  + format.duration(span.minutes())));
      blocks.add(block);
      getChildren().add(block);
    }
    ZonedDateTime hour = from.atZone(format.zone()).truncatedTo(ChronoUnit.HOURS).plusHours(1);
    for (; !hour.toInstant().isAfter(to); hour = hour.plusHours(1)) {
      Label tick = new Label(format.time(hour.toInstant()));
      tick.getStyleClass().add("hypnogram-tick");
      tick.setMinWidth(Region.USE_PREF_SIZE);
      ticks.add(tick);
      tickTimes.add(hour);
      getChildren().add(tick);
    }
    setMinHeight(rowHeight() * rows.size() + tickHeight());
    setPrefHeight(rowHeight() * rows.size() * 1.4 + tickHeight());
  }

  /** The style class of a stage's blocks ("stage-deep"). */
  public static String styleClass(Stage stage) {
    return "stage-" + stage.name().toLowerCase(Locale.ROOT);
  }

  /** The blocks drawn, one per recorded stretch, in time order. */
  public List<Region> blocks() {
    return List.copyOf(blocks);
  }

  private double rowHeight() {
    return rows.values().iterator().next().getFont().getSize() * 1.5;
  }

  private double tickHeight() {
    return rows.values().iterator().next().getFont().getSize() * 1.8;
  }

  private double labelWidth() {
    double w = 0;
    for (Label l : rows.values()) {
      w = Math.max(w, l.prefWidth(-1));
    }
    return w;
  }

  @Override
  protected double computeMinWidth(double height) {
    return labelWidth() + GAP + 120;
  }

  @Override
  protected double computePrefWidth(double height) {
    return labelWidth() + GAP + 600;
  }

  @Override
  protected void layoutChildren() {
    double plotX = labelWidth() + GAP;
    double plotW = Math.max(1, getWidth() - plotX);
    double tickH = tickHeight();
    double rowH = (getHeight() - tickH) / rows.size();
    double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
    List<Stage> order = new ArrayList<>(rows.keySet());
    for (int i = 0; i < order.size(); i++) {
      Label row = rows.get(order.get(i));
      double h = row.prefHeight(-1);
      row.resizeRelocate(0, i * rowH + (rowH - h) / 2, labelWidth(), h);
    }
    for (Region block : blocks) {
      StageSpan s = (StageSpan) block.getUserData();
      double x0 =
          plotX + (s.start().toInstant().toEpochMilli() - from.toEpochMilli()) / span * plotW;
      double x1 = plotX + (s.end().toInstant().toEpochMilli() - from.toEpochMilli()) / span * plotW;
      int row = order.indexOf(s.stage());
      block.resizeRelocate(x0, row * rowH + rowH * 0.15, Math.max(1, x1 - x0), rowH * 0.7);
    }
    // Every hour when its label fits, else every second or third; a label pushed inside the plot at
    // either end is left out when it would touch the one before, so labels never overlap.
    double perHour = plotW * 3_600_000 / span;
    double widest = ticks.stream().mapToDouble(t -> t.prefWidth(-1)).max().orElse(0);
    int every = (int) Math.max(1, Math.ceil((widest + GAP) / Math.max(1, perHour)));
    double previousEnd = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < ticks.size(); i++) {
      Label tick = ticks.get(i);
      double w = tick.prefWidth(-1);
      double x =
          plotX
              + (tickTimes.get(i).toInstant().toEpochMilli() - from.toEpochMilli()) / span * plotW;
      x = Math.min(Math.max(x - w / 2, plotX), getWidth() - w);
      boolean shown = tickTimes.get(i).getHour() % every == 0 && x >= previousEnd + GAP;
      tick.setVisible(shown);
      if (shown) {
        previousEnd = x + w;
      }
      tick.resizeRelocate(x, getHeight() - tickH + 4, w, tick.prefHeight(-1));
    }
  }
}
