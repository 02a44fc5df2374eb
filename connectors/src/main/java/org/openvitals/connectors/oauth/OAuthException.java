package org.openvitals.connectors.oauth;

/**
 * An OAuth step failed. {@link #error()} is the RFC 6749 error code when the provider sent one
 * ({@code invalid_grant}, {@code access_denied} ...), else a short code of ours ({@code timeout},
 * {@code state_mismatch}, {@code network}, {@code provider_status_N}).
 */
public class OAuthException extends Exception {
  private final String error;

  public OAuthException(String error, String message) {
    super(message);
    this.error = error;
  }

  public OAuthException(String error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  public String error() {
    return error;
  }

  /** The refresh token (or code) is no longer accepted: only a new sign-in helps. */
  public boolean isInvalidGrant() {
    return "invalid_grant".equals(error);
  }

  /** Worth trying again later: the network or the provider's side failed, not our credentials. */
  public boolean isTransient() {
    return "network".equals(error) || "server_error".equals(error) || "rate_limited".equals(error);
  }
}
