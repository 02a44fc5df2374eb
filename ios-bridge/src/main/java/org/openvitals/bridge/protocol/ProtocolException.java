package org.openvitals.bridge.protocol;

/**
 * A request the desktop refuses, with the protocol's error code, HTTP status and field at fault.
 */
public final class ProtocolException extends RuntimeException {
  private final ErrorCode code;
  private final String field;
  private final int retryAfterSeconds;

  public ProtocolException(ErrorCode code, String message) {
    this(code, message, null, 0);
  }

  public ProtocolException(ErrorCode code, String message, String field, int retryAfterSeconds) {
    super(message);
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ErrorCode code() {
    return code;
  }

  /** JSON Pointer of the field at fault, or null. */
  public String field() {
    return field;
  }

  /** Seconds to wait (429), or 0. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
