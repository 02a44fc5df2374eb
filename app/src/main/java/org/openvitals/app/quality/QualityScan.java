package org.openvitals.app.quality;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.openvitals.app.context.Progress;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.CrossSourceValidation;
import org.openvitals.core.rules.DayOutcome;
import org.openvitals.core.rules.Disagreement;
import org.openvitals.core.rules.ExplanationText;
import org.openvitals.core.rules.QualityFlag;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.rules.SourceDay;
import org.openvitals.core.store.SampleStore;

/**
 * Runs the rules over a period, metric by metric and a month at a time, and collects what they
 * flagged: cross-source disagreements, implausible and repeated samples, thin and stale days.
 * Nothing is stored; the rules and the samples read ({@link RulesService#inputSamples}) are those
 * {@link RulesService#outcomes} uses.
 */
final class QualityScan {
  /** Days resolved at once: bounds memory on minute-level data and lets a cancel land soon. */
  static final int BLOCK_DAYS = 31;

  private QualityScan() {}

  /**
   * @param words how values and sources read in the findings' sentences
   * @param progress told the blocks done out of all blocks; asked whether to stop
   * @return findings, newest day first, the most serious kind first within a day; what was found so
   *     far when cancelled
   */
  static List<Finding> scan(
      SampleStore store,
      RulesService rules,
      LocalDate from,
      LocalDate to,
      ExplanationText.Wording words,
      Progress progress) {
    List<MetricType> metrics = metricsWithData(store, from, to);
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    long blocksPerMetric = (days + BLOCK_DAYS - 1) / BLOCK_DAYS;
    long total = blocksPerMetric * metrics.size();
    long done = 0;
    progress.updateProgress(0, Math.max(1, total));
    Set<Finding> out = new LinkedHashSet<>();
    UsualHours usual = new UsualHours();
    // One context for the whole scan: building it reads every source's summary, which would
    // otherwise cost more than resolving a month.
    RuleContext ctx = rules.context();
    for (MetricType metric : metrics) {
      for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(BLOCK_DAYS)) {
        if (progress.isCancelled()) {
          return sorted(out);
        }
        LocalDate end = start.plusDays(BLOCK_DAYS - 1L);
        LocalDate last = end.isAfter(to) ? to : end;
        Map<LocalDate, DayOutcome> outcomes =
            Rules.resolve(
                metric,
                RulesService.inputSamples(store, metric, start, last, ctx.days()),
                ctx,
                start,
                last,
                false);
        outcomes.forEach((day, outcome) -> collect(metric, day, outcome, words, out, usual));
        progress.updateProgress(++done, total);
      }
      out.addAll(usual.judge(words));
      usual.clear();
    }
    return sorted(out);
  }

  /**
   * Thin and stale days judged against each source's own usual hours, not a fixed 16 waking hours:
   * a ring that records at night or a watch taken off to charge every evening covers fewer hours on
   * every day, and that is no fault. A day is flagged when its source covered less than half of
   * what it covers on a usual day (the median over the period's days with its data); with fewer
   * than {@link #USUAL_AFTER_DAYS} such days there is no usual yet and the rules' own flag stands.
   */
  static final class UsualHours {
    record Flagged(MetricType metric, LocalDate day, QualityFlag flag, double covered) {}

    private final Map<SourceRef, Map<LocalDate, Double>> covered = new HashMap<>();
    private final List<Flagged> flagged = new ArrayList<>();

    void day(LocalDate day, SourceDay source) {
      if (source.samples() > 0) {
        covered
            .computeIfAbsent(source.source(), k -> new HashMap<>())
            .put(day, source.coveredMinutes());
      }
    }

    void flag(MetricType metric, LocalDate day, QualityFlag flag) {
      Double minutes = covered.getOrDefault(flag.source(), Map.of()).get(day);
      flagged.add(new Flagged(metric, day, flag, minutes == null ? 0 : minutes));
    }

    /** The source's usual minutes a day: the median over its days with data; NaN when too few. */
    double usual(SourceRef source) {
      double[] minutes =
          covered.getOrDefault(source, Map.of()).values().stream()
              .mapToDouble(Double::doubleValue)
              .sorted()
              .toArray();
      if (minutes.length < USUAL_AFTER_DAYS) {
        return Double.NaN;
      }
      int mid = minutes.length / 2;
      return minutes.length % 2 == 1 ? minutes[mid] : (minutes[mid - 1] + minutes[mid]) / 2;
    }

    List<Finding> judge(ExplanationText.Wording words) {
      List<Finding> out = new ArrayList<>();
      for (Flagged f : flagged) {
        SourceRef source = f.flag().source();
        double usual = usual(source);
        if (!Double.isNaN(usual) && f.covered() >= usual / 2) {
          continue; // as many hours as this source usually records
        }
        String message =
            Double.isNaN(usual) || f.flag().kind() != QualityFlag.Kind.INCOMPLETE
                ? ExplanationText.flag(f.flag(), words)
                : String.format(
                    Locale.ROOT,
                    "%s covered %.1f h of the day; it usually covers %.1f h",
                    source.name(),
                    f.covered() / 60,
                    usual / 60);
        out.add(
            new Finding(
                kindOf(f.flag().kind()),
                f.metric(),
                f.day(),
                List.of(source),
                f.flag().at(),
                message));
      }
      return out;
    }

    void clear() {
      covered.clear();
      flagged.clear();
    }
  }

  /** Days of data a source needs before its own usual hours judge its thin days. */
  static final int USUAL_AFTER_DAYS = 5;

  /**
   * Metrics with data in the period. Sleep is resolved from all stages at once, so its flags are
   * read once (from {@code sleep_asleep}); {@code sleep_in_bed} adds only its own disagreements.
   */
  static List<MetricType> metricsWithData(SampleStore store, LocalDate from, LocalDate to) {
    List<MetricType> out = new ArrayList<>();
    boolean sleep = false;
    for (MetricType m : MetricType.values()) {
      if (store.daily(m, from.minusDays(1), to).isEmpty()) {
        continue;
      }
      if (m.category() == Category.SLEEP) {
        sleep = true;
      } else {
        out.add(m);
      }
    }
    if (sleep) {
      out.add(MetricType.SLEEP_ASLEEP);
      out.add(MetricType.SLEEP_IN_BED);
    }
    return out;
  }

  private static void collect(
      MetricType metric,
      LocalDate day,
      DayOutcome outcome,
      ExplanationText.Wording words,
      Set<Finding> out,
      UsualHours usual) {
    outcome.sources().forEach(s -> usual.day(day, s));
    for (Disagreement d : CrossSourceValidation.check(metric, day, outcome.sources())) {
      out.add(
          new Finding(
              Finding.Kind.DISAGREEMENT,
              metric,
              day,
              List.of(d.first(), d.second()),
              null,
              String.format(
                  Locale.ROOT,
                  "%s %s against %s %s: %.0f %% apart (allowed %.0f %%)",
                  d.first().name(),
                  words.full(metric, d.firstValue()),
                  d.second().name(),
                  words.full(metric, d.secondValue()),
                  d.difference() * 100,
                  d.tolerance() * 100)));
    }
    if (metric == MetricType.SLEEP_IN_BED) {
      return; // its flags are the same sleep samples sleep_asleep already reported
    }
    for (QualityFlag f : outcome.flags()) {
      if (f.kind() == QualityFlag.Kind.INCOMPLETE || f.kind() == QualityFlag.Kind.STALE) {
        usual.flag(metric, day, f); // judged once the period's days are in
      } else {
        out.add(
            new Finding(
                kindOf(f.kind()),
                metric,
                day,
                List.of(f.source()),
                f.at(),
                ExplanationText.flag(f, words)));
      }
    }
  }

  private static Finding.Kind kindOf(QualityFlag.Kind kind) {
    return switch (kind) {
      case IMPLAUSIBLE -> Finding.Kind.IMPLAUSIBLE;
      case DUPLICATE -> Finding.Kind.DUPLICATE;
      case INCOMPLETE -> Finding.Kind.INCOMPLETE;
      case STALE -> Finding.Kind.STALE;
    };
  }

  private static List<Finding> sorted(Set<Finding> found) {
    List<Finding> out = new ArrayList<>(found);
    out.sort(
        Comparator.comparing(Finding::day, Comparator.reverseOrder())
            .thenComparing(Finding::kind)
            .thenComparing(Finding::metric)
            .thenComparing(
                (Function<Finding, String>) f -> f.at() == null ? "" : f.at().toString()));
    return out;
  }
}
