package org.openvitals.core.insights;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/**
 * Late eating: per day, the share of the energy eaten at or after {@link #CUT_OFF} local time, from
 * timestamped energy samples (Cronometer's meals, MyFitnessPal's meals, Apple Health's dietary
 * energy entries). A day counts only when one source logged its meals with times (no sample longer
 * than {@link #MEAL_MAX}: a whole-day total says nothing about when) and those meals make up at
 * least half of the day's merged energy, so a day with only breakfast logged is not "no late
 * eating". The day's merged source is used when it qualifies, else the qualifying source that
 * logged the most.
 */
public final class LateEating {
  /** Energy eaten from this local time on counts as late. */
  public static final LocalTime CUT_OFF = LocalTime.of(20, 0);

  /** Longer energy samples are day or period totals, not meals. */
  static final Duration MEAL_MAX = Duration.ofHours(3);

  /** Days with some late eating (and days without) the correlation needs among its pairs. */
  static final int MIN_DAYS_EACH_WAY = 10;

  private LateEating() {}

  /**
   * The daily share eaten late over {@code [from, to]}, from the dietary energy samples and the
   * merged daily energy ({@code eaten}); a day without a qualifying log has none.
   */
  public static DailySeries share(
      List<Sample> energy, DailySeries eaten, DayBoundaries days, LocalDate from, LocalDate to) {
    int length = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
    Map<SourceRef, double[][]> bySource =
        new LinkedHashMap<>(); // source -> {total, late, untimed}[day]
    for (Sample s : energy) {
      if (s.type() != MetricType.DIETARY_ENERGY) {
        continue;
      }
      LocalDate day = days.dayOf(s.start());
      int i = (int) (day.toEpochDay() - from.toEpochDay());
      if (i < 0 || i >= length) {
        continue;
      }
      double[][] sums = bySource.computeIfAbsent(s.source(), k -> new double[3][length]);
      sums[0][i] += s.value();
      if (Duration.ofSeconds(s.durationSeconds()).compareTo(MEAL_MAX) > 0) {
        sums[2][i] = 1;
      } else if (!localTime(s.start(), days).isBefore(CUT_OFF)) {
        sums[1][i] += s.value();
      }
    }
    double[] values = new double[length];
    SourceRef[] sources = new SourceRef[length];
    for (int i = 0; i < length; i++) {
      values[i] = Double.NaN;
      LocalDate day = from.plusDays(i);
      double merged = eaten == null ? Double.NaN : eaten.value(day);
      if (Double.isNaN(merged) || merged <= 0) {
        continue;
      }
      SourceRef primary = eaten.source(eaten.index(day));
      SourceRef chosen = null;
      double best = 0;
      for (var e : bySource.entrySet()) {
        double[][] sums = e.getValue();
        if (sums[2][i] != 0 || sums[0][i] < 0.5 * merged) {
          continue; // a day total among its samples, or too little of the day logged
        }
        if (e.getKey().equals(primary)) {
          chosen = primary;
          break;
        }
        if (sums[0][i] > best) {
          chosen = e.getKey();
          best = sums[0][i];
        }
      }
      if (chosen != null) {
        double[][] sums = bySource.get(chosen);
        values[i] = sums[1][i] / sums[0][i];
        sources[i] = chosen;
      }
    }
    return DailySeries.ofDays(MetricType.DIETARY_ENERGY, from, values, sources);
  }

  /**
   * Late eating against the sleep of the night that follows (the night ends, and counts, the next
   * day: lag 1), when enough paired days have late eating and enough have none; the evidence names
   * each day's energy eaten and the night.
   */
  static List<Correlation> tested(
      DailySeries share, DailySeries asleep, DailySeries eaten, LocalDate from, LocalDate to) {
    if (share == null || asleep == null || eaten == null) {
      return List.of();
    }
    int late = 0;
    int none = 0;
    for (int i = Math.max(0, share.index(from));
        i <= Math.min(share.length() - 1, share.index(to));
        i++) {
      if (share.has(i)) {
        if (share.value(i) > 0) {
          late++;
        } else {
          none++;
        }
      }
    }
    if (late < MIN_DAYS_EACH_WAY || none < MIN_DAYS_EACH_WAY) {
      return List.of();
    }
    Correlation c = Correlations.test(share, asleep, 1, from, to);
    if (c == null) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>(c.evidence().size());
    for (Evidence e : c.evidence()) {
      evidence.add(
          e.metric() == MetricType.DIETARY_ENERGY
              ? new Evidence(e.metric(), e.date(), eaten.value(e.date()), e.source())
              : e);
    }
    return List.of(c.withMeasure(Correlation.Measure.SHARE_EATEN_LATE, evidence));
  }

  private static LocalTime localTime(OffsetDateTime at, DayBoundaries days) {
    return switch (days) {
      case DayBoundaries.FixedZone fixed -> at.atZoneSameInstant(fixed.zone()).toLocalTime();
      case DayBoundaries.SampleLocal local -> at.toLocalTime();
    };
  }
}
