package org.openvitals.connectors.workoutfiles;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** GPX 1.1 track files (Garmin Connect, Strava, Wahoo, phone apps); see {@link GpxReader}. */
public final class GpxImporter extends WorkoutFileImporter {
  public static final String ID = "gpx";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "GPX workout (track with heart rate)";
  }

  @Override
  WorkoutFile parse(InputStream in) throws UnreadableFileException {
    return GpxReader.read(in);
  }

  @Override
  String extension() {
    return "gpx";
  }

  @Override
  boolean looksRight(byte[] head) {
    return new String(head, StandardCharsets.UTF_8).contains("<gpx");
  }
}
