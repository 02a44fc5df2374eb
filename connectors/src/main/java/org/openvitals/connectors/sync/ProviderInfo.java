package org.openvitals.connectors.sync;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openvitals.connectors.oauth.TokenDialect;

/**
 * A cloud provider's built-in defaults; {@link CloudSettings} lets the user override each of them.
 *
 * @param requestLimit requests allowed per {@code requestWindow} for this app
 * @param historyDays how far back the first sync reaches
 */
public record ProviderInfo(
    String id,
    String displayName,
    URI authorizationUrl,
    URI tokenUrl,
    URI apiUrl,
    List<String> scopes,
    String scopeSeparator,
    boolean pkce,
    TokenDialect dialect,
    int requestLimit,
    Duration requestWindow,
    Duration syncInterval,
    int historyDays) {

  public ProviderInfo {
    scopes = List.copyOf(scopes);
  }
}
