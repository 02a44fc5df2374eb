package org.openvitals.app.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;

/**
 * The instants of the store's first and last samples, over every source: where the screens that
 * open on the latest data (dashboard, sleep, workouts, preferences) look for it.
 */
public record DataSpan(Instant first, Instant last) {

  /** The span of the sources' samples; null when none has any. */
  public static DataSpan of(List<SourceSummary> sources) {
    Instant first = null;
    Instant last = null;
    for (SourceSummary s : sources) {
      if (s.first() != null && (first == null || s.first().isBefore(first))) {
        first = s.first();
      }
      if (s.last() != null && (last == null || s.last().isAfter(last))) {
        last = s.last();
      }
    }
    return first == null || last == null ? null : new DataSpan(first, last);
  }

  /** The first and the last of a run of days, inclusive. */
  public record Days(LocalDate first, LocalDate last) {}

  /**
   * The first and the latest day on which any of {@code metrics} has a daily rollup; null when none
   * has one.
   */
  public static Days rollupDays(SampleStore store, Collection<MetricType> metrics) {
    DataSpan span = of(store.sources());
    if (span == null) {
      return null;
    }
    LocalDate first = null;
    LocalDate last = null;
    for (MetricType m : metrics) {
      for (DailyRollup r : store.daily(m, span.firstRollupDay(), span.lastRollupDay())) {
        if (first == null || r.day().isBefore(first)) {
          first = r.day();
        }
        if (last == null || r.day().isAfter(last)) {
          last = r.day();
        }
      }
    }
    return first == null ? null : new Days(first, last);
  }

  /**
   * The first day a rollup of the span's samples can be filed on: a day before the first sample's
   * UTC day, since rollups are filed in the store's day boundaries, which may be any zone.
   */
  public LocalDate firstRollupDay() {
    return LocalDate.ofInstant(first, ZoneOffset.UTC).minusDays(1);
  }

  /** The last day a rollup of the span's samples can be filed on: a day after the last's. */
  public LocalDate lastRollupDay() {
    return LocalDate.ofInstant(last, ZoneOffset.UTC).plusDays(1);
  }
}
