package org.openvitals.connectors.oauth;

/**
 * Withings' body {@code status} codes (HTTP is 200 even for errors), grouped as the Withings API
 * reference lists them.
 */
public final class WithingsStatus {
  private WithingsStatus() {}

  public static final int OK = 0;
  public static final int TOO_MANY_REQUESTS = 601;
  public static final int TIMEOUT = 522;

  /** 100-102, 200 and 401: the access token (or refresh token) is missing, invalid or expired. */
  public static boolean isAuthFailure(int status) {
    return status == 100 || status == 101 || status == 102 || status == 200 || status == 401;
  }

  /** 214, 277, 2553, 2554: the app or user is not (or no longer) allowed this call. */
  public static boolean isUnauthorized(int status) {
    return status == 214 || status == 277 || status == 2553 || status == 2554;
  }

  /** Worth retrying later: rate limited, timed out, or one of the "error occurred" codes. */
  public static boolean isTransient(int status) {
    return status == TOO_MANY_REQUESTS || status == TIMEOUT || status == 524 || status == 2555;
  }

  public static String describe(int status) {
    if (status == OK) {
      return "ok";
    }
    if (isAuthFailure(status)) {
      return "authentication failed (status " + status + ")";
    }
    if (status == TOO_MANY_REQUESTS) {
      return "too many requests (status 601)";
    }
    if (status == TIMEOUT) {
      return "timeout (status 522)";
    }
    if (status == 503 || (status >= 201 && status <= 213) || (status >= 501 && status <= 511)) {
      return "invalid parameters (status " + status + ")";
    }
    if (isUnauthorized(status)) {
      return "not allowed (status " + status + ")";
    }
    return "error (status " + status + ")";
  }
}
