package org.openvitals.bridge.protocol;

import java.util.Locale;

/** The stable error codes of the protocol's Error answer and the HTTP status each goes with. */
public enum ErrorCode {
  MALFORMED_JSON(400),
  INVALID_REQUEST(400),
  UNAUTHORIZED(401),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  PAYLOAD_TOO_LARGE(413),
  TOO_MANY_SAMPLES(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  RATE_LIMITED(429),
  PAIRING_SECRET_UNKNOWN(403),
  PAIRING_SECRET_EXPIRED(403),
  PAIRING_SECRET_USED(403),
  PAIRING_REFUSED(403),
  PAIRING_EXPIRED(403),
  INTERNAL_ERROR(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The code as the wire spells it ({@code too_many_samples}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
