package org.openvitals.connectors.oauth;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to sign in to one provider and refresh its tokens. Every URL is configurable
 * (settings file, environment) so tests, proxies and regional endpoints need no code change.
 *
 * @param relayUrl a page the user hosts that forwards {@code code} and {@code state} to the
 *     loopback port carried in {@code state}; null to redirect to the loopback listener directly
 * @param loopbackPort fixed port for the loopback listener (providers that match redirect URIs
 *     exactly), or 0 for an ephemeral one
 */
public record OAuthConfig(
    String provider,
    URI authorizationUrl,
    URI tokenUrl,
    String clientId,
    String clientSecret,
    List<String> scopes,
    String scopeSeparator,
    boolean pkce,
    TokenDialect dialect,
    URI relayUrl,
    int loopbackPort) {

  public OAuthConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(authorizationUrl, "authorizationUrl");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(dialect, "dialect");
    scopes = List.copyOf(scopes);
  }

  public String scope() {
    return String.join(scopeSeparator, scopes);
  }

  public OAuthConfig withClient(String id, String secret) {
    return new OAuthConfig(
        provider,
        authorizationUrl,
        tokenUrl,
        id,
        secret,
        scopes,
        scopeSeparator,
        pkce,
        dialect,
        relayUrl,
        loopbackPort);
  }

  /** Fails with a sentence saying where to set the client id when it is missing. */
  public void requireClient() throws OAuthException {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      throw new OAuthException(
          "missing_client",
          "No client id/secret for "
              + provider
              + ": pass --client-id and --client-secret to 'openvitals connect "
              + provider
              + "' (see README, Connecting cloud sources)");
    }
  }
}
