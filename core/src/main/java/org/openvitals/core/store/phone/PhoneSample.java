package org.openvitals.core.store.phone;

import java.util.Objects;
import java.util.UUID;
import org.openvitals.core.model.Sample;

/**
 * One sample a paired phone sent: the HealthKit object's UUID and the sample it maps to. A
 * HealthKit object that maps to several samples (a blood-pressure correlation: systolic and
 * diastolic) sends one entry per sample under the same UUID, each of another metric type.
 *
 * <p>The sample's natural key is the Apple Health export importer's (source, type, start, end,
 * value, or the HKMetadataKeySyncIdentifier as external id), so the same reading read from an
 * export and sent by the phone is one row.
 */
public record PhoneSample(UUID uuid, Sample sample) {
  public PhoneSample {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(sample, "sample");
  }
}
