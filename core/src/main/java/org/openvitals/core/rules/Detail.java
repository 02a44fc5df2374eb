package org.openvitals.core.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.OffsetDateTime;
import java.util.List;
import org.openvitals.core.model.SourceRef;

/** The evidence behind one day's value, per aggregation kind; built only when explaining. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Detail.Slices.class, name = "slices"),
  @JsonSubTypes.Type(value = Detail.Samples.class, name = "samples"),
  @JsonSubTypes.Type(value = Detail.Sleep.class, name = "sleep"),
  @JsonSubTypes.Type(value = Detail.Workouts.class, name = "workouts")
})
public sealed interface Detail {

  /** Cumulative metrics: consecutive time slices won by the same source. */
  record Slices(int sliceSeconds, List<SliceRun> runs) implements Detail {}

  /**
   * A run of consecutive slices that one source won.
   *
   * @param amount what the winner contributed in the run
   * @param setAside what lower-ranked sources had in the same slices and was not used
   */
  record SliceRun(
      OffsetDateTime start, OffsetDateTime end, SourceRef source, double amount, double setAside)
      implements Detail.Part {}

  /** Discrete readings and nutrition entries: every sample of the day, used or not. */
  record Samples(List<SampleLine> samples) implements Detail {}

  /**
   * @param used primary reading, or entry counted in the total
   * @param quality the sample's score, 0 (implausible) to 1 (see {@link Quality#sampleScore})
   * @param note why it was or was not used
   * @param implausible why the reading is implausible; null when it is not
   */
  record SampleLine(
      OffsetDateTime start,
      OffsetDateTime end,
      double value,
      SourceRef source,
      boolean used,
      double quality,
      String note,
      Plausibility.Problem implausible)
      implements Detail.Part {}

  /** Sleep: the primary night, the other sources' nights, and naps. */
  record Sleep(SleepSession night, List<SleepSession> alternatives, List<SleepSession> naps)
      implements Detail {}

  /** Workouts: each merged workout with the duplicates linked to it. */
  record Workouts(List<WorkoutGroup> workouts) implements Detail {}

  /** Marks the leaves of a detail tree. */
  sealed interface Part permits SliceRun, SampleLine, SleepSession, WorkoutGroup {}
}
