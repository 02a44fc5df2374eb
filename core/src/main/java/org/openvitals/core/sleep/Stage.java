package org.openvitals.core.sleep;

import org.openvitals.core.model.MetricType;

/** A row of the hypnogram, top to bottom: the stages a night is drawn with. */
public enum Stage {
  AWAKE("Awake"),
  REM("REM"),
  CORE("Core / light"),
  DEEP("Deep"),
  /** Asleep with no stage (older Apple Watches, phones that only know asleep or not). */
  ASLEEP("Asleep, no stage");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The stage a sleep sample records, or null for time in bed (not a stage). */
  public static Stage of(MetricType type) {
    return switch (type) {
      case SLEEP_AWAKE -> AWAKE;
      case SLEEP_REM -> REM;
      case SLEEP_CORE -> CORE;
      case SLEEP_DEEP -> DEEP;
      case SLEEP_ASLEEP -> ASLEEP;
      default -> null;
    };
  }

  /** Whether the stage counts as time asleep. */
  public boolean asleep() {
    return this != AWAKE;
  }
}
