package org.openvitals.core.rules;

import java.util.List;
import org.openvitals.core.model.Sample;

/**
 * One workout as the user did it: the preferred source's record, with the same workout from other
 * sources linked (overlapping in time, same activity type).
 */
public record WorkoutGroup(Sample primary, String activityType, List<Sample> linked)
    implements Detail.Part {

  public WorkoutGroup {
    linked = List.copyOf(linked);
  }
}
