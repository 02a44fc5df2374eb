package org.openvitals.app.workouts;

import org.openvitals.core.workouts.Workout;

/**
 * A workout in the list with its heart rate: from the readings stored during it when there are any,
 * else the figures a source computed (Strava's average and maximum); null when neither.
 */
public record WorkoutRow(Workout workout, Double averageHeartRate, Double maxHeartRate) {}
