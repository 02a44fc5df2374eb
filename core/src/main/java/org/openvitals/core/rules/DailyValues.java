package org.openvitals.core.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;

/**
 * One value per day for a metric, never summed blindly across sources. The command line's {@code
 * summary} and the app ask this; the implementation decides how sources are chosen and merged.
 */
public interface DailyValues {

  /** Days in {@code [from, to]} that have data, in order; days without data are left out. */
  List<DailyValue> daily(MetricType metric, LocalDate from, LocalDate to);

  /**
   * Each source's own figure per day, before merging (its total, mean reading, night ...), the
   * preferred source first; days in {@code [from, to]} with data.
   */
  Map<LocalDate, Map<SourceRef, Double>> bySource(MetricType metric, LocalDate from, LocalDate to);

  /** The daily values of a store under the user's merge rules (see {@link RulesService}). */
  static DailyValues of(SampleStore store) {
    return new ResolvedDailyValues(new RulesService(store, Clock.systemUTC()));
  }
}
