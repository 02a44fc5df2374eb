package org.openvitals.connectors.workoutfiles;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Garmin Training Center XML files (Garmin Connect, Google Fit, Polar); see {@link TcxReader}. */
public final class TcxImporter extends WorkoutFileImporter {
  public static final String ID = "tcx";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "TCX workout (Training Center XML)";
  }

  @Override
  WorkoutFile parse(InputStream in) throws UnreadableFileException {
    return TcxReader.read(in);
  }

  @Override
  String extension() {
    return "tcx";
  }

  @Override
  boolean looksRight(byte[] head) {
    return new String(head, StandardCharsets.UTF_8).contains("TrainingCenterDatabase");
  }
}
