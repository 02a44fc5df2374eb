package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.List;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * A metric's value on one day after choosing among sources, in the metric's canonical unit.
 *
 * @param sources the sources the value came from, the deciding one first
 */
public record DailyValue(LocalDate date, MetricType metric, double value, List<SourceRef> sources) {
  public DailyValue {
    sources = List.copyOf(sources);
  }

  /** The canonical unit (UCUM code). */
  public String unit() {
    return metric.unit();
  }
}
