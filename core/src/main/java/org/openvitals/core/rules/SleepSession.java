package org.openvitals.core.rules;

import java.time.OffsetDateTime;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * One source's continuous sleep (stages less than an hour apart joined), dated by the day it ends.
 *
 * @param stageMinutes minutes per sleep metric within the session
 * @param asleepMinutes minutes asleep (every stage but in-bed and awake)
 * @param nap a short daytime sleep, kept apart from the night
 */
public record SleepSession(
    SourceRef source,
    OffsetDateTime start,
    OffsetDateTime end,
    Map<MetricType, Double> stageMinutes,
    double asleepMinutes,
    boolean nap)
    implements Detail.Part {

  public SleepSession {
    stageMinutes = Map.copyOf(stageMinutes);
  }

  public double lengthMinutes() {
    return (end.toInstant().toEpochMilli() - start.toInstant().toEpochMilli()) / 60_000.0;
  }
}
