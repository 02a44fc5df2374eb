package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;

/**
 * Picks, for each day, the single best source by device class (manual entries, then dedicated
 * devices, then phones, then apps) and reports its daily rollup: the mean for discrete readings,
 * the sum otherwise. Sources are never added together, so a watch and a phone counting the same
 * steps are not counted twice; what it cannot do is fill one source's gaps from another within a
 * day. Ties go to the source with more samples that day, then to the source key, so the choice is
 * stable.
 */
final class BestSourceDailyValues implements DailyValues {
  private final SampleStore store;

  BestSourceDailyValues(SampleStore store) {
    this.store = store;
  }

  @Override
  public List<DailyValue> daily(MetricType metric, LocalDate from, LocalDate to) {
    Map<SourceRef, DeviceClass> classes =
        store.sources().stream()
            .collect(Collectors.toMap(SourceSummary::source, SourceSummary::deviceClass));
    Map<LocalDate, List<DailyRollup>> byDay =
        store.daily(metric, from, to).stream()
            .filter(r -> r.count() > 0)
            .collect(
                Collectors.groupingBy(DailyRollup::day, LinkedHashMap::new, Collectors.toList()));
    Function<DailyRollup, DeviceClass> classOf =
        r -> classes.getOrDefault(r.source(), DeviceClass.UNKNOWN);
    Comparator<DailyRollup> best =
        Comparator.<DailyRollup>comparingInt(r -> rank(classOf.apply(r)))
            .thenComparing(Comparator.comparingLong(DailyRollup::count).reversed())
            .thenComparing(r -> r.source().key());

    List<DailyValue> values = new ArrayList<>(byDay.size());
    byDay.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          DailyRollup chosen = e.getValue().stream().min(best).orElseThrow();
          double value =
              metric.aggregation() == AggregationKind.DISCRETE ? chosen.mean() : chosen.sum();
          values.add(new DailyValue(e.getKey(), metric, value, List.of(chosen.source())));
        });
    return values;
  }

  /** Lower is preferred: the default order of DESIGN.md. */
  static int rank(DeviceClass deviceClass) {
    return switch (deviceClass) {
      case MANUAL -> 0;
      case WATCH, RING, SCALE, STRAP -> 1;
      case PHONE -> 2;
      case APP -> 3;
      case UNKNOWN -> 4;
    };
  }
}
