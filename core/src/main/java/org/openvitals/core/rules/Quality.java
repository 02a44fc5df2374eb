package org.openvitals.core.rules;

import java.time.Instant;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

/**
 * Quality scores from 0 to 1. A sample scores 0 when implausible, else its recorder's device
 * factor, halved when it repeats another sample's time span. A source-day multiplies: the plausible
 * share of its samples, its completeness (counted half, so a short but clean day is not worthless),
 * its duplicate share (counted half), its device factor and its freshness.
 */
public final class Quality {
  /** Wear time expected from a source of continuous data in a day (16 waking hours). */
  static final double EXPECTED_WEAR_MINUTES = 16 * 60;

  /** Silence at the end of a day longer than this counts as stale data. */
  static final long STALE_AFTER_MS = 4 * 3_600_000L;

  private Quality() {}

  public static double deviceFactor(DeviceClass c) {
    return switch (c) {
      case MANUAL -> 1.0;
      case WATCH, RING, SCALE, STRAP -> 0.95;
      case PHONE -> 0.85;
      case APP -> 0.8;
      case UNKNOWN -> 0.7;
    };
  }

  public static double sampleScore(Sample s, DeviceClass c, boolean duplicate) {
    if (!Plausibility.plausible(s)) {
      return 0;
    }
    return deviceFactor(c) * (duplicate ? 0.5 : 1.0);
  }

  /** Whether a day of this metric is expected to be covered continuously (wear time matters). */
  static boolean continuous(MetricType m) {
    return m == MetricType.HEART_RATE
        || m.aggregation() == AggregationKind.CUMULATIVE
            && m.category() == org.openvitals.core.model.Category.ACTIVITY;
  }

  /**
   * @param lastSeen when the source's newest data ends (null: unknown, no staleness check)
   */
  static SourceDayQuality sourceDay(
      MetricType metric,
      DeviceClass deviceClass,
      int samples,
      int implausible,
      int duplicates,
      double coveredMinutes,
      long dayStartMs,
      long dayEndMs,
      Instant lastSeen,
      Instant asOf) {
    double plausibleShare = samples == 0 ? 0 : (samples - implausible) / (double) samples;
    double completeness =
        continuous(metric)
            ? Math.min(1.0, coveredMinutes / EXPECTED_WEAR_MINUTES)
            : (samples > implausible ? 1.0 : 0.0);
    double duplicateShare = samples == 0 ? 0 : duplicates / (double) samples;
    double device = deviceFactor(deviceClass);
    // A scale or a blood-pressure cuff is used once a day: silence after its reading is normal.
    double freshness = continuous(metric) ? freshness(lastSeen, asOf, dayStartMs, dayEndMs) : 1.0;
    double score =
        plausibleShare
            * (0.5 + 0.5 * completeness)
            * (1 - 0.5 * duplicateShare)
            * device
            * freshness;
    return new SourceDayQuality(
        round(score),
        round(plausibleShare),
        round(completeness),
        round(duplicateShare),
        device,
        round(freshness));
  }

  /**
   * The share of the day (up to now) before the source's data stopped, when it stopped more than an
   * hour before the day ended (or before now, for today); else 1.
   */
  static double freshness(Instant lastSeen, Instant asOf, long dayStartMs, long dayEndMs) {
    if (lastSeen == null || asOf == null) {
      return 1.0;
    }
    long until = Math.min(dayEndMs, asOf.toEpochMilli());
    long last = lastSeen.toEpochMilli();
    if (until <= dayStartMs || last < dayStartMs || last >= until - STALE_AFTER_MS) {
      return 1.0;
    }
    return (last - dayStartMs) / (double) (until - dayStartMs);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
