package org.openvitals.core.insights;

import java.time.LocalDate;
import java.util.Objects;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * One day behind an insight: a metric's merged value that day and the source it came from (null for
 * a day filled in as zero, such as a day without a workout). {@code openvitals explain --metric
 * <metric> --date <date>} shows how the value was merged.
 */
public record Evidence(MetricType metric, LocalDate date, double value, SourceRef source) {
  public Evidence {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(date, "date");
  }

  /** The command that explains this value. */
  public String explainCommand() {
    return "openvitals explain --metric " + metric.id() + " --date " + date;
  }
}
