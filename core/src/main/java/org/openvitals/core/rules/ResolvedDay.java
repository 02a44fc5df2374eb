package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * One metric's merged value for one day: what a dashboard shows. The statistics that make no sense
 * for a kind are null (a step total has no minimum).
 *
 * @param value the day's figure: a cumulative total, the mean of the primary readings, the minutes
 *     of a sleep stage in the primary night, the minutes of the merged workouts
 * @param min smallest primary reading (discrete metrics), else null
 * @param max largest primary reading (discrete metrics), else null
 * @param mean mean of the primary readings (discrete metrics), else null
 * @param last latest primary reading (discrete metrics), else null
 * @param count primary readings, sessions or workouts that make the value; slices with data for
 *     cumulative metrics
 * @param primary the source the value mostly comes from
 * @param contributions what each source added to the value, preferred source first
 */
public record ResolvedDay(
    MetricType metric,
    LocalDate day,
    double value,
    Double min,
    Double max,
    Double mean,
    Double last,
    int count,
    SourceRef primary,
    Map<SourceRef, Double> contributions) {

  public ResolvedDay {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(day, "day");
    contributions = Collections.unmodifiableMap(new LinkedHashMap<>(contributions));
  }
}
