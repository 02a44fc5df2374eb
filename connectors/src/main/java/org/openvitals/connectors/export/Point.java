package org.openvitals.connectors.export;

import java.time.OffsetDateTime;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * One thing a standard export writes, whatever the format: a reading or a day's merged figure, a
 * blood-pressure pair, a sleep episode or a workout. Values are in the metric's canonical unit.
 */
public sealed interface Point {
  OffsetDateTime start();

  OffsetDateTime end();

  /** Where the value comes from; for a merged day, the source it mostly comes from. */
  SourceRef source();

  /** How a merged day's figure was made from the readings; null for one reading. */
  enum Statistic {
    AVERAGE,
    SUM
  }

  /**
   * A sample, or one metric's merged figure for a day.
   *
   * @param externalId the source's id of the sample, or null
   * @param statistic null for one sample
   */
  record Reading(
      MetricType metric,
      OffsetDateTime start,
      OffsetDateTime end,
      double value,
      SourceRef source,
      String externalId,
      Statistic statistic)
      implements Point {}

  /** Systolic and diastolic taken together (the same source and times), in mm[Hg]. */
  record BloodPressure(
      OffsetDateTime start,
      OffsetDateTime end,
      double systolic,
      double diastolic,
      SourceRef source,
      String externalId,
      Statistic statistic)
      implements Point {}

  /**
   * One continuous sleep of one source, as the sleep rule joins its stages.
   *
   * @param main the night the rules chose for its day (not a nap, not another source's night)
   */
  record SleepEpisode(
      OffsetDateTime start,
      OffsetDateTime end,
      double asleepMinutes,
      SourceRef source,
      boolean main)
      implements Point {}

  /**
   * A workout.
   *
   * @param activity the activity as the source names it, or "workout" when it names none
   * @param distanceMeters null when the source gives none
   */
  record Activity(
      OffsetDateTime start,
      OffsetDateTime end,
      String activity,
      Double distanceMeters,
      SourceRef source,
      String externalId)
      implements Point {}
}
