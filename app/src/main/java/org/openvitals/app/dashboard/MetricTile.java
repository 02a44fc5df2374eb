package org.openvitals.app.dashboard;

import atlantafx.base.theme.Styles;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import org.openvitals.app.context.SourceColors;

/**
 * One metric's summary as a focusable tile: name, value in the user's units, the source it came
 * from (colour and name), the trend against the period before and a sparkline of its days.
 */
final class MetricTile extends VBox {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.US);

  MetricTile(MetricSummary s, MetricFormat format) {
    super(4);
    String id = s.metric().id();
    setId("tile-" + id);
    getStyleClass().add("metric-tile");
    setFocusTraversable(true);

    Label name = new Label(name(s.metric()));
    name.getStyleClass().addAll("metric-name", Styles.TEXT_MUTED);

    Label value = new Label(s.hasValue() ? format.number(s.metric(), s.value()) : "-");
    value.setId("value-" + id);
    value.getStyleClass().add("metric-value");
    Label unit = new Label(format.unit(s.metric()));
    unit.getStyleClass().addAll("metric-unit", Styles.TEXT_MUTED);
    HBox figure = new HBox(6, value, unit);
    figure.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);

    getChildren().addAll(name, figure, note(s), source(s), trend(s), sparkline(s.sparkline()));
    setAccessibleText(
        name(s.metric())
            + ": "
            + (s.hasValue() ? format.full(s.metric(), s.value()) : "no data")
            + (s.primary() == null ? "" : ", from " + s.primary().name())
            + ". Press Enter for the explanation.");
  }

  /** The catalog's name, shortened where the catalog is precise for importers' sake. */
  static String name(org.openvitals.core.model.MetricType metric) {
    return switch (metric) {
      case SLEEP_ASLEEP -> "Asleep";
      case DISTANCE -> "Distance";
      case HRV_SDNN -> "HRV (SDNN)";
      case HRV_RMSSD -> "HRV (RMSSD)";
      default -> metric.displayName();
    };
  }

  private static Label note(MetricSummary s) {
    String text;
    if (!s.hasValue()) {
      text = s.period() == Period.TODAY ? "No data this week" : "No data in this period";
    } else if (s.period() == Period.TODAY) {
      text = s.valueDay().format(DAY);
    } else {
      text = "Daily average, " + s.daysWithData() + " of " + s.period().days() + " days";
    }
    Label l = new Label(text);
    l.getStyleClass().addAll("metric-note", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    return l;
  }

  private static HBox source(MetricSummary s) {
    HBox row = new HBox(6);
    row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    if (s.primary() == null) {
      return row;
    }
    Circle dot = new Circle(5, SourceColors.of(s.primary()));
    Label label =
        new Label(
            s.primary().name()
                + (s.period() == Period.TODAY || s.primaryDays() == s.daysWithData()
                    ? ""
                    : " (" + s.primaryDays() + " of " + s.daysWithData() + " days)"));
    label.setId("source-" + s.metric().id());
    label.getStyleClass().addAll("metric-source", Styles.TEXT_SMALL);
    row.getChildren().addAll(dot, label);
    return row;
  }

  private static Label trend(MetricSummary s) {
    Label l = new Label();
    l.getStyleClass().addAll("metric-trend", Styles.TEXT_SMALL);
    if (s.trend() != null) {
      double pct = 100 * s.trend();
      String arrow = Math.abs(pct) < 0.5 ? "→" : pct > 0 ? "↑" : "↓";
      String against =
          s.period() == Period.TODAY ? "the week before" : "the " + s.period().label() + " before";
      l.setText(String.format(Locale.US, "%s %.0f%% vs %s", arrow, Math.abs(pct), against));
    }
    return l;
  }

  /** The period's days as a line, scaled to the tile; gaps where no data. */
  private static Pane sparkline(double[] values) {
    Pane pane = new Pane();
    pane.getStyleClass().add("sparkline");
    pane.setPrefHeight(28);
    pane.setMinHeight(28);
    pane.widthProperty().addListener((p, b, w) -> draw(pane, values));
    pane.heightProperty().addListener((p, b, h) -> draw(pane, values));
    return pane;
  }

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
