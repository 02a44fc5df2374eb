package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The insights of a period.
 *
 * @param trends every trend tested, significant or not, in metric and window order
 * @param anomalies every day outside its normal range, most recent first
 * @param correlations the correlations found (significant after adjustment), strongest first
 * @param correlationsTested how many pairs and lags were tested
 */
public record InsightReport(
    LocalDate from,
    LocalDate to,
    List<Trend> trends,
    List<Anomaly> anomalies,
    List<Correlation> correlations,
    int correlationsTested) {

  public InsightReport {
    trends = List.copyOf(trends);
    anomalies = List.copyOf(anomalies);
    correlations = List.copyOf(correlations);
  }

  /** The trends larger than the day-to-day noise. */
  public List<Trend> significantTrends() {
    return trends.stream().filter(Trend::significant).toList();
  }

  /** Everything found: significant trends, anomalies, correlations, in that order. */
  public List<Insight> found() {
    List<Insight> out = new ArrayList<>(significantTrends());
    out.addAll(anomalies);
    out.addAll(correlations);
    return out;
  }

  /** Anomalies strongest first. */
  public List<Anomaly> anomaliesByStrength() {
    return anomalies.stream()
        .sorted(Comparator.comparingDouble((Anomaly a) -> -Math.abs(a.z())))
        .toList();
  }
}
