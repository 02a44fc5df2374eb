package org.openvitals.connectors.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** An RFC 7636 verifier and its S256 challenge. */
public record Pkce(String verifier, String challenge) {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  public static Pkce create(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String verifier = URL.encodeToString(bytes); // 43 characters from the unreserved set
    return new Pkce(verifier, challengeOf(verifier));
  }

  public static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  public String method() {
    return "S256";
  }
}
