package org.openvitals.bridge.pairing;

import java.time.Instant;

/**
 * A phone allowed to upload. Only the SHA-256 of its token is kept, so the file never holds a
 * credential.
 *
 * @param lastUpload when its last batch was committed, or null
 */
public record PairedDevice(
    String deviceId,
    String name,
    String model,
    String osVersion,
    String tokenHash,
    Instant pairedAt,
    Instant lastUpload,
    long samplesReceived) {

  PairedDevice renamed(String newName) {
    return new PairedDevice(
        deviceId, newName, model, osVersion, tokenHash, pairedAt, lastUpload, samplesReceived);
  }

  PairedDevice uploaded(Instant at, int samples) {
    return new PairedDevice(
        deviceId, name, model, osVersion, tokenHash, pairedAt, at, samplesReceived + samples);
  }
}
