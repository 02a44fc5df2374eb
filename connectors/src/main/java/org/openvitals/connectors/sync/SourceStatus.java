package org.openvitals.connectors.sync;

import java.time.Instant;

/**
 * A cloud source's current status.
 *
 * @param lastRun the latest finished sync, or null
 * @param message why it is in error or needs reconnecting, else null
 */
public record SourceStatus(
    String provider,
    String displayName,
    SyncState state,
    Instant since,
    String message,
    SyncRun lastRun) {}
