package org.openvitals.app.dashboard;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.plugins.EditAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ResolvedDay;

/**
 * The time-series chart (ChartFX): a metric's resolved daily values coloured by the source each day
 * came from, or every stored reading per source. Readings are drawn through ChartFX's point
 * reduction, so a year of minute-level heart rate (half a million points and more) zooms and pans
 * without stalling: drag to zoom, right-click or Escape to zoom out, middle-drag to pan.
 *
 * <p>The time axis ({@link TimeAxis}) ticks on days, weeks, months or years in the person's zone
 * and locale; a day's value sits at that day's local noon, a bar a day wide. The value axis ({@link
 * ValueAxis}) has round ticks written as every screen writes numbers. With nothing to draw, a
 * sentence says so instead of an empty plot.
 */
final class DashboardChart extends StackPane {
  private static final double DAY = 24 * 3600;

  private final TimeAxis xAxis;
  private final ValueAxis yAxis;
  private final XYChart chart;
  private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
  private final Label message = new Label();
  private final ZoneId zone;

  DashboardChart(DisplayFormat format) {
    this.zone = format.zone();
    this.xAxis = new TimeAxis(zone, format.locale());
    this.yAxis = new ValueAxis(format);
    this.chart = new XYChart(xAxis, yAxis);
    setId("dashboard-chart");
    getStyleClass().add("dashboard-chart");
    renderer.setPointReduction(true);
    renderer.setAssumeSortedData(true);
    chart.getRenderers().setAll(renderer);
    chart.getPlugins().addAll(new Zoomer(), new EditAxis());
    chart.setLegendVisible(true);
    chart.setAnimated(false);
    message.setId("chart-message");
    message.getStyleClass().add("chart-message");
    message.setVisible(false);
    setMinHeight(260);
    setPrefHeight(340);
    getChildren().addAll(chart, message);
  }

  /**
   * Daily values over {@code span}, one data set per source that was primary on some day; a
   * sentence instead when no day of the span has a value.
   */
  void showDays(MetricType metric, List<ResolvedDay> days, DayRange span, DisplayFormat format) {
    yAxis.setFormat(format);
    Map<SourceRef, List<ResolvedDay>> bySource = new LinkedHashMap<>();
    for (ResolvedDay d : days) {
      bySource.computeIfAbsent(d.primary(), k -> new ArrayList<>()).add(d);
    }
    boolean amounts = metric.aggregation() != AggregationKind.DISCRETE;
    renderer.setPolyLineStyle(amounts ? LineStyle.NONE : LineStyle.NORMAL);
    renderer.setDrawBars(amounts);
    renderer.setDynamicBarWidth(true);
    renderer.setBarWidthPercentage(70);
    renderer.setShiftBar(false);
    renderer.setDrawMarker(!amounts);
    List<DoubleDataSet> sets = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (var e : bySource.entrySet()) {
      DoubleDataSet set = new DoubleDataSet(format.source(e.getKey()), e.getValue().size());
      double[] x = new double[e.getValue().size()];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        ResolvedDay d = e.getValue().get(i);
        x[i] = noon(d.day());
        y[i] = format.convert(metric, d.value());
        min = Math.min(min, y[i]);
        max = Math.max(max, y[i]);
      }
      set.set(x, y);
      set.setStyle(style(e.getKey(), format));
      sets.add(set);
    }
    label(metric, format);
    chart.getDatasets().setAll(sets);
    // Explicit ranges: the axes' own ranging keeps an earlier range when data sets are replaced,
    // and reaches below zero around bars. The whole span shows, gaps included.
    range(noon(span.from()) - DAY / 2, noon(span.to()) + DAY / 2);
    yAxis.showRange(sets.isEmpty() ? 0 : min, sets.isEmpty() ? 1 : max, amounts);
    say(
        sets.isEmpty()
            ? "No "
                + MetricTile.name(metric).toLowerCase(format.locale())
                + " from "
                + format.days(span.from(), span.to())
                + "."
            : null);
  }

  /** Every reading, one data set per source, reduced to what the chart's pixels can show. */
  void showReadings(Readings readings, DisplayFormat format) {
    yAxis.setFormat(format);
    renderer.setPolyLineStyle(LineStyle.NORMAL);
    renderer.setDrawBars(false);
    renderer.setDrawMarker(false);
    double from = Double.POSITIVE_INFINITY;
    double to = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    List<DoubleDataSet> sets = new ArrayList<>();
    MetricType metric = readings.metric();
    for (Readings.Series s : readings.series()) {
      double[] y = s.values();
      double[] shown = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        shown[i] = format.convert(metric, y[i]);
        min = Math.min(min, shown[i]);
        max = Math.max(max, shown[i]);
      }
      DoubleDataSet set = new DoubleDataSet(format.source(s.source()), 0);
      set.set(s.epochSeconds(), shown, false);
      if (shown.length > 0) {
        from = Math.min(from, s.epochSeconds()[0]);
        to = Math.max(to, s.epochSeconds()[shown.length - 1]);
      }
      set.setStyle(style(s.source(), format));
      sets.add(set);
    }
    label(metric, format);
    chart.getDatasets().setAll(sets);
    if (from < to) {
      range(from, to);
      yAxis.showRange(min, max, false);
    }
    say(readings.count() == 0 ? "No readings in these days." : null);
  }

  private void label(MetricType metric, DisplayFormat format) {
    String unit = format.chartUnit(metric);
    String name = MetricTile.name(metric);
    yAxis.setName(unit.isEmpty() || unit.equalsIgnoreCase(name) ? name : name + " (" + unit + ")");
    yAxis.setUnit(null);
  }

  private void say(String text) {
    message.setText(text == null ? "" : text);
    message.setVisible(text != null);
    chart.setOpacity(text == null ? 1 : 0.35);
  }

  private void range(double min, double max) {
    xAxis.setAutoRanging(false);
    xAxis.setMin(min);
    xAxis.setMax(max);
    xAxis.requestLayout();
  }

  /** Points on the chart now (tests and the benchmark check what is drawn). */
  int points() {
    return chart.getDatasets().stream().mapToInt(d -> d.getDataCount()).sum();
  }

  /** The sentence shown instead of the plot, or null (tests). */
  String message() {
    return message.isVisible() ? message.getText() : null;
  }

  private double noon(LocalDate day) {
    return day.atTime(12, 0).atZone(zone).toEpochSecond();
  }

  /** The label the time axis gives an instant with its current step (tests). */
  String timeLabel(Instant at) {
    return xAxis.label(at);
  }

  /** The time axis and the value axis (tests). */
  TimeAxis timeAxis() {
    return xAxis;
  }

  ValueAxis valueAxis() {
    return yAxis;
  }

  private static String style(SourceRef source, DisplayFormat format) {
    String color = format.colours().css(source);
    return DataSetStyleBuilder.instance()
        .setStroke(color)
        .setFill(color)
        .setMarkerColor(color)
        .setLineColor(color)
        .build();
  }
}
