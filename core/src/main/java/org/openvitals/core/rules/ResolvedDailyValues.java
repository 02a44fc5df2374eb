package org.openvitals.core.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * {@link DailyValues} from the merge rules, read through the stored results of {@link
 * RulesService}.
 */
final class ResolvedDailyValues implements DailyValues {
  private final RulesService rules;

  ResolvedDailyValues(RulesService rules) {
    this.rules = rules;
  }

  @Override
  public List<DailyValue> daily(MetricType metric, LocalDate from, LocalDate to) {
    List<DailyValue> out = new ArrayList<>();
    for (ResolvedDay day : rules.daily(metric, from, to)) {
      List<SourceRef> sources = new ArrayList<>();
      sources.add(day.primary());
      day.contributions().keySet().stream()
          .filter(s -> !s.equals(day.primary()))
          .forEach(sources::add);
      out.add(new DailyValue(day.day(), metric, day.value(), sources));
    }
    return out;
  }

  @Override
  public Map<LocalDate, Map<SourceRef, Double>> bySource(
      MetricType metric, LocalDate from, LocalDate to) {
    Map<LocalDate, Map<SourceRef, Double>> out = new TreeMap<>();
    rules
        .outcomes(metric, from, to)
        .forEach((day, outcome) -> {
          Map<SourceRef, Double> own = new LinkedHashMap<>();
          for (SourceDay s : outcome.sources()) {
            if (!Double.isNaN(s.ownValue())) {
              own.put(s.source(), s.ownValue());
            }
          }
          if (!own.isEmpty()) {
            out.put(day, own);
          }
        });
    return out;
  }
}
