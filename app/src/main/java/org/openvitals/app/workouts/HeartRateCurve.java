package org.openvitals.app.workouts;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

/**
 * A workout's heart rate over time: one line through the readings, the lowest and highest value at
 * the left, the start and end times below.
 */
final class HeartRateCurve extends Region {
  private static final double GAP = 8;

  private final List<Sample> readings;
  private final long from;
  private final long to;
  private final double low;
  private final double high;
  private final Polyline line = new Polyline();
  private final Label top;
  private final Label bottom;
  private final Label start;
  private final Label end;

  HeartRateCurve(List<Sample> readings, Sample workout, DisplayFormat format) {
    this.readings = List.copyOf(readings);
    this.from = workout.start().toInstant().toEpochMilli();
    this.to = Math.max(from + 1, workout.end().toInstant().toEpochMilli());
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Sample s : readings) {
      min = Math.min(min, s.value());
      max = Math.max(max, s.value());
    }
    // A little room above and below so the line never sits on the edge.
    this.low = Math.floor((min - 5) / 10) * 10;
    this.high = Math.ceil((max + 5) / 10) * 10;
    getStyleClass().add("heart-rate-curve");
    line.getStyleClass().add("heart-rate-line");
    top = axis(format.full(MetricType.HEART_RATE, high));
    bottom = axis(format.full(MetricType.HEART_RATE, low));
    start = axis(format.time(workout.start().toInstant()));
    end = axis(format.time(workout.end().toInstant()));
    getChildren().addAll(line, top, bottom, start, end);
    setMinHeight(120);
    setPrefHeight(200);
  }

  private static Label axis(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("curve-axis");
    l.setMinWidth(Region.USE_PREF_SIZE);
    return l;
  }

  /** The points drawn, x and y in turn. */
  List<Double> points() {
    return List.copyOf(line.getPoints());
  }

  private double axisWidth() {
    return Math.max(top.prefWidth(-1), bottom.prefWidth(-1));
  }

  @Override
  protected double computeMinWidth(double height) {
    return axisWidth() + GAP + 160;
  }

  @Override
  protected double computePrefWidth(double height) {
    return axisWidth() + GAP + 500;
  }

  @Override
  protected void layoutChildren() {
    double plotX = axisWidth() + GAP;
    double plotW = Math.max(1, getWidth() - plotX);
    double timeH = start.prefHeight(-1) + 4;
    double plotH = Math.max(1, getHeight() - timeH);
    Double[] points = new Double[readings.size() * 2];
    for (int i = 0; i < readings.size(); i++) {
      Sample s = readings.get(i);
      points[2 * i] =
          plotX + (s.start().toInstant().toEpochMilli() - from) / (double) (to - from) * plotW;
      points[2 * i + 1] = plotH - (s.value() - low) / (high - low) * plotH;
    }
    line.getPoints().setAll(points);
    top.resizeRelocate(0, 0, axisWidth(), top.prefHeight(-1));
    bottom.resizeRelocate(0, plotH - bottom.prefHeight(-1), axisWidth(), bottom.prefHeight(-1));
    start.resizeRelocate(plotX, plotH + 4, start.prefWidth(-1), start.prefHeight(-1));
    end.resizeRelocate(
        getWidth() - end.prefWidth(-1), plotH + 4, end.prefWidth(-1), end.prefHeight(-1));
  }
}
