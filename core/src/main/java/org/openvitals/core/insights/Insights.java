package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openvitals.core.model.MetricType;

/**
 * The built-in insights of a period: pure functions of the daily series, no model, no network.
 * Trends end on the period's last day, anomalies are the period's days outside their baseline, and
 * correlations use the paired days inside the period.
 */
public final class Insights {
  /** Metrics whose trends are tested, in the order they are shown. */
  public static final List<MetricType> TREND_METRICS =
      List.of(
          MetricType.STEPS,
          MetricType.DISTANCE,
          MetricType.ACTIVE_ENERGY,
          MetricType.EXERCISE_TIME,
          MetricType.RESTING_HEART_RATE,
          MetricType.WALKING_HEART_RATE,
          MetricType.HRV_SDNN,
          MetricType.HRV_RMSSD,
          MetricType.VO2_MAX,
          MetricType.SLEEP_ASLEEP,
          MetricType.BODY_MASS,
          MetricType.BODY_FAT_PERCENTAGE,
          MetricType.DIETARY_ENERGY,
          MetricType.OXYGEN_SATURATION,
          MetricType.RESPIRATORY_RATE,
          MetricType.SKIN_TEMPERATURE_DEVIATION,
          MetricType.SLEEPING_WRIST_TEMPERATURE,
          MetricType.BLOOD_PRESSURE_SYSTOLIC,
          MetricType.BLOOD_PRESSURE_DIASTOLIC,
          MetricType.WORKOUT);

  private Insights() {}

  /** The insights of {@code [from, to]} from {@code data}. */
  public static InsightReport of(InsightData data, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--from " + from + " is after --to " + to);
    }
    List<Trend> trends = new ArrayList<>();
    for (MetricType m : TREND_METRICS) {
      DailySeries s = data.get(m);
      if (s != null) {
        trends.addAll(Trends.of(s, from, to));
      }
    }
    double[] q = Stats.benjaminiHochberg(trends.stream().mapToDouble(Trend::pValue).toArray());
    for (int i = 0; i < q.length; i++) {
      trends.set(i, trends.get(i).withQ(q[i]));
    }

    List<Anomaly> anomalies = new ArrayList<>();
    for (MetricType m : Baselines.METRICS) {
      DailySeries s = data.get(m);
      if (s != null) {
        anomalies.addAll(Baselines.of(s).anomalies(from, to));
      }
    }
    anomalies.sort(
        Comparator.comparing(Anomaly::date).reversed().thenComparing(a -> a.metric().ordinal()));

    List<Correlation> tested =
        new ArrayList<>(Correlations.tested(data.series(), Correlations.PAIRS, from, to));
    tested.addAll(
        LateEating.tested(
            data.lateEating(),
            data.get(MetricType.SLEEP_ASLEEP),
            data.get(MetricType.DIETARY_ENERGY),
            from,
            to));
    double[] cq =
        Stats.benjaminiHochberg(tested.stream().mapToDouble(Correlation::pValue).toArray());
    List<Correlation> found = new ArrayList<>();
    for (int i = 0; i < cq.length; i++) {
      Correlation c = tested.get(i).withQ(cq[i]);
      if (c.significant()) {
        found.add(c);
      }
    }
    found.sort(Comparator.comparingDouble((Correlation c) -> -Math.abs(c.rho())));
    return new InsightReport(from, to, trends, anomalies, found, tested.size());
  }
}
