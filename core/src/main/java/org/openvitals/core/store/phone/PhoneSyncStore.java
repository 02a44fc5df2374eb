package org.openvitals.core.store.phone;

import java.util.List;
import java.util.Map;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreException;

/**
 * The store's side of the phone protocol (docs/architecture.md, section "Store"): anchored,
 * idempotent batches of HealthKit samples identified by UUID. The stores of both engines implement
 * it; the bridge reaches it through {@link #of(SampleStore)}.
 *
 * <p>Samples keep the export importer's natural key, and each stored row remembers the UUIDs it was
 * sent under, so a reading is one row whether it came from an export, the phone, or both. A deleted
 * UUID is remembered for good: it removes the row it names (once no other live UUID names it) and
 * keeps a later upsert of the same UUID out, in whatever order the two arrive.
 */
public interface PhoneSyncStore {

  /**
   * Applies one batch in one transaction: its deletions, its samples, the batch's answer and its
   * stream's anchor commit together or not at all. A batch id applied before changes nothing and
   * gets the stored answer back ({@link PhoneBatchResult#replayed()}). Samples are matched by UUID
   * first (a re-sent UUID with other values updates its row), then by natural key (a reading
   * imported from an export, or sent under another UUID, adopts this UUID). Rollups of every
   * touched day are brought up to date in the same transaction, which also makes the rules' stored
   * days for them stale.
   *
   * @throws IllegalArgumentException when the batch id was used by another device
   * @throws StoreException when the write fails; nothing of the batch is stored
   */
  PhoneBatchResult applyPhoneBatch(PhoneBatch batch);

  /** The acknowledged anchor of each stream of one device, by stream. */
  Map<String, String> phoneAnchors(String deviceId);

  /**
   * Forgets a device's anchors so that its next uploads send everything again. Samples, batches and
   * deletions are kept: re-sent samples match their rows by UUID and change nothing.
   *
   * @return how many anchors were forgotten
   */
  int startPhoneResync(String deviceId);

  /** Each device that has uploaded, with its counts, ordered by device id. */
  List<PhoneUploads> phoneUploads();

  /** A device's latest batches, newest first, at most {@code limit}. */
  List<PhoneBatchResult> phoneBatches(String deviceId, int limit);

  /**
   * The phone side of {@code store}.
   *
   * @throws UnsupportedOperationException when the store keeps no phone batches (a test double)
   */
  static PhoneSyncStore of(SampleStore store) {
    if (store instanceof PhoneSyncStore phones) {
      return phones;
    }
    throw new UnsupportedOperationException(
        store.getClass().getSimpleName() + " does not take phone uploads");
  }
}
