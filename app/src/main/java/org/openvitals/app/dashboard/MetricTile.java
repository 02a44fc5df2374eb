package org.openvitals.app.dashboard;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import org.openvitals.app.common.HoverTooltip;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;

/**
 * One metric's summary as a focusable tile: name, value in the user's units, the source it came
 * from (colour and name), the trend against the period before and a sparkline of its days.
 */
final class MetricTile extends VBox {
  private final Label value = new Label();
  private final Label unit = new Label();
  private final Label note = new Label();
  private final Circle dot = new Circle(5);
  private final Label source = new Label();
  private final HBox sourceRow = new HBox(6, dot, source);
  private final Label trend = new Label();
  private final Pane sparkline = new Pane();
  private double[] sparkValues = new double[0];
  private MetricSummary summary;

  MetricTile(MetricType metric) {
    super(4);
    String id = metric.id();
    setId("tile-" + id);
    getStyleClass().add("metric-tile");
    setFocusTraversable(true);

    Label name = new Label(tileName(metric));
    name.getStyleClass().addAll("metric-name", Styles.TEXT_MUTED);
    // Long names and notes wrap in a narrow tile rather than being cut.
    for (Label l : new Label[] {name, note, source, trend}) {
      l.setWrapText(true);
      l.setMinHeight(Region.USE_PREF_SIZE);
    }
    value.setId("value-" + id);
    value.getStyleClass().add("metric-value");
    value.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a value is never cut short
    unit.getStyleClass().addAll("metric-unit", Styles.TEXT_MUTED);
    HBox figure = new HBox(6, value, unit);
    figure.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
    note.getStyleClass().addAll("metric-note", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    source.setId("source-" + id);
    source.getStyleClass().addAll("metric-source", Styles.TEXT_SMALL);
    HoverTooltip.install(source, source.textProperty());
    sourceRow.setAlignment(javafx.geometry.Pos.TOP_LEFT);
    dot.setTranslateY(4);
    trend.getStyleClass().addAll("metric-trend", Styles.TEXT_SMALL);
    sparkline.getStyleClass().add("sparkline");
    sparkline.setPrefHeight(28);
    sparkline.setMinHeight(28);
    sparkline.widthProperty().addListener((p, b, w) -> draw(sparkline, sparkValues));
    sparkline.heightProperty().addListener((p, b, h) -> draw(sparkline, sparkValues));
    getChildren().addAll(name, figure, note, sourceRow, trend, sparkline);
  }

  /** The summary shown (what a click explains). */
  MetricSummary summary() {
    return summary;
  }

  /** Shows {@code s}; tiles are updated in place, so switching period rebuilds nothing. */
  void show(MetricSummary s, DisplayFormat format) {
    show(s, null, format);
  }

  /**
   * Shows {@code s}; for blood pressure, {@code diastolic} (may be null) joins the systolic value
   * as people write it ("120/80 mmHg").
   */
  void show(MetricSummary s, MetricSummary diastolic, DisplayFormat format) {
    summary = s;
    String figure;
    String spoken;
    if (s.metric() == MetricType.WORKOUT) {
      figure = s.hasValue() ? format.decimal(s.events(), 0) : "-";
      unit.setText(s.hasValue() ? (s.events() == 1 ? "workout" : "workouts") : "");
      spoken =
          s.hasValue()
              ? format.count(s.events(), s.events() == 1 ? "workout" : "workouts")
              : "no data";
    } else if (s.metric() == MetricType.BLOOD_PRESSURE_SYSTOLIC) {
      boolean both = s.hasValue() && diastolic != null && diastolic.hasValue();
      figure =
          !s.hasValue()
              ? "-"
              : format.number(s.metric(), s.value())
                  + "/"
                  + (both ? format.number(diastolic.metric(), diastolic.value()) : "-");
      unit.setText(s.hasValue() ? format.unit(s.metric(), s.value()) : "");
      spoken = s.hasValue() ? figure + " " + unit.getText() : "no data";
    } else {
      figure = s.hasValue() ? format.number(s.metric(), s.value()) : "-";
      unit.setText(s.hasValue() ? format.unit(s.metric(), s.value()) : "");
      spoken = s.hasValue() ? format.full(s.metric(), s.value()) : "no data";
    }
    value.setText(figure);
    note.setText(note(s, format));
    sourceRow.setVisible(s.primary() != null);
    if (s.primary() != null) {
      dot.setFill(format.colours().of(s.primary()));
      source.setText(
          format.source(s.primary())
              + (s.period() == Period.TODAY || s.primaryDays() == s.daysWithData()
                  ? ""
                  : " (" + s.primaryDays() + " of " + s.daysWithData() + " days)"));
    }
    trend.setText(s.metric() == MetricType.WORKOUT ? "" : trend(s));
    sparkValues = s.sparkline();
    draw(sparkline, sparkValues);
    setAccessibleText(
        tileName(s.metric())
            + ": "
            + spoken
            + (s.primary() == null ? "" : ", from " + format.source(s.primary()))
            + ". Press Enter for the explanation.");
  }

  /** A tile's title: blood pressure is one tile, workouts are counted. */
  static String tileName(MetricType metric) {
    return switch (metric) {
      case BLOOD_PRESSURE_SYSTOLIC -> "Blood pressure";
      case WORKOUT -> "Workouts";
      default -> name(metric);
    };
  }

  /** The catalog's name, shortened where the catalog is precise for importers' sake. */
  static String name(MetricType metric) {
    return switch (metric) {
      case SLEEP_ASLEEP -> "Asleep";
      case DISTANCE -> "Distance";
      case HRV_SDNN -> "HRV (SDNN)";
      case HRV_RMSSD -> "HRV (RMSSD)";
      default -> metric.displayName();
    };
  }

  private static String note(MetricSummary s, DisplayFormat format) {
    if (!s.hasValue()) {
      return s.period() == Period.TODAY ? "No data this week" : "No data in this period";
    }
    if (s.metric() == MetricType.WORKOUT) {
      return format.duration(s.total())
          + " in total, last "
          + (s.period() == Period.TODAY
              ? format.dayWithWeekday(s.valueDay())
              : format.day(s.valueDay()));
    }
    return s.period() == Period.TODAY
        ? format.dayWithWeekday(s.valueDay())
        : "Daily average, "
            + format.decimal(s.daysWithData(), 0)
            + " of "
            + format.count(s.range().days(), "days");
  }

  private static String trend(MetricSummary s) {
    if (s.trend() == null) {
      return "";
    }
    double pct = 100 * s.trend();
    String arrow = Math.abs(pct) < 0.5 ? "→" : pct > 0 ? "↑" : "↓";
    String against =
        s.period() == Period.TODAY
            ? "the week before"
            : s.period().fixed() ? "the " + s.period().label() + " before" : "the days before";
    return String.format(Locale.US, "%s %.0f%% vs %s", arrow, Math.abs(pct), against);
  }

  /** The period's days as a line, scaled to the tile; gaps where no data. */
  private static void draw(Pane pane, double[] values) {
    pane.getChildren().clear();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min == Double.POSITIVE_INFINITY || values.length < 2) {
      return;
    }
    double w = pane.getWidth();
    double h = pane.getHeight() - 2;
    double span = max > min ? max - min : 1;
    Polyline line = null;
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        line = null;
        continue;
      }
      if (line == null) {
        line = new Polyline();
        line.getStyleClass().add("sparkline-line");
        pane.getChildren().add(line);
      }
      double x = w * i / (values.length - 1);
      double y = 1 + h - h * (values[i] - min) / span;
      line.getPoints().addAll(x, y);
    }
  }
}
