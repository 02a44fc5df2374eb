package org.openvitals.app.dashboard;

import io.fair_acc.chartfx.axes.spi.AxisRange;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.spi.fastutil.DoubleArrayList;
import org.openvitals.app.format.DisplayFormat;

/**
 * A value axis with round ticks (1, 2 or 5 times a power of ten) labelled as every screen writes
 * numbers: grouped in the person's locale, never in scientific notation ("17,500", not "1.75E4").
 */
final class ValueAxis extends DefaultNumericAxis {
  private DisplayFormat format;
  private double tick = 1;

  ValueAxis(DisplayFormat format) {
    this.format = format;
    setAutoUnitScaling(false);
    setAutoRangeRounding(false);
  }

  void setFormat(DisplayFormat format) {
    this.format = format;
  }

  /** A round step that cuts {@code span} into about {@code parts} (1, 2, 2.5 or 5 × 10ⁿ). */
  static double niceStep(double span, int parts) {
    if (!(span > 0)) {
      return 1;
    }
    double raw = span / parts;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / power;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nice * power;
  }

  /**
   * Shows {@code low} to {@code high}: amounts from zero, readings with a margin; both ends rounded
   * out to whole ticks so the top tick is labelled.
   */
  void showRange(double low, double high, boolean fromZero) {
    if (!(high >= low) || !Double.isFinite(low) || !Double.isFinite(high)) {
      low = 0;
      high = 1;
    }
    if (fromZero) {
      low = Math.min(0, low);
    } else {
      double margin = Math.max((high - low) * 0.1, Math.max(Math.abs(high) * 0.02, 0.5));
      low -= margin;
      high += margin;
    }
    if (high <= low) {
      high = low + 1;
    }
    tick = niceStep(high - low, 5);
    setAutoRanging(false);
    setMin(Math.floor(low / tick) * tick);
    setMax(Math.ceil(high / tick) * tick);
    requestLayout();
  }

  @Override
  protected void calculateMajorTickValues(AxisRange range, DoubleArrayList ticks) {
    ticks.clear();
    double min = range.getMin();
    double max = range.getMax();
    if (!(max > min)) {
      return;
    }
    double step = niceStep(max - min, 5);
    tick = step;
    for (double v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
      ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
  }

  @Override
  protected void calculateMinorTickValues(DoubleArrayList ticks) {
    ticks.clear();
  }

  @Override
  public String getTickMarkLabel(double value) {
    int decimals = tick >= 1 ? 0 : (int) Math.min(3, Math.ceil(-Math.log10(tick) - 1e-9));
    if (tick < 1
        && Math.abs(tick * Math.pow(10, decimals) - Math.round(tick * Math.pow(10, decimals)))
            > 1e-9) {
      decimals++;
    }
    return format.decimal(value, decimals);
  }
}
