package org.openvitals.core.model;

/** How samples of a metric combine over time; the rules treat each kind differently. */
public enum AggregationKind {
  /** Amounts that add up over time (steps, energy, distance, nutrients). */
  CUMULATIVE,
  /** Instantaneous readings (heart rate, weight); never summed. */
  DISCRETE,
  /**
   * A state held over an interval (sleep stages); the value is the interval's length in minutes.
   */
  INTERVAL_STATE,
  /** Events with their own extent (workouts); the value is the duration in minutes. */
  EVENT
}
