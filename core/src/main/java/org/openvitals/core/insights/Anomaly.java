package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.List;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * A day whose value lies outside its personal normal range.
 *
 * @param source the source the day's value came from (the baseline is in its frame)
 * @param evidence the day itself, then the baseline days
 */
public record Anomaly(
    MetricType metric,
    LocalDate date,
    double value,
    SourceRef source,
    Baseline baseline,
    List<Evidence> evidence)
    implements Insight {

  public Anomaly {
    evidence = List.copyOf(evidence);
  }

  /** How far from the baseline's centre, in the metric's unit (signed). */
  public double difference() {
    return value - baseline.centre();
  }

  /** How far outside the normal range, in the metric's unit (positive). */
  public double outside() {
    return value > baseline.high() ? value - baseline.high() : baseline.low() - value;
  }

  public double z() {
    return baseline.z(value);
  }

  @Override
  public Kind kind() {
    return Kind.ANOMALY;
  }

  @Override
  public List<MetricType> metrics() {
    return List.of(metric);
  }

  @Override
  public LocalDate from() {
    return date;
  }

  @Override
  public LocalDate to() {
    return date;
  }

  @Override
  public Effect effect() {
    return new Effect(difference(), metric.unit(), "difference_from_baseline");
  }

  @Override
  public Strength strength() {
    return new Strength(z(), "robust_z");
  }

  @Override
  public int days() {
    return baseline.days();
  }
}
