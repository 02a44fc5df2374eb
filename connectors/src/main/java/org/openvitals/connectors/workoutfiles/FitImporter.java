package org.openvitals.connectors.workoutfiles;

import java.io.InputStream;

/** FIT activity files (Garmin, Wahoo, Coros, Zwift ...); see {@link FitReader}. */
public final class FitImporter extends WorkoutFileImporter {
  public static final String ID = "fit";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "FIT workout (Garmin and other devices)";
  }

  @Override
  WorkoutFile parse(InputStream in) throws UnreadableFileException {
    return FitReader.read(in);
  }

  @Override
  String extension() {
    return "fit";
  }

  /** A FIT header: its size (12 or 14) in the first byte and ".FIT" at bytes 8 to 11. */
  @Override
  boolean looksRight(byte[] head) {
    return head.length >= 12
        && (head[0] == 12 || head[0] == 14)
        && head[8] == '.'
        && head[9] == 'F'
        && head[10] == 'I'
        && head[11] == 'T';
  }
}
