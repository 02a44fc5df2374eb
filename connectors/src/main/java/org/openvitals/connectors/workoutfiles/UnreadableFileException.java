package org.openvitals.connectors.workoutfiles;

/** A recording file that cannot be read to the end; nothing of it is stored. */
public final class UnreadableFileException extends Exception {
  private final String where;

  UnreadableFileException(String where, String message, Throwable cause) {
    super(message, cause);
    this.where = where;
  }

  /** The place in the file: "line 12", "decoding". */
  public String where() {
    return where;
  }
}
