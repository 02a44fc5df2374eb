package org.openvitals.app.detail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.openvitals.app.format.DisplayFormat;

/**
 * The detail view's chart on a canvas: bars for amounts per hour or day, dots for readings,
 * systolic/diastolic as one line from the lower to the upper value, and the moving average as a
 * line. The pointer or the arrow keys (when focused) choose a mark; the view model says what it is.
 * Colours come from the theme (a muted label's colour), so light and dark both read.
 */
final class DetailChart extends Region {
  private final Canvas canvas = new Canvas();
  private final Label probe = new Label(); // carries the theme's muted text colour
  private final Label accent = new Label();
  private DetailData data;
  private DisplayFormat format;
  private ChartGeometry geometry;
  private int selected = -1;
  private IntConsumer onSelect = i -> {};

  DetailChart() {
    setId("detail-chart");
    getStyleClass().add("detail-chart");
    setFocusTraversable(true);
    setMinHeight(200);
    setPrefHeight(360);
    probe.getStyleClass().add("text-muted");
    probe.setManaged(false);
    probe.setVisible(false);
    accent.getStyleClass().add("accent");
    accent.setManaged(false);
    accent.setVisible(false);
    getChildren().addAll(canvas, probe, accent);
    setOnMouseMoved(e -> choose(geometry == null ? -1 : geometry.nearest(e.getX())));
    setOnMouseClicked(e -> requestFocus());
    setOnKeyPressed(e -> {
      int n = data == null ? 0 : data.points().size();
      if (n == 0) {
        return;
      }
      KeyCode k = e.getCode();
      int next =
          switch (k) {
            case LEFT -> Math.max(0, selected - 1);
            case RIGHT -> Math.min(n - 1, selected + 1);
            case HOME -> 0;
            case END -> n - 1;
            default -> -2;
          };
      if (next != -2) {
        choose(next);
        e.consume();
      }
    });
    setAccessibleText("Chart; use the left and right arrow keys to read each value");
  }

  void onSelect(IntConsumer action) {
    this.onSelect = action;
  }

  void show(DetailData data, DisplayFormat format) {
    this.data = data;
    this.format = format;
    requestLayout();
    paint();
  }

  /** Marks {@code index} (from the view model) without calling back. */
  void mark(int index) {
    selected = index;
    paint();
  }

  private void choose(int index) {
    if (index != selected && index >= 0) {
      selected = index;
      paint();
      onSelect.accept(index);
    }
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
    paint();
  }

  private void paint() {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    g.clearRect(0, 0, w, h);
    if (data == null || format == null || w < 120 || h < 80) {
      geometry = null;
      return;
    }
    geometry = ChartGeometry.of(data, format, w, h);
    Paint muted = probe.getTextFill() instanceof Color c ? c : Color.GRAY;
    Paint line = accent.getTextFill() instanceof Color c ? c : Color.STEELBLUE;
    g.setFont(Font.font(11));
    g.setLineWidth(1);
    // Value axis: round ticks with faint grid lines.
    g.setTextAlign(TextAlignment.RIGHT);
    for (int i = 0; i < geometry.ticks().length; i++) {
      double y = Math.round(geometry.tickY()[i]) + 0.5;
      g.setStroke(((Color) muted).deriveColor(0, 1, 1, 0.25));
      g.strokeLine(geometry.left(), y, geometry.right(), y);
      g.setFill(muted);
      g.fillText(
          format.decimal(geometry.ticks()[i], decimals(geometry.ticks())),
          geometry.left() - 6,
          y + 4);
    }
    // Time axis.
    g.setTextAlign(TextAlignment.CENTER);
    g.setFill(muted);
    List<TimeTick> shown = new ArrayList<>();
    for (TimeTick t : timeTicks(data, format)) {
      double x = geometry.x(t.at());
      if (x >= geometry.left() - 1 && x <= geometry.right() + 1) {
        shown.add(t);
        g.strokeLine(x, geometry.bottom(), x, geometry.bottom() + 4);
      }
    }
    Text measure = new Text();
    measure.setFont(g.getFont());
    double[] centres = new double[shown.size()];
    double[] widths = new double[shown.size()];
    for (int i = 0; i < shown.size(); i++) {
      centres[i] = geometry.x(shown.get(i).at());
      measure.setText(shown.get(i).label());
      widths[i] = measure.getLayoutBounds().getWidth();
    }
    boolean[] labelled = apart(centres, widths, 8);
    for (int i = 0; i < shown.size(); i++) {
      if (labelled[i]) {
        g.fillText(shown.get(i).label(), centres[i], geometry.bottom() + 16);
      }
    }
    double[] x0 = geometry.x0();
    double[] x1 = geometry.x1();
    double[] y = geometry.y();
    double[] yLow = geometry.yLow();
    double zero = geometry.bottom();
    int n = x0.length;
    boolean many = n > 2000;
    for (int i = 0; i < n; i++) {
      DetailPoint p = data.points().get(i);
      g.setFill(p.source() == null ? muted : format.colours().of(p.source()));
      g.setStroke(g.getFill());
      if (data.bars() && !p.paired()) {
        double width = Math.max(1, x1[i] - x0[i] - (x1[i] - x0[i] > 4 ? 2 : 0));
        g.fillRect(x0[i], Math.min(y[i], zero), width, Math.abs(zero - y[i]));
      } else if (p.paired()) {
        double cx = data.bars() ? (x0[i] + x1[i]) / 2 : x0[i];
        g.setLineWidth(2);
        g.strokeLine(cx, y[i], cx, yLow[i]);
        g.setLineWidth(1);
        g.fillOval(cx - 3, y[i] - 3, 6, 6);
        g.fillOval(cx - 3, yLow[i] - 3, 6, 6);
      } else if (many) {
        g.fillRect(x0[i] - 0.75, y[i] - 0.75, 1.5, 1.5);
      } else {
        g.fillOval(x0[i] - 2.5, y[i] - 2.5, 5, 5);
      }
    }
    if (geometry.average() != null && n > 1) {
      g.setStroke(line);
      g.setLineWidth(2);
      g.beginPath();
      for (int i = 0; i < n; i++) {
        double cx = (x0[i] + x1[i]) / 2;
        if (i == 0) {
          g.moveTo(cx, geometry.average()[i]);
        } else {
          g.lineTo(cx, geometry.average()[i]);
        }
      }
      g.stroke();
      g.setLineWidth(1);
    }
    if (selected >= 0 && selected < n) {
      double cx = (x0[selected] + x1[selected]) / 2;
      g.setStroke(muted);
      g.setLineDashes(3, 3);
      g.strokeLine(cx, geometry.top(), cx, geometry.bottom());
      g.setLineDashes();
      g.setStroke(line);
      g.setLineWidth(2);
      g.strokeOval(cx - 5, y[selected] - 5, 10, 10);
      g.setLineWidth(1);
    }
  }

  /**
   * Which labels, centred on {@code centres} and {@code widths} wide, to draw so that none runs
   * into the one before ({@code gap} apart at least): in a narrow chart every second or third hour
   * keeps its label, the others their tick only.
   */
  static boolean[] apart(double[] centres, double[] widths, double gap) {
    boolean[] drawn = new boolean[centres.length];
    double end = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < centres.length; i++) {
      if (centres[i] - widths[i] / 2 >= end + gap) {
        drawn[i] = true;
        end = centres[i] + widths[i] / 2;
      }
    }
    return drawn;
  }

  /** Enough decimals that neighbouring ticks differ ("0.5", "1", "1.5"). */
  private static int decimals(double[] ticks) {
    double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    return step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  }

  record TimeTick(Instant at, String label) {}

  /** Hours in a day, weekdays in a week, days in a month, months in a year, years for All. */
  static List<TimeTick> timeTicks(DetailData d, DisplayFormat f) {
    ZoneId zone = f.zone();
    List<TimeTick> out = new ArrayList<>();
    switch (d.span()) {
      case DAY -> {
        for (int hour = 0; hour < 24; hour += 3) {
          Instant at = d.start().plus(hour, ChronoUnit.HOURS);
          out.add(new TimeTick(at, f.time(at)));
        }
      }
      case WEEK -> {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d", f.locale());
        for (LocalDate x = d.from(); !x.isAfter(d.to()); x = x.plusDays(1)) {
          out.add(new TimeTick(x.atStartOfDay(zone).plusHours(12).toInstant(), day.format(x)));
        }
      }
      case MONTH -> {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("MMM d", f.locale());
        for (LocalDate x = d.from(); !x.isAfter(d.to()); x = x.plusDays(5)) {
          out.add(new TimeTick(x.atStartOfDay(zone).plusHours(12).toInstant(), day.format(x)));
        }
      }
      case YEAR -> {
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM", f.locale());
        for (LocalDate x = d.from().withDayOfMonth(1); !x.isAfter(d.to()); x = x.plusMonths(1)) {
          out.add(new TimeTick(x.plusDays(15).atStartOfDay(zone).toInstant(), month.format(x)));
        }
      }
      case ALL -> {
        long years = ChronoUnit.YEARS.between(d.from(), d.to());
        if (years < 2) {
          DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM yyyy", f.locale());
          int every = years < 1 ? 1 : 3;
          for (LocalDate x = d.from().withDayOfMonth(1).plusMonths(1);
              !x.isAfter(d.to());
              x = x.plusMonths(every)) {
            out.add(new TimeTick(x.atStartOfDay(zone).toInstant(), month.format(x)));
          }
        } else {
          int every = years > 12 ? 2 : 1;
          for (LocalDate x = d.from().withDayOfYear(1).plusYears(1);
              !x.isAfter(d.to());
              x = x.plusYears(every)) {
            out.add(new TimeTick(x.atStartOfDay(zone).toInstant(), String.valueOf(x.getYear())));
          }
        }
      }
    }
    return out;
  }
}
