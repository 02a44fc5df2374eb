package org.openvitals.core.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The identity under which a sample is upserted (docs/architecture.md, "A sample's path"): {@code
 * (source, type, external id)} when the provider gives an id, otherwise {@code (source, type,
 * start, end, value)}. Instants, not local times, are hashed, so the same reading written with
 * another UTC offset is the same sample.
 *
 * <p>The store matches this key exactly, by its parts (docs/architecture.md, "Store"); this class
 * gives the key's 64-bit form, the first 64 bits of its SHA-256, for code that needs a compact
 * identity in memory (deduplicating a batch, keying a map). Two different samples share it with
 * probability about n²/2⁶⁵ (under 10⁻³ for a hundred million samples).
 */
public final class NaturalKey {
  private NaturalKey() {}

  public static long of(Sample s) {
    StringBuilder key =
        new StringBuilder(96)
            .append(s.source().provider())
            .append('\u0000')
            .append(s.source().name());
    if (s.externalId() != null) {
      key.append("\u0000x\u0000").append(s.type().id()).append('\u0000').append(s.externalId());
    } else {
      key.append("\u0000n\u0000")
          .append(s.type().id())
          .append('\u0000')
          .append(s.start().toInstant().toEpochMilli())
          .append('\u0000')
          .append(s.end().toInstant().toEpochMilli())
          .append('\u0000')
          .append(Double.doubleToLongBits(s.value()));
    }
    return hash(key.toString());
  }

  /** Key of a sample known by its external id, for tombstones. */
  public static long ofExternalId(SourceRef source, MetricType type, String externalId) {
    return hash(
        source.provider()
            + '\u0000'
            + source.name()
            + "\u0000x\u0000"
            + type.id()
            + '\u0000'
            + externalId);
  }

  private static long hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return ByteBuffer.wrap(sha.digest(key.getBytes(StandardCharsets.UTF_8))).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
