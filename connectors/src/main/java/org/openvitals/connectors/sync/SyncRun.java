package org.openvitals.connectors.sync;

import java.time.Instant;
import java.util.List;

/**
 * One sync of one source, as kept in its history.
 *
 * @param written samples inserted or changed
 * @param unchanged samples the provider sent again unchanged
 * @param errors one line per failed stream (the other streams still ran), and the first few records
 *     each stream skipped, with why
 */
public record SyncRun(
    String provider,
    Instant started,
    Instant finished,
    SyncState outcome,
    int written,
    int unchanged,
    int tombstoned,
    int skipped,
    int requests,
    List<String> errors) {

  public SyncRun {
    errors = List.copyOf(errors);
  }
}
