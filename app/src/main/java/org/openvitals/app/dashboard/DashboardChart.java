package org.openvitals.app.dashboard;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.format.DefaultTimeFormatter;
import io.fair_acc.chartfx.plugins.EditAxis;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.utils.DataSetStyleBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Times on the axis are the computer's local time (ChartFX would label in UTC), at the offset of
 * the newest shown point; a day's value sits at that day's local noon.
 */
final class DashboardChart extends StackPane {
  private final DefaultNumericAxis xAxis = new DefaultNumericAxis("Date");
  private final DefaultNumericAxis yAxis = new DefaultNumericAxis("Value");
  private final XYChart chart = new XYChart(xAxis, yAxis);
  private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
  private final DefaultTimeFormatter timeLabels = new DefaultTimeFormatter(xAxis);
  private final ZoneId zone;
  private static final double HALF_DAY = 12 * 3600;

  DashboardChart() {
    this(ZoneId.systemDefault());
  }

  DashboardChart(ZoneId zone) {
    this.zone = zone;
    setId("dashboard-chart");
    getStyleClass().add("dashboard-chart");
    xAxis.setTimeAxis(true);
    xAxis.setAxisLabelFormatter(timeLabels);
    xAxis.setAutoRangeRounding(false);
    yAxis.setAutoRangeRounding(true);
    yAxis.setAutoUnitScaling(false);
    renderer.setPointReduction(true);
    renderer.setAssumeSortedData(true);
    chart.getRenderers().setAll(renderer);
    chart.getPlugins().addAll(new Zoomer(), new EditAxis());
    chart.setLegendVisible(true);
    chart.setAnimated(false);
    setMinHeight(260);
    setPrefHeight(340);
    getChildren().add(chart);
  }

  /** Daily values, one data set per source that was primary on some day. */
  void showDays(MetricType metric, List<ResolvedDay> days, DisplayFormat format) {
    Map<SourceRef, List<ResolvedDay>> bySource = new LinkedHashMap<>();
    for (ResolvedDay d : days) {
      bySource.computeIfAbsent(d.primary(), k -> new ArrayList<>()).add(d);
    }
    boolean amounts = metric.aggregation() != AggregationKind.DISCRETE;
    renderer.setPolyLineStyle(LineStyle.NONE);
    renderer.setDrawBars(amounts);
    renderer.setDynamicBarWidth(true);
    renderer.setBarWidthPercentage(70);
    yAxis.setForceZeroInRange(amounts);
    renderer.setDrawMarker(!amounts);
    List<DoubleDataSet> sets = new ArrayList<>();
    double max = 0;
    LocalDate first = days.isEmpty() ? LocalDate.now() : days.getFirst().day();
    LocalDate last = days.isEmpty() ? first : days.getLast().day();
    ZoneOffset offset = zone.getRules().getOffset(last.atTime(12, 0));
    timeLabels.setTimeZoneOffset(offset);
    for (var e : bySource.entrySet()) {
      DoubleDataSet set = new DoubleDataSet(e.getKey().name(), e.getValue().size());
      double[] x = new double[e.getValue().size()];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        ResolvedDay d = e.getValue().get(i);
        x[i] = noon(d.day(), offset);
        y[i] = format.convert(metric, d.value());
        max = Math.max(max, y[i]);
      }
      set.set(x, y);
      set.setStyle(style(e.getKey(), format));
      sets.add(set);
    }
    yAxis.setName(MetricTile.name(metric));
    yAxis.setUnit(unit(metric, format));
    chart.getDatasets().setAll(sets);
    // Explicit ranges: the axes' own ranging keeps an earlier range when data sets are replaced,
    // and reaches below zero around bars. Amounts start at zero.
    range(xAxis, noon(first, offset) - HALF_DAY, noon(last, offset) + HALF_DAY);
    if (amounts) {
      range(yAxis, 0, max > 0 ? max * 1.05 : 1);
    } else {
      yAxis.setAutoRanging(true);
    }
  }

  /** Every reading, one data set per source, reduced to what the chart's pixels can show. */
  void showReadings(Readings readings, DisplayFormat format) {
    renderer.setPolyLineStyle(LineStyle.NORMAL);
    renderer.setDrawBars(false);
    renderer.setDrawMarker(false);
    yAxis.setForceZeroInRange(false);
    yAxis.setAutoRanging(true);
    double from = Double.POSITIVE_INFINITY;
    double to = Double.NEGATIVE_INFINITY;
    List<DoubleDataSet> sets = new ArrayList<>();
    MetricType metric = readings.metric();
    for (Readings.Series s : readings.series()) {
      double[] y = s.values();
      double[] shown = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        shown[i] = format.convert(metric, y[i]);
      }
      DoubleDataSet set = new DoubleDataSet(s.source().name(), 0);
      set.set(s.epochSeconds(), shown, false);
      if (shown.length > 0) {
        from = Math.min(from, s.epochSeconds()[0]);
        to = Math.max(to, s.epochSeconds()[shown.length - 1]);
      }
      set.setStyle(style(s.source(), format));
      sets.add(set);
    }
    yAxis.setName(MetricTile.name(metric));
    yAxis.setUnit(unit(metric, format));
    chart.getDatasets().setAll(sets);
    if (from < to) {
      timeLabels.setTimeZoneOffset(zone.getRules().getOffset(Instant.ofEpochSecond((long) to)));
      range(xAxis, from, to);
    }
  }

  private static void range(DefaultNumericAxis axis, double min, double max) {
    axis.setAutoRanging(false);
    axis.setMin(min);
    axis.setMax(max);
    axis.requestLayout();
  }

  /** Points on the chart now (tests and the benchmark check what is drawn). */
  int points() {
    return chart.getDatasets().stream().mapToInt(d -> d.getDataCount()).sum();
  }

  private static String unit(MetricType metric, DisplayFormat format) {
    return format.chartUnit(metric);
  }

  private static double noon(LocalDate day, ZoneOffset offset) {
    return day.atTime(12, 0).toEpochSecond(offset);
  }

  /** The label the time axis gives an instant (tests). */
  String timeLabel(Instant at) {
    return timeLabels.toString(at.getEpochSecond());
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
