package org.openvitals.connectors.sync;

import java.time.Instant;

/**
 * A cloud source's current status.
 *
 * @param lastRun the latest finished sync, or null
 * @param message why it is in error or needs reconnecting, else null
 * @param nextSync when the scheduler (of the app or a headless one) plans the next sync, or null
 *     when none is planned; it can lie in the past when no scheduler has run since
 * @param pausedUntil the end of the provider's rate-limit window, or null when it is not waiting
 */
public record SourceStatus(
    String provider,
    String displayName,
    SyncState state,
    Instant since,
    String message,
    SyncRun lastRun,
    Instant nextSync,
    Instant pausedUntil) {}
