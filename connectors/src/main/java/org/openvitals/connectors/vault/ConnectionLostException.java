package org.openvitals.connectors.vault;

/**
 * The provider no longer accepts this account's refresh token (or it was never connected): only
 * signing in again helps. Shown as "reconnect needed" and never retried on a schedule.
 */
public class ConnectionLostException extends Exception {
  private final String account;

  public ConnectionLostException(String account, String message) {
    super(message);
    this.account = account;
  }

  public String account() {
    return account;
  }
}
