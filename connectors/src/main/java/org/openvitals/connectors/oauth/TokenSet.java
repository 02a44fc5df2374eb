package org.openvitals.connectors.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tokens from a provider's token endpoint.
 *
 * @param expiresAt when the access token stops working (computed from {@code expires_in} at
 *     receipt), or null when the provider did not say
 * @param userId the provider's user id when it sends one (Withings), else null
 */
public record TokenSet(
    String accessToken, String refreshToken, Instant expiresAt, String scope, String userId) {

  public TokenSet {
    Objects.requireNonNull(accessToken, "accessToken");
  }

  /** Whether the access token expires within {@code margin} of {@code now}. */
  public boolean expiresWithin(Instant now, Duration margin) {
    return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
  }
}
