package org.openvitals.core.store.phone;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The stored answer to one {@link PhoneBatch}: produced once, when the batch's samples, deletions
 * and anchor committed together, and returned again, unchanged but for {@code replayed}, whenever
 * the same batch id arrives again.
 *
 * @param acknowledgedAnchor the anchor now stored for the batch's stream
 * @param samplesReceived upserts the batch carried
 * @param deletionsReceived deleted UUIDs the batch carried
 * @param inserted samples stored as new rows
 * @param updated stored samples whose content changed
 * @param unchanged samples stored already as they are (sent before, or read from an export)
 * @param suppressed samples left out because their UUID was deleted (in this or an earlier batch)
 * @param samplesDeleted stored samples this batch's deletions removed
 * @param unmapped the batch's {@link PhoneBatch#unmapped} counts
 * @param replayed whether this batch id had been applied before (nothing changed this time)
 */
public record PhoneBatchResult(
    UUID batchId,
    String deviceId,
    String stream,
    String acknowledgedAnchor,
    Instant receivedAt,
    int samplesReceived,
    int deletionsReceived,
    int inserted,
    int updated,
    int unchanged,
    int suppressed,
    int samplesDeleted,
    Map<String, Integer> unmapped,
    boolean replayed) {

  public PhoneBatchResult {
    unmapped = Map.copyOf(unmapped);
  }

  /** The same answer, marked as given for a batch id seen before. */
  public PhoneBatchResult asReplay() {
    return new PhoneBatchResult(
        batchId,
        deviceId,
        stream,
        acknowledgedAnchor,
        receivedAt,
        samplesReceived,
        deletionsReceived,
        inserted,
        updated,
        unchanged,
        suppressed,
        samplesDeleted,
        unmapped,
        true);
  }
}
