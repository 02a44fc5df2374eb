package org.openvitals.app.workouts;

import java.util.List;
import org.openvitals.core.model.Sample;
import org.openvitals.core.workouts.Polyline;

/**
 * What a workout's page shows beyond its row: the heart-rate readings during it (one source) and
 * its route's points, or why there is no route.
 */
public record WorkoutDetail(
    WorkoutRow row, List<Sample> heartRate, List<Polyline.Point> route, String routeNote) {

  public WorkoutDetail {
    heartRate = List.copyOf(heartRate);
    route = List.copyOf(route);
  }
}
