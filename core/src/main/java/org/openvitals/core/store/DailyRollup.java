package org.openvitals.core.store;

import java.time.LocalDate;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/** The raw daily figures of one metric from one source: no preference rules applied yet. */
public record DailyRollup(
    MetricType type,
    SourceRef source,
    LocalDate day,
    long count,
    double sum,
    double min,
    double max) {

  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }
}
