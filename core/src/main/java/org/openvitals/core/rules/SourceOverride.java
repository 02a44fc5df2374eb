package org.openvitals.core.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.openvitals.core.model.SourceRef;

/**
 * Data of one source that was not used because another was preferred (or, for the cumulative floor,
 * a merged figure that was replaced by a single source's total). Facts only: {@link
 * ExplanationText} words them with the names and units a reader knows.
 *
 * @param overridden whose data was set aside
 * @param by whose data was used instead
 * @param amount how much was set aside: for {@link Readings} a number of readings, else in the
 *     metric's unit
 * @param reason why
 */
public record SourceOverride(SourceRef overridden, SourceRef by, double amount, Reason reason) {

  /** Why a source's data was set aside. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = RanksHigher.class, name = "ranks_higher"),
    @JsonSubTypes.Type(value = Floor.class, name = "floor"),
    @JsonSubTypes.Type(value = Readings.class, name = "readings"),
    @JsonSubTypes.Type(value = AppLog.class, name = "app_log"),
    @JsonSubTypes.Type(value = OtherNight.class, name = "other_night"),
    @JsonSubTypes.Type(value = SameWorkout.class, name = "same_workout")
  })
  public sealed interface Reason {}

  /**
   * A cumulative amount that {@code by}, ranked higher, had already counted.
   *
   * @param sameTimeMinutes how long {@code by} had data at the same time (0: none)
   * @param filledGaps whether the source still added what higher-ranked sources had not counted
   */
  public record RanksHigher(double sameTimeMinutes, boolean filledGaps) implements Reason {}

  /**
   * The slice-by-slice merge ({@code amount}) came out below {@code by}'s own total, which is used.
   */
  public record Floor(double byTotal) implements Reason {}

  /**
   * Readings that were not primary because {@code by} has a reading in the same windows.
   *
   * @param window the metric's window; null when one reading stands for the day
   */
  public record Readings(int windows, Duration window) implements Reason {}

  /** An app's log of the day, not added to {@code by}'s (apps are never added together). */
  public record AppLog() implements Reason {}

  /** Another night ending this day; {@code by}'s night is used. */
  public record OtherNight(double asleepMinutes) implements Reason {}

  /**
   * The same workout as {@code by}'s (overlapping, same type): linked, not counted twice.
   *
   * @param activityType null when the sources do not say
   */
  public record SameWorkout(String activityType, OffsetDateTime start) implements Reason {}
}
