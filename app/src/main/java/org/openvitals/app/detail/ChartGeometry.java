package org.openvitals.app.detail;

import java.time.Instant;
import java.util.List;
import org.openvitals.app.format.DisplayFormat;

/**
 * Where each mark of the detail chart goes, in pixels, for one size: pure arithmetic, so the canvas
 * only paints and a benchmark can time the whole path to a drawn chart without a screen.
 *
 * @param left x where the plot starts (after the value labels)
 * @param x0 each mark's left edge; {@code x1} its right edge (equal for a reading)
 * @param y each mark's value; {@code yLow} its diastolic value or NaN
 * @param average the moving average's y per mark, or null
 * @param ticks round values on the value axis and {@code tickY} their y
 */
public record ChartGeometry(
    double left,
    double top,
    double right,
    double bottom,
    double[] x0,
    double[] x1,
    double[] y,
    double[] yLow,
    double[] average,
    double[] ticks,
    double[] tickY,
    long fromMs,
    long toMs) {

  static final double LEFT = 64;
  static final double TOP = 10;
  static final double RIGHT = 14;
  static final double BOTTOM = 26;

  public static ChartGeometry of(DetailData d, DisplayFormat format, double width, double height) {
    List<DetailPoint> points = d.points();
    int n = points.size();
    long from = d.start().toEpochMilli();
    long to = d.end().toEpochMilli();
    if (d.span() == Span.ALL && n > 0) {
      from = Math.min(from, points.getFirst().from().toEpochMilli());
      to = Math.max(to, points.getLast().to().toEpochMilli());
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    double[] v = new double[n];
    double[] vLow = new double[n];
    for (int i = 0; i < n; i++) {
      DetailPoint p = points.get(i);
      v[i] = format.convert(d.metric(), p.value());
      vLow[i] = p.paired() ? format.convert(d.metric(), p.low()) : Double.NaN;
      high = Math.max(high, v[i]);
      low = Math.min(low, p.paired() ? vLow[i] : v[i]);
    }
    if (n == 0) {
      low = 0;
      high = 1;
    }
    if (d.bars()) {
      low = Math.min(0, low);
    } else {
      double margin = Math.max((high - low) * 0.1, Math.max(Math.abs(high) * 0.02, 0.5));
      low -= margin;
      high += margin;
    }
    double step = niceStep(high - low, 5);
    low = Math.floor(low / step) * step;
    high = Math.max(Math.ceil(high / step) * step, low + step);
    int tickCount = (int) Math.round((high - low) / step) + 1;
    double plotTop = TOP;
    double plotBottom = height - BOTTOM;
    double plotLeft = LEFT;
    double plotRight = width - RIGHT;
    double[] ticks = new double[tickCount];
    double[] tickY = new double[tickCount];
    for (int i = 0; i < tickCount; i++) {
      ticks[i] = low + i * step;
      tickY[i] = scale(ticks[i], low, high, plotBottom, plotTop);
    }
    double[] x0 = new double[n];
    double[] x1 = new double[n];
    double[] y = new double[n];
    double[] yLow = new double[n];
    for (int i = 0; i < n; i++) {
      DetailPoint p = points.get(i);
      x0[i] = scale(p.from().toEpochMilli(), from, to, plotLeft, plotRight);
      x1[i] = d.bars() ? scale(p.to().toEpochMilli(), from, to, plotLeft, plotRight) : x0[i];
      y[i] = scale(v[i], low, high, plotBottom, plotTop);
      yLow[i] = Double.isNaN(vLow[i]) ? Double.NaN : scale(vLow[i], low, high, plotBottom, plotTop);
    }
    double[] average = null;
    if (d.movingAverage() != null) {
      average = new double[n];
      for (int i = 0; i < n; i++) {
        average[i] =
            scale(format.convert(d.metric(), d.movingAverage()[i]), low, high, plotBottom, plotTop);
      }
    }
    return new ChartGeometry(
        plotLeft, plotTop, plotRight, plotBottom, x0, x1, y, yLow, average, ticks, tickY, from, to);
  }

  /** The x of an instant. */
  double x(Instant at) {
    return scale(at.toEpochMilli(), fromMs, toMs, left, right);
  }

  /** The mark nearest to pixel {@code px} across, -1 when there is none. */
  int nearest(double px) {
    int n = x0.length;
    if (n == 0) {
      return -1;
    }
    // Marks are in time order: binary search on their centres.
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((x0[mid] + x1[mid]) / 2 < px) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo > 0 && Math.abs(centre(lo - 1) - px) <= Math.abs(centre(lo) - px)) {
      return lo - 1;
    }
    return lo;
  }

  private double centre(int i) {
    return (x0[i] + x1[i]) / 2;
  }

  /** A round step that cuts {@code span} into about {@code parts} (1, 2, 2.5 or 5 × 10ⁿ). */
  static double niceStep(double span, int parts) {
    double raw = span > 0 ? span / parts : 1;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / power;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
  }

  private static double scale(double v, double from, double to, double pxFrom, double pxTo) {
    return to == from ? pxFrom : pxFrom + (v - from) / (to - from) * (pxTo - pxFrom);
  }
}
