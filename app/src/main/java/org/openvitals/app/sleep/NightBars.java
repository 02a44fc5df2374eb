package org.openvitals.app.sleep;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.sleep.Night;
import org.openvitals.core.sleep.SleepDay;

/**
 * A bar per night over weeks: time in bed as a pale bar, time asleep as a solid one inside it, with
 * hour lines at the left and each Monday's date below. A day without a night leaves its place
 * empty, so gaps show. Clicking a bar selects that night.
 */
final class NightBars extends Region {
  private static final double GAP = 8;

  private final LocalDate from;
  private final int dayCount;
  private final double maxHours;
  private final List<Region> inBed = new ArrayList<>();
  private final List<Region> asleep = new ArrayList<>();
  private final List<Integer> barDay = new ArrayList<>();
  private final List<Label> hourLabels = new ArrayList<>();
  private final List<Region> hourLines = new ArrayList<>();
  private final List<Label> dateLabels = new ArrayList<>();
  private final List<Integer> dateDay = new ArrayList<>();
  private final Map<LocalDate, Region> selectable = new HashMap<>();
  private Region marked;

  NightBars(
      List<SleepDay> nights,
      LocalDate from,
      LocalDate to,
      DisplayFormat format,
      Consumer<LocalDate> onSelect) {
    this.from = from;
    this.dayCount = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
    getStyleClass().add("night-bars");
    double longest = 8 * 60;
    for (SleepDay d : nights) {
      if (d.night() != null) {
        longest = Math.max(longest, d.night().inBedMinutes());
      }
    }
    this.maxHours = Math.ceil(longest / 60 / 2) * 2;
    for (int h = 0; h <= maxHours; h += maxHours > 12 ? 4 : 2) {
      Region line = new Region();
      line.getStyleClass().add("night-bars-grid");
      line.setUserData(h);
      hourLines.add(line);
      Label label = new Label(h + " h");
      label.getStyleClass().add("night-bars-axis");
      label.setMinWidth(Region.USE_PREF_SIZE);
      label.setUserData(h);
      hourLabels.add(label);
      getChildren().addAll(line, label);
    }
    for (SleepDay d : nights) {
      Night n = d.night();
      if (n == null) {
        continue;
      }
      int index = (int) (d.day().toEpochDay() - from.toEpochDay());
      Region bed = new Region();
      bed.getStyleClass().add("night-bar-in-bed");
      bed.setUserData(n.inBedMinutes());
      Region slept = new Region();
      slept.getStyleClass().add("night-bar-asleep");
      slept.setUserData(n.asleepMinutes());
      Tooltip tip =
          new Tooltip(
              format.dayWithWeekday(d.day())
                  + "\nAsleep "
                  + format.duration(n.asleepMinutes())
                  + " of "
                  + format.duration(n.inBedMinutes())
                  + " in bed\n"
                  + format.source(n.source()));
      Tooltip.install(bed, tip);
      Tooltip.install(slept, tip);
      bed.setOnMouseClicked(e -> onSelect.accept(d.day()));
      slept.setOnMouseClicked(e -> onSelect.accept(d.day()));
      selectable.put(d.day(), bed);
      inBed.add(bed);
      asleep.add(slept);
      barDay.add(index);
      getChildren().addAll(bed, slept);
    }
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      if (day.getDayOfWeek() == DayOfWeek.MONDAY || day.equals(from)) {
        Label date = new Label(format.day(day));
        date.getStyleClass().add("night-bars-axis");
        date.setMinWidth(Region.USE_PREF_SIZE);
        dateLabels.add(date);
        dateDay.add((int) (day.toEpochDay() - from.toEpochDay()));
        getChildren().add(date);
      }
    }
    setMinHeight(160);
    setPrefHeight(220);
  }

  /** Marks the selected night's bar. */
  void mark(LocalDate day) {
    if (marked != null) {
      marked.getStyleClass().remove("selected");
    }
    marked = day == null ? null : selectable.get(day);
    if (marked != null) {
      marked.getStyleClass().add("selected");
    }
  }

  private double axisWidth() {
    double w = 0;
    for (Label l : hourLabels) {
      w = Math.max(w, l.prefWidth(-1));
    }
    return w;
  }

  @Override
  protected double computeMinWidth(double height) {
    return axisWidth() + GAP + dayCount * 4;
  }

  @Override
  protected double computePrefWidth(double height) {
    return axisWidth() + GAP + dayCount * 20;
  }

  @Override
  protected void layoutChildren() {
    double plotX = axisWidth() + GAP;
    double plotW = Math.max(1, getWidth() - plotX);
    double dateH = dateLabels.isEmpty() ? 0 : dateLabels.getFirst().prefHeight(-1) + 4;
    double top = hourLabels.getFirst().prefHeight(-1) / 2;
    double plotH = Math.max(1, getHeight() - dateH - top);
    double slot = plotW / dayCount;
    for (int i = 0; i < hourLines.size(); i++) {
      int h = (Integer) hourLines.get(i).getUserData();
      double y = top + plotH - h / maxHours * plotH;
      hourLines.get(i).resizeRelocate(plotX, y, plotW, 1);
      Label l = hourLabels.get(i);
      double lh = l.prefHeight(-1);
      l.resizeRelocate(0, y - lh / 2, axisWidth(), lh);
    }
    for (int i = 0; i < inBed.size(); i++) {
      double x = plotX + barDay.get(i) * slot + slot * 0.15;
      double w = Math.max(2, slot * 0.7);
      double bedH = (Double) inBed.get(i).getUserData() / 60 / maxHours * plotH;
      double sleptH = (Double) asleep.get(i).getUserData() / 60 / maxHours * plotH;
      inBed.get(i).resizeRelocate(x, top + plotH - bedH, w, bedH);
      asleep.get(i).resizeRelocate(x + w * 0.2, top + plotH - sleptH, w * 0.6, sleptH);
    }
    double lastRight = -1;
    for (int i = 0; i < dateLabels.size(); i++) {
      Label l = dateLabels.get(i);
      double w = l.prefWidth(-1);
      double x = Math.min(plotX + dateDay.get(i) * slot, getWidth() - w);
      // Dates that would overlap the one before are left out rather than drawn over it.
      l.setVisible(x > lastRight);
      if (x > lastRight) {
        lastRight = x + w + 6;
      }
      l.resizeRelocate(x, top + plotH + 4, w, l.prefHeight(-1));
    }
  }
}
