package org.openvitals.app.preferences;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvitals.app.common.DataSpan;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.PreferencesRepository;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;

/**
 * What the preferences screen reads from the store in one go: the saved order and its history, each
 * source's device class, and which sources hold data for each metric (from the daily rollups, one
 * indexed read per metric) with the latest day of data.
 *
 * @param sourcesByMetric only metrics with data; sources in no particular order
 * @param lastDayByMetric the latest day (not after today) with data, per metric
 */
record StoreSources(
    SourcePreferences saved,
    List<SourcePreferences> history,
    Map<SourceRef, DeviceClass> deviceClasses,
    Map<MetricType, Set<SourceRef>> sourcesByMetric,
    Map<MetricType, LocalDate> lastDayByMetric) {

  static StoreSources read(SampleStore store, PreferencesRepository repository, LocalDate today) {
    Map<SourceRef, DeviceClass> classes = new HashMap<>();
    List<SourceSummary> summaries = store.sources();
    for (SourceSummary s : summaries) {
      classes.put(s.source(), s.deviceClass());
    }
    Map<MetricType, Set<SourceRef>> sources = new EnumMap<>(MetricType.class);
    Map<MetricType, LocalDate> lastDays = new EnumMap<>(MetricType.class);
    DataSpan span = DataSpan.of(summaries);
    if (span != null) {
      for (MetricType m : MetricType.values()) {
        for (DailyRollup r : store.daily(m, span.firstRollupDay(), span.lastRollupDay())) {
          sources.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(r.source());
          if (!r.day().isAfter(today)) {
            lastDays.merge(m, r.day(), (a, b) -> a.isAfter(b) ? a : b);
          }
        }
      }
    }
    return new StoreSources(repository.current(), repository.history(), classes, sources, lastDays);
  }

  /** Sources with data for {@code metric} or, for sleep, any stage it is resolved from. */
  Set<SourceRef> sourcesOf(MetricType metric) {
    Set<SourceRef> out = new LinkedHashSet<>();
    for (MetricType input : Rules.inputsOf(metric)) {
      out.addAll(sourcesByMetric.getOrDefault(input, Set.of()));
    }
    return out;
  }

  /** Sources with data for any metric of the category. */
  Set<SourceRef> sourcesOf(Category category) {
    Set<SourceRef> out = new LinkedHashSet<>();
    sourcesByMetric.forEach((m, s) -> {
      if (m.category() == category) {
        out.addAll(s);
      }
    });
    return out;
  }

  boolean hasData(MetricType metric) {
    return !sourcesOf(metric).isEmpty();
  }

  /** The latest day with data for any of the metrics, or null. */
  LocalDate lastDay(List<MetricType> metrics) {
    LocalDate out = null;
    for (MetricType m : metrics) {
      for (MetricType input : Rules.inputsOf(m)) {
        LocalDate d = lastDayByMetric.get(input);
        if (d != null && (out == null || d.isAfter(out))) {
          out = d;
        }
      }
    }
    return out;
  }

  DeviceClass classOf(SourceRef source) {
    DeviceClass c = saved.deviceClasses().get(source);
    if (c == null) {
      c = deviceClasses.get(source);
    }
    return c != null ? c : DeviceClass.guess(source.provider(), source.name());
  }
}
