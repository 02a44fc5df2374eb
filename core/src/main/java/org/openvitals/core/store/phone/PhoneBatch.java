package org.openvitals.core.store.phone;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One upload of a paired phone: the samples and deletions an anchored HealthKit query returned for
 * one stream since the last acknowledged anchor, and the new anchor.
 *
 * @param deviceId the paired phone's id, as the bridge knows it
 * @param batchId the idempotency key: a batch applied once is never applied again
 * @param stream the stream (HealthKit type identifier) the anchor belongs to
 * @param anchor the new anchor (opaque, stored as given)
 * @param upserts the samples added or re-sent
 * @param deleted UUIDs of HealthKit objects deleted on the phone
 * @param unmapped HealthKit types the bridge could not map to a metric, with how many samples of
 *     each it left out; kept in the stored answer so a replay reports them too
 * @param receivedAt when the bridge received the batch
 */
public record PhoneBatch(
    String deviceId,
    UUID batchId,
    String stream,
    String anchor,
    List<PhoneSample> upserts,
    List<UUID> deleted,
    Map<String, Integer> unmapped,
    Instant receivedAt) {

  public PhoneBatch {
    requireText(deviceId, "deviceId");
    Objects.requireNonNull(batchId, "batchId");
    requireText(stream, "stream");
    requireText(anchor, "anchor");
    upserts = List.copyOf(upserts);
    deleted = List.copyOf(deleted);
    unmapped = Map.copyOf(unmapped);
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("A phone batch needs a " + name);
    }
  }
}
