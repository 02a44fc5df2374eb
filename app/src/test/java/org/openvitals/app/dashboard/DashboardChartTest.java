package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.TickMark;
import io.fair_acc.dataset.DataSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.testing.Fx;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ResolvedDay;

/**
 * The chart people can read: dates on the time axis in the person's zone and locale, stepping by
 * days, weeks, months or years as fits; values grouped, never in scientific notation; amounts from
 * zero; a sentence instead of an empty plot.
 */
class DashboardChartTest {
  private static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
  private static final DisplayFormat US =
      new DisplayFormat(UnitSystem.METRIC, SourceColors.none(), Locale.US, LA);

  @BeforeAll
  static void toolkit() {
    Fx.start();
  }

  private static ResolvedDay day(MetricType metric, LocalDate day, double value) {
    return new ResolvedDay(
        metric, day, value, null, null, null, null, 1, WATCH, Map.of(WATCH, value));
  }

  private static List<ResolvedDay> steps(LocalDate from, int days, double value) {
    List<ResolvedDay> out = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      out.add(day(MetricType.STEPS, from.plusDays(i), value + i));
    }
    return out;
  }

  /** What a chart of {@code days} over {@code span}, laid out 1000 px wide, labels its axes. */
  private record Drawn(
      List<String> times, List<String> values, TimeAxis.Step step, String message, double x0) {}

  private static Drawn draw(
      MetricType metric, List<ResolvedDay> days, DayRange span, DisplayFormat format) {
    return Fx.call(() -> {
      DashboardChart chart = new DashboardChart(format);
      Stage stage = new Stage();
      stage.setScene(new Scene(chart, 1000, 400));
      stage.show();
      chart.showDays(metric, days, span, format);
      chart.applyCss();
      chart.layout();
      XYChart xy = (XYChart) chart.getChildren().getFirst();
      xy.layoutChildren();
      double x0 = days.isEmpty() ? Double.NaN : xy.getDatasets().getFirst().get(DataSet.DIM_X, 0);
      Drawn drawn =
          new Drawn(
              chart.timeAxis().getTickMarks().stream().map(TickMark::getText).toList(),
              chart.valueAxis().getTickMarks().stream().map(TickMark::getText).toList(),
              chart.timeAxis().step(),
              chart.message(),
              x0);
      stage.close();
      return drawn;
    });
  }

  @Test
  void aWeekOfDailyBarsHasADateUnderEachDay() {
    LocalDate first = LocalDate.of(2024, 7, 1);
    Drawn drawn =
        draw(MetricType.STEPS, steps(first, 7, 17_500), DayRange.ending(first.plusDays(6), 7), US);

    assertThat(drawn.step()).isEqualTo(TimeAxis.Step.DAY);
    assertThat(drawn.times())
        .containsExactly("Jul 1", "Jul 2", "Jul 3", "Jul 4", "Jul 5", "Jul 6", "Jul 7");
    // Each bar sits at its local noon (Los Angeles), under its date.
    assertThat(drawn.x0()).isEqualTo(first.atTime(12, 0).atZone(LA).toEpochSecond());
    Fx.assertNothingThrown();
  }

  @Test
  void valuesAreGroupedFromZeroNeverScientific() {
    LocalDate first = LocalDate.of(2024, 7, 1);
    Drawn drawn =
        draw(MetricType.STEPS, steps(first, 7, 17_500), DayRange.ending(first.plusDays(6), 7), US);

    assertThat(drawn.values()).first().isEqualTo("0");
    assertThat(drawn.values()).contains("5,000", "10,000", "15,000", "20,000");
    assertThat(String.join(" ", drawn.values())).doesNotContain("E");
    Fx.assertNothingThrown();
  }

  @Test
  void longerSpansStepByWeeksMonthsOrYearsInTheLocale() {
    LocalDate first = LocalDate.of(2023, 1, 1);
    Drawn quarter =
        draw(MetricType.STEPS, steps(first, 90, 8000), DayRange.ending(first.plusDays(89), 90), US);
    assertThat(quarter.step()).isIn(TimeAxis.Step.WEEK, TimeAxis.Step.TWO_WEEKS);
    assertThat(quarter.times()).allMatch(t -> t.matches("(Jan|Feb|Mar|Apr) \\d{1,2}"));

    Drawn year =
        draw(
            MetricType.STEPS,
            steps(first, 365, 8000),
            DayRange.ending(first.plusDays(364), 365),
            US);
    assertThat(year.step()).isEqualTo(TimeAxis.Step.MONTH);
    assertThat(year.times()).contains("Feb 2023", "Jun 2023", "Dec 2023");

    Drawn years =
        draw(
            MetricType.STEPS,
            steps(first, 2000, 8000),
            DayRange.ending(first.plusDays(1999), 2000),
            US);
    assertThat(years.step()).isIn(TimeAxis.Step.QUARTER, TimeAxis.Step.YEAR);

    DisplayFormat german =
        new DisplayFormat(
            UnitSystem.METRIC, SourceColors.none(), Locale.GERMANY, ZoneId.of("Europe/Berlin"));
    Drawn week =
        draw(
            MetricType.STEPS,
            steps(first, 7, 12_000),
            DayRange.ending(first.plusDays(6), 7),
            german);
    assertThat(week.times()).first().isEqualTo("1. Jan.");
    assertThat(week.values()).contains("10.000");
    Fx.assertNothingThrown();
  }

  @Test
  void readingsKeepAMarginAroundTheirValues() {
    LocalDate first = LocalDate.of(2024, 7, 1);
    List<ResolvedDay> weight = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      weight.add(day(MetricType.BODY_MASS, first.plusDays(i), 80 + i * 0.1));
    }
    Drawn drawn = draw(MetricType.BODY_MASS, weight, DayRange.ending(first.plusDays(6), 7), US);

    double low = Double.parseDouble(drawn.values().getFirst().replace(",", ""));
    double high = Double.parseDouble(drawn.values().getLast().replace(",", ""));
    assertThat(low).isBetween(75.0, 80.0); // not from zero: a weight chart shows its changes
    assertThat(high).isBetween(80.6, 85.0);
    Fx.assertNothingThrown();
  }

  @Test
  void nothingToDrawSaysSoInsteadOfAnEmptyPlot() {
    LocalDate first = LocalDate.of(2024, 7, 1);
    Drawn drawn = draw(MetricType.STEPS, List.of(), DayRange.ending(first.plusDays(6), 7), US);

    assertThat(drawn.message()).isEqualTo("No steps from Jul 1, 2024 to Jul 7, 2024.");

    Drawn one =
        draw(MetricType.STEPS, steps(first, 1, 9000), DayRange.ending(first, 1).atLeast(7), US);
    assertThat(one.message()).isNull();
    assertThat(one.times()).hasSize(7);
    Fx.assertNothingThrown();
  }

  @Test
  void hoursTickOnTheHourInTheLocalZone() {
    Instant morning = Instant.parse("2024-07-01T15:30:00Z"); // 08:30 in Los Angeles (PDT)
    String label =
        Fx.call(() -> {
          DashboardChart chart = new DashboardChart(US);
          double[] times = {morning.getEpochSecond() - 3600, morning.getEpochSecond()};
          chart.showReadings(
              new Readings(
                  MetricType.HEART_RATE,
                  List.of(new Readings.Series(WATCH, times, new double[] {60, 62}))),
              US);
          chart
              .timeAxis()
              .calculateMajorTickValues(
                  new io.fair_acc.chartfx.axes.spi.AxisRange(times[0], times[1], 1000, 1, 1),
                  new io.fair_acc.dataset.spi.fastutil.DoubleArrayList());
          return chart.timeLabel(morning);
        });

    assertThat(label).isEqualTo("8:30\u202fAM");
    Fx.assertNothingThrown();
  }
}
