package org.openvitals.core.backup;

/** A backup could not be restored; the message names the archive and the reason. */
public class BackupException extends RuntimeException {
  public BackupException(String message) {
    super(message);
  }

  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
