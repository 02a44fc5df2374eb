package org.openvitals.connectors.sync;

import java.util.List;
import org.openvitals.connectors.http.RateLimitHeaders;
import org.openvitals.connectors.http.ResponseCheck;

/**
 * A cloud source: its provider defaults and the data streams it syncs. A connector is one package
 * plus one line in {@code META-INF/services/org.openvitals.connectors.sync.CloudConnector}.
 */
public interface CloudConnector {

  ProviderInfo info();

  /** Streams synced one after another in this order, sharing the provider's request budget. */
  List<SyncStream> streams();

  /**
   * The scopes a person may tick when connecting, in the order shown; empty when the provider's
   * scopes are fixed (the connector then asks for {@link ProviderInfo#scopes}).
   */
  default List<ScopeChoice> scopeChoices() {
    return List.of();
  }

  /** How to read errors from HTTP 200 answers; most providers need none. */
  default ResponseCheck responseCheck() {
    return ResponseCheck.NONE;
  }

  /** How the provider's answers say its allowance is used up. */
  default RateLimitHeaders rateLimitHeaders() {
    return RateLimitHeaders.STANDARD;
  }

  default String id() {
    return info().id();
  }
}
