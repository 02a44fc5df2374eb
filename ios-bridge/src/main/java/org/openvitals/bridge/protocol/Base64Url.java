package org.openvitals.bridge.protocol;

import java.security.SecureRandom;
import java.util.Base64;

/** Base64url without padding, the protocol's form for keys, secrets, nonces and tokens. */
public final class Base64Url {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The bytes of {@code text}; an {@link IllegalArgumentException} when it is not base64url. */
  public static byte[] decode(String text) {
    if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
      throw new IllegalArgumentException("not base64url without padding");
    }
    return Base64.getUrlDecoder().decode(text);
  }

  /** {@code bytes} random bytes from a SecureRandom, encoded. */
  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return encode(b);
  }
}
