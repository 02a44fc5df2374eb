package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.dataset.DataSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.testing.Fx;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ResolvedDay;

/** The chart's time axis speaks the user's local time, not UTC. */
class DashboardChartTest {
  private static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  private static final DisplayFormat FORMAT = new DisplayFormat(UnitSystem.METRIC);

  @BeforeAll
  static void toolkit() {
    Fx.start();
  }

  @Test
  void readingsAreLabelledInLocalTime() {
    Instant morning = Instant.parse("2024-07-01T15:30:00Z"); // 08:30 in Los Angeles (PDT)
    String label =
        Fx.call(() -> {
          DashboardChart chart = new DashboardChart(ZoneId.of("America/Los_Angeles"));
          double[] times = {morning.getEpochSecond() - 3600, morning.getEpochSecond()};
          chart.showReadings(
              new Readings(
                  MetricType.HEART_RATE,
                  List.of(new Readings.Series(WATCH, times, new double[] {60, 62}))),
              FORMAT);
          return chart.timeLabel(morning);
        });

    assertThat(label).contains("08:30").doesNotContain("15:30");
    Fx.assertNothingThrown();
  }

  @Test
  void eachDaySitsAtItsLocalNoonFarEastOfUtc() {
    // At +13:00, noon UTC is already 01:00 of the next day.
    LocalDate day = LocalDate.parse("2024-01-10");
    ZoneId auckland = ZoneId.of("Pacific/Auckland");
    record Drawn(double x, String label, double min, double max) {}
    Drawn drawn =
        Fx.call(() -> {
          DashboardChart chart = new DashboardChart(auckland);
          chart.showDays(
              MetricType.STEPS,
              List.of(
                  new ResolvedDay(
                      MetricType.STEPS,
                      day,
                      9000,
                      null,
                      null,
                      null,
                      null,
                      1,
                      WATCH,
                      Map.of(WATCH, 9000.0))),
              FORMAT);
          XYChart xy = (XYChart) chart.getChildren().getFirst();
          double x = xy.getDatasets().getFirst().get(DataSet.DIM_X, 0);
          Axis axis = xy.getXAxis();
          return new Drawn(
              x, chart.timeLabel(Instant.ofEpochSecond((long) x)), axis.getMin(), axis.getMax());
        });

    long localNoon = day.atTime(12, 0).atZone(auckland).toEpochSecond();
    assertThat(drawn.x()).as("the point's time").isEqualTo(localNoon);
    assertThat(drawn.label()).contains("12:00");
    assertThat(drawn.min()).isEqualTo(localNoon - 12 * 3600);
    assertThat(drawn.max()).isEqualTo(localNoon + 12 * 3600);
    Fx.assertNothingThrown();
  }
}
