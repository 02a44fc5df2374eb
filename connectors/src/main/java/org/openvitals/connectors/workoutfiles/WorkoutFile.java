package org.openvitals.connectors.workoutfiles;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader found in one recording file: the recording device or app as the file names it (null
 * when it does not), its workouts, and the records it skipped, each reason naming the record.
 */
final class WorkoutFile {
  String creator;
  final List<WorkoutRecording> workouts = new ArrayList<>();
  final List<String> rejected = new ArrayList<>();
  long records;
}
