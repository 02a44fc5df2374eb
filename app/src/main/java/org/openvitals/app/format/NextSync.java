package org.openvitals.app.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncState;

/** A cloud source's next planned sync in words, as the Sources screen and {@code status} say it. */
public final class NextSync {
  private NextSync() {}

  /**
   * When {@code status}'s next sync is planned, in words ("14:30", "after the rate-limit window,
   * 15:00", "due now"); null for a source that is not synced (not connected, reconnect needed) or
   * is syncing now.
   */
  public static String describe(SourceStatus status, Instant now, ZoneId zone) {
    if (status.state() == SyncState.NOT_CONNECTED
        || status.state() == SyncState.RECONNECT_NEEDED
        || status.state() == SyncState.SYNCING) {
      return null; // not synced, or the sync is happening now
    }
    if (status.pausedUntil() != null) {
      return "after the rate-limit window, " + at(status.pausedUntil(), now, zone);
    }
    if (status.nextSync() == null) {
      return "when background sync runs";
    }
    if (!status.nextSync().isAfter(now)) {
      return "due now";
    }
    return at(status.nextSync(), now, zone);
  }

  /** "14:30" within the day ahead, else with its date. */
  private static String at(Instant when, Instant now, ZoneId zone) {
    String pattern = Duration.between(now, when).toHours() < 20 ? "HH:mm" : "yyyy-MM-dd HH:mm";
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(when.atZone(zone));
  }
}
