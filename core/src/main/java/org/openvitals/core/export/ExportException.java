package org.openvitals.core.export;

/** An export could not be written; the message names the file and the reason. */
public class ExportException extends RuntimeException {
  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
