package org.openvitals.core.model;

/** The groups a user ranks sources for. Each metric belongs to exactly one. */
public enum Category {
  ACTIVITY("activity"),
  SLEEP("sleep"),
  NUTRITION("nutrition"),
  BODY_COMPOSITION("body_composition"),
  HEART("heart"),
  VITALS("vitals"),
  WORKOUTS("workouts"),
  MOBILITY("mobility"),
  HEARING("hearing"),
  RESPIRATORY("respiratory"),
  MENTAL_WELLBEING("mental_wellbeing"),
  CYCLE_TRACKING("cycle_tracking"),
  SYMPTOMS("symptoms"),
  /** Apple Health's "Other Data": handwashing, daylight, UV, blood alcohol, insulin, falls. */
  OTHER_DATA("other_data");

  private final String id;

  Category(String id) {
    this.id = id;
  }

  /** Stable snake_case id used on the command line, in JSON and in the database. */
  public String id() {
    return id;
  }

  public static Category fromId(String id) {
    for (Category c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unknown category '" + id + "'");
  }
}
