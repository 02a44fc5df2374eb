package org.openvitals.connectors.sync;

/** What the user sees for a cloud source. */
public enum SyncState {
  NOT_CONNECTED("not connected"),
  OK("ok"),
  SYNCING("syncing"),
  ERROR("error"),
  /** Waiting for the provider's rate-limit window to end; the next sync starts then. */
  RATE_LIMITED("waiting for the rate limit"),
  RECONNECT_NEEDED("reconnect needed");

  private final String label;

  SyncState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
