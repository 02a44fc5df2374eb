package org.openvitals.connectors.http;

/**
 * An API request failed for good (after retries, or with an answer retrying cannot fix). The
 * message names the provider, the request and the answer.
 */
public class ApiException extends Exception {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public ApiException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
  }

  /** The HTTP status (or provider body status), or -1 for network failures. */
  public int status() {
    return status;
  }
}
