package org.openvitals.bridge.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 6-digit code both screens show during pairing, from the desktop's key hash and both sides'
 * nonces (spec/vectors/comparison-codes.json). A phone that scanned someone else's QR code, or a
 * second phone racing the first, shows a different code than the desktop.
 */
public final class ComparisonCode {
  private static final byte[] LABEL = "openvitals-pair-v1".getBytes(StandardCharsets.US_ASCII);

  private ComparisonCode() {}

  public static String of(String keyHash, String phoneNonce, String desktopNonce) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(LABEL);
      sha.update(Base64Url.decode(keyHash));
      sha.update(Base64Url.decode(phoneNonce));
      sha.update(Base64Url.decode(desktopNonce));
      byte[] d = sha.digest();
      long n =
          ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
      return String.format("%06d", n % 1_000_000);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
