package org.openvitals.connectors.vault;

import java.time.Instant;
import java.util.Objects;
import org.openvitals.connectors.oauth.TokenSet;

/**
 * What the vault keeps for one connected account: the client credentials the user brought, the
 * current tokens, and whether the connection was lost ("reconnect needed").
 *
 * @param lostReason why the connection was lost, or null while it works
 */
public record VaultEntry(
    String account,
    String clientId,
    String clientSecret,
    TokenSet tokens,
    Instant updatedAt,
    String lostReason) {

  public VaultEntry {
    Objects.requireNonNull(account, "account");
  }

  public boolean reconnectNeeded() {
    return lostReason != null;
  }

  public VaultEntry withTokens(TokenSet newTokens, Instant at) {
    return new VaultEntry(account, clientId, clientSecret, newTokens, at, null);
  }

  public VaultEntry lost(String reason, Instant at) {
    return new VaultEntry(account, clientId, clientSecret, tokens, at, reason);
  }
}
