package org.openvitals.connectors.http;

import java.time.Instant;

/**
 * The provider's rate-limit window ends later than a sync should wait for (a daily limit): the sync
 * stops here, at a page boundary, and the next one starts once the window is over.
 */
public final class RateLimitedException extends ApiException {
  private final Instant until;

  public RateLimitedException(String provider, Instant until) {
    super(429, provider + " is rate limited until " + until + "; syncing resumes then");
    this.until = until;
  }

  public Instant until() {
    return until;
  }
}
