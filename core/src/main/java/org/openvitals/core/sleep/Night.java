package org.openvitals.core.sleep;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.SourceRef;

/**
 * One source's night (or nap), dated by the day it ends, as a person reads it: when they went to
 * bed and woke, the stages in order, and time in bed against time asleep.
 *
 * @param stages the hypnogram, in time order; empty when the source gives stage totals only (WHOOP)
 * @param stageMinutes minutes per stage, from the hypnogram or the source's own totals
 * @param inBedMinutes from bed time to wake time, less gaps no record covers
 * @param asleepMinutes minutes in an asleep stage (every stage but awake), overlaps counted once
 * @param primary the rules chose this night for the day (see docs/architecture.md, Rules)
 */
public record Night(
    SourceRef source,
    LocalDate day,
    OffsetDateTime bedTime,
    OffsetDateTime wakeTime,
    List<StageSpan> stages,
    Map<Stage, Double> stageMinutes,
    double inBedMinutes,
    double asleepMinutes,
    boolean primary,
    boolean nap) {

  public Night {
    stages = List.copyOf(stages);
    stageMinutes = Map.copyOf(stageMinutes);
  }

  /** Whether the source recorded when each stage happened (else only how long in total). */
  public boolean hasTimeline() {
    return !stages.isEmpty();
  }

  /**
   * Whether the source recorded sleep stages at all (a phone's bedtime records only time in bed).
   */
  public boolean hasStages() {
    return !stageMinutes.isEmpty();
  }

  /** Asleep as a share of time in bed, 0 to 1 (0 when nothing was in bed). */
  public double efficiency() {
    return inBedMinutes > 0 ? Math.min(1, asleepMinutes / inBedMinutes) : 0;
  }
}
