package org.openvitals.core.sleep;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.DayOutcome;
import org.openvitals.core.rules.Detail;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.SleepSession;

/**
 * Nights from stored sleep stages. Which records form a night, the day it belongs to and which
 * source's night is primary are the sleep rule's decisions ({@code Rules.resolve} on {@code
 * sleep_asleep}, see docs/architecture.md, Rules), so this page and the dashboard's sleep tile
 * always agree; this class only reads each chosen session's records back into a hypnogram, bed and
 * wake times, and time in bed against time asleep.
 */
public final class Nights {
  /** WHOOP's stage totals, kept in its in-bed record's metadata (it sends no timeline). */
  private static final Map<String, Stage> TOTALS_KEYS =
      Map.of(
          "light_minutes", Stage.CORE,
          "deep_minutes", Stage.DEEP,
          "rem_minutes", Stage.REM,
          "awake_minutes", Stage.AWAKE);

  private Nights() {}

  /**
   * Every day in {@code [from, to]} with sleep, oldest first.
   *
   * @param samples the sleep samples that can touch those days (from the day before {@code from},
   *     as {@code RulesService.inputSamples} reads them)
   */
  public static List<SleepDay> of(
      Collection<Sample> samples, RuleContext ctx, LocalDate from, LocalDate to) {
    Map<LocalDate, DayOutcome> outcomes =
        Rules.resolve(MetricType.SLEEP_ASLEEP, samples, ctx, from, to, true);
    List<SleepDay> out = new ArrayList<>();
    for (var e : outcomes.entrySet()) {
      if (!(e.getValue().detail() instanceof Detail.Sleep(var night, var others, var naps))) {
        continue;
      }
      if (night == null && naps.isEmpty()) {
        continue; // only implausible records that day
      }
      LocalDate day = e.getKey();
      out.add(
          new SleepDay(
              day,
              night == null ? null : build(night, day, samples, true),
              others.stream().map(s -> build(s, day, samples, false)).toList(),
              naps.stream().map(s -> build(s, day, samples, false)).toList()));
    }
    return out;
  }

  /** The night the rules found as {@code session}, read back from its source's records. */
  public static Night build(
      SleepSession session, LocalDate day, Collection<Sample> samples, boolean primary) {
    long from = session.start().toInstant().toEpochMilli();
    long to = session.end().toInstant().toEpochMilli();
    List<Sample> records = new ArrayList<>();
    for (Sample s : samples) {
      if (s.type().category() == Category.SLEEP
          && s.source().equals(session.source())
          && ms(s.start()) >= from
          && ms(s.end()) <= to) {
        records.add(s);
      }
    }
    records.sort(Comparator.comparing((Sample s) -> ms(s.start())).thenComparing(s -> ms(s.end())));

    List<StageSpan> spans = new ArrayList<>();
    List<long[]> all = new ArrayList<>();
    List<long[]> asleep = new ArrayList<>();
    Map<Stage, List<long[]>> byStage = new EnumMap<>(Stage.class);
    for (Sample s : records) {
      long[] interval = {ms(s.start()), ms(s.end())};
      all.add(interval);
      Stage stage = Stage.of(s.type());
      if (stage != null) {
        spans.add(new StageSpan(stage, s.start(), s.end()));
        byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(interval);
        if (stage.asleep()) {
          asleep.add(interval);
        }
      }
    }
    Map<Stage, Double> stageMinutes = new EnumMap<>(Stage.class);
    byStage.forEach((stage, intervals) -> stageMinutes.put(stage, unionMinutes(intervals)));
    double asleepMinutes = unionMinutes(asleep);
    if (spans.isEmpty()) {
      stageMinutes.putAll(sourceTotals(records));
      asleepMinutes =
          stageMinutes.entrySet().stream()
              .filter(t -> t.getKey().asleep())
              .mapToDouble(Map.Entry::getValue)
              .sum();
    }
    return new Night(
        session.source(),
        day,
        session.start(),
        session.end(),
        spans,
        stageMinutes,
        unionMinutes(all),
        asleepMinutes,
        primary,
        session.nap());
  }

  /** Stage totals a source gave without a timeline, from its in-bed records' metadata. */
  private static Map<Stage, Double> sourceTotals(List<Sample> records) {
    Map<Stage, Double> totals = new EnumMap<>(Stage.class);
    for (Sample s : records) {
      if (s.type() != MetricType.SLEEP_IN_BED || s.metadata() == null) {
        continue;
      }
      TOTALS_KEYS.forEach((key, stage) -> {
        String v = s.metadata().get(key);
        if (v != null) {
          try {
            totals.merge(stage, Double.parseDouble(v), Double::sum);
          } catch (NumberFormatException e) {
            // A total the source wrote as text is not a figure; the night shows without it.
          }
        }
      });
    }
    return totals;
  }

  /** Minutes covered by the intervals, overlaps counted once. */
  static double unionMinutes(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(i -> i[0]));
    long total = 0;
    long start = Long.MIN_VALUE;
    long end = Long.MIN_VALUE;
    for (long[] i : sorted) {
      if (i[0] > end) {
        total += end - start;
        start = i[0];
        end = i[1];
      } else if (i[1] > end) {
        end = i[1];
      }
    }
    total += end - start;
    return total / 60_000.0;
  }

  private static long ms(OffsetDateTime t) {
    return t.toInstant().toEpochMilli();
  }
}
