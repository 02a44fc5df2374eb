package org.openvitals.core.store.phone;

import java.time.Instant;

/** What one paired phone has uploaded, derived from its stored batches. */
public record PhoneUploads(
    String deviceId,
    long batches,
    long samplesReceived,
    long deletionsReceived,
    Instant firstUpload,
    Instant lastUpload) {}
