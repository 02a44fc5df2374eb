package org.openvitals.bridge.pairing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.connectors.vault.AtomicFiles;

/**
 * The paired phones of a data folder, in {@code bridge/devices.json}, rewritten durably on every
 * change. A revoked device is removed: its token hash is gone, so its next request gets 401.
 */
public final class PairedDevices {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final Map<String, PairedDevice> byId = new LinkedHashMap<>();

  public PairedDevices(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        for (PairedDevice d : JSON.readValue(file.toFile(), PairedDevice[].class)) {
          byId.put(d.deviceId(), d);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "The paired devices file " + file + " cannot be read: " + e.getMessage(), e);
      }
    }
  }

  public synchronized List<PairedDevice> list() {
    return List.copyOf(byId.values());
  }

  public synchronized Optional<PairedDevice> byId(String deviceId) {
    return Optional.ofNullable(byId.get(deviceId));
  }

  /** The device whose token this is, compared by hash. */
  public synchronized Optional<PairedDevice> byToken(String token) {
    byte[] hash = Base64Url.decode(hash(token));
    for (PairedDevice d : byId.values()) {
      if (MessageDigest.isEqual(hash, Base64Url.decode(d.tokenHash()))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Adds (or replaces, when the phone pairs again) a device; returns it. */
  synchronized PairedDevice add(
      String deviceId, String name, String model, String osVersion, String token, Instant at) {
    PairedDevice d = new PairedDevice(deviceId, name, model, osVersion, hash(token), at, null, 0);
    byId.put(deviceId, d);
    save();
    return d;
  }

  public synchronized boolean rename(String deviceId, String name) {
    PairedDevice d = byId.get(deviceId);
    if (d == null) {
      return false;
    }
    byId.put(deviceId, d.renamed(name));
    save();
    return true;
  }

  public synchronized boolean revoke(String deviceId) {
    if (byId.remove(deviceId) == null) {
      return false;
    }
    save();
    return true;
  }

  /** Records a committed upload. */
  public synchronized void uploaded(String deviceId, Instant at, int samples) {
    PairedDevice d = byId.get(deviceId);
    if (d != null) {
      byId.put(deviceId, d.uploaded(at, samples));
      save();
    }
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.writeDurably(file, JSON.writeValueAsBytes(new ArrayList<>(byId.values())));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
    }
  }

  static String hash(String token) {
    try {
      return Base64Url.encode(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
