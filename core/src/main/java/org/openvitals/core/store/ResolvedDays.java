package org.openvitals.core.store;

import java.time.LocalDate;
import java.util.Map;
import org.openvitals.core.model.MetricType;

/**
 * Values computed from the samples per metric and day (the rules' merged daily values), kept with
 * the data so that a reader need not compute them again. A cache: each entry carries the
 * fingerprint of the inputs it was computed from, and a reader uses the value only while that
 * fingerprint matches the inputs it sees now. Losing entries costs time, never data.
 *
 * <p>The stores of both engines keep them in a table of their own ({@code resolved_days}); a {@link
 * SampleStore} that does not implement this interface keeps none.
 */
public interface ResolvedDays {

  /** One stored day: the fingerprint of its inputs and the value in its writer's own form. */
  record Entry(String fingerprint, String value) {}

  /** The entries of {@code metric} for the days in {@code [from, to]}. */
  Map<LocalDate, Entry> resolvedDays(MetricType metric, LocalDate from, LocalDate to);

  /** Stores entries of {@code metric}, each replacing the one of its day, in one transaction. */
  void putResolvedDays(MetricType metric, Map<LocalDate, Entry> entries);
}
