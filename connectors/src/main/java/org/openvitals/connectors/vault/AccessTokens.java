package org.openvitals.connectors.vault;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.openvitals.connectors.oauth.OAuthConfig;
import org.openvitals.connectors.oauth.OAuthException;
import org.openvitals.connectors.oauth.TokenClient;
import org.openvitals.connectors.oauth.TokenSet;

/**
 * Hands out valid access tokens, refreshing them when they expire or are rejected.
 *
 * <p>Refresh is single-flight per account: concurrent callers wait on one lock and, once inside,
 * re-read the vault, so only the first one refreshes and the others take its result. A rotated
 * refresh token is written to the vault (durably) before the new access token is handed to anyone:
 * if that write fails, the new tokens are dropped and never used. On {@code invalid_grant} the
 * vault is read again (another process may have rotated the token meanwhile) before the account is
 * marked "reconnect needed".
 */
public final class AccessTokens {
  /** Refresh this long before the provider's expiry, so a token never dies mid-request. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final TokenVault vault;
  private final TokenClient client;
  private final Clock clock;
  private final Function<VaultEntry, OAuthConfig> configFor;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * @param configFor the provider's OAuth settings for an entry (its client id and secret come from
   *     the entry unless the settings override them)
   */
  public AccessTokens(
      TokenVault vault,
      TokenClient client,
      Clock clock,
      Function<VaultEntry, OAuthConfig> configFor) {
    this.vault = vault;
    this.client = client;
    this.clock = clock;
    this.configFor = configFor;
  }

  /** A token that is valid for at least a minute more. */
  public String current(String account)
      throws OAuthException, ConnectionLostException, InterruptedException {
    VaultEntry entry = usable(account);
    if (!entry.tokens().expiresWithin(clock.instant(), EXPIRY_MARGIN)) {
      return entry.tokens().accessToken();
    }
    return refresh(account, null);
  }

  /** The API said 401 to {@code rejected}: refresh, unless someone already replaced it. */
  public String afterRejection(String account, String rejected)
      throws OAuthException, ConnectionLostException, InterruptedException {
    return refresh(account, rejected);
  }

  private String refresh(String account, String rejected)
      throws OAuthException, ConnectionLostException, InterruptedException {
    ReentrantLock lock = locks.computeIfAbsent(account, a -> new ReentrantLock());
    lock.lockInterruptibly();
    try {
      VaultEntry entry = usable(account);
      boolean replaced = rejected != null && !rejected.equals(entry.tokens().accessToken());
      boolean fresh = !entry.tokens().expiresWithin(clock.instant(), EXPIRY_MARGIN);
      if (replaced || (rejected == null && fresh)) {
        return entry.tokens().accessToken(); // refreshed by whoever held the lock before us
      }
      return refreshLocked(entry, true);
    } finally {
      lock.unlock();
    }
  }

  private String refreshLocked(VaultEntry entry, boolean mayRereadVault)
      throws OAuthException, ConnectionLostException, InterruptedException {
    String refreshToken = entry.tokens().refreshToken();
    if (refreshToken == null) {
      throw lose(entry, "the provider gave no refresh token and the access token expired");
    }
    TokenSet fresh;
    try {
      fresh = client.refresh(configFor.apply(entry), refreshToken);
    } catch (OAuthException e) {
      if (!e.isInvalidGrant()) {
        throw e; // network, provider down, rate limited: try again on the next sync
      }
      // Another process may have rotated the token after we read the vault: look again.
      VaultEntry again = usable(entry.account());
      if (mayRereadVault && !Objects.equals(again.tokens().refreshToken(), refreshToken)) {
        if (!again.tokens().expiresWithin(clock.instant(), EXPIRY_MARGIN)) {
          return again.tokens().accessToken();
        }
        return refreshLocked(again, false);
      }
      throw lose(again, e.getMessage());
    }
    // Durable before use: if this throws, nobody ever sees the new access token.
    vault.write(entry.withTokens(fresh, clock.instant()));
    return fresh.accessToken();
  }

  private VaultEntry usable(String account) throws ConnectionLostException {
    VaultEntry entry =
        vault
            .read(account)
            .orElseThrow(() ->
                new ConnectionLostException(
                    account,
                    account + " is not connected: run 'openvitals connect " + account + "'"));
    if (entry.reconnectNeeded()) {
      throw new ConnectionLostException(account, reconnectMessage(entry));
    }
    if (entry.tokens() == null) {
      throw new ConnectionLostException(account, account + " has no tokens: connect it again");
    }
    return entry;
  }

  private ConnectionLostException lose(VaultEntry entry, String reason) {
    VaultEntry lost = entry.lost(reason, clock.instant());
    vault.write(lost);
    return new ConnectionLostException(entry.account(), reconnectMessage(lost));
  }

  private static String reconnectMessage(VaultEntry entry) {
    return "Reconnect needed for "
        + entry.account()
        + " ("
        + entry.lostReason()
        + "): run 'openvitals connect "
        + entry.account()
        + "'";
  }
}
