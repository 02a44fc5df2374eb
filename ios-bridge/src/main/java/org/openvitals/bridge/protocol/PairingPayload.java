package org.openvitals.bridge.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the QR code (or its text) tells the phone: {@code
 * openvitals-pair:v1?h=<addresses>&p=<port>&k=<base64url SPKI SHA-256>&s=<secret>&n=<name>}. Values
 * are percent-encoded; {@code h} is a comma-separated list.
 *
 * @param keyHash the SHA-256 of the desktop certificate's SubjectPublicKeyInfo, base64url
 * @param secret the one-time pairing secret, 16 bytes base64url
 */
public record PairingPayload(
    List<String> hosts, int port, String keyHash, String secret, String name) {
  public static final String PREFIX = "openvitals-pair:";
  public static final String VERSION = "v1";

  public PairingPayload {
    hosts = List.copyOf(hosts);
  }

  /** A payload that cannot be used; {@code reason} is the code the test vectors name. */
  public static final class InvalidPayloadException extends IllegalArgumentException {
    private final String reason;

    InvalidPayloadException(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  public static PairingPayload parse(String text) {
    String t = text.strip();
    if (!t.startsWith(PREFIX)) {
      throw new InvalidPayloadException(
          "not_a_pairing_payload", "This is not an OpenVitals pairing code");
    }
    int q = t.indexOf('?');
    String version = q < 0 ? t.substring(PREFIX.length()) : t.substring(PREFIX.length(), q);
    if (!VERSION.equals(version)) {
      throw new InvalidPayloadException(
          "unsupported_version",
          "Pairing code version '" + version + "' is not supported (expected v1)");
    }
    Map<String, String> params = new HashMap<>();
    for (String pair : q < 0 ? new String[0] : t.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (params.putIfAbsent(key, value) != null) {
        throw new InvalidPayloadException("repeated_" + key, "Parameter " + key + " appears twice");
      }
    }
    String h = required(params, "h");
    String p = required(params, "p");
    String k = required(params, "k");
    String s = required(params, "s");
    String n = required(params, "n");
    int port;
    try {
      port = Integer.parseInt(p);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new InvalidPayloadException("bad_p", "Port '" + p + "' is not a TCP port");
    }
    requireBytes(k, 32, "bad_k", "key hash");
    requireBytes(s, 16, "bad_s", "secret");
    List<String> hosts =
        Arrays.stream(h.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    if (hosts.isEmpty()) {
      throw new InvalidPayloadException("missing_h", "The pairing code names no address");
    }
    return new PairingPayload(hosts, port, k, s, n);
  }

  private static String required(Map<String, String> params, String key) {
    String v = params.get(key);
    if (v == null || v.isBlank()) {
      throw new InvalidPayloadException("missing_" + key, "The pairing code has no " + key + "=");
    }
    return v;
  }

  private static void requireBytes(String value, int bytes, String reason, String what) {
    byte[] decoded;
    try {
      decoded = Base64Url.decode(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidPayloadException(reason, "The " + what + " is not base64url");
    }
    if (decoded.length != bytes) {
      throw new InvalidPayloadException(
          reason, "The " + what + " has " + decoded.length + " bytes, expected " + bytes);
    }
  }

  /** The payload as text, for the QR code and the pairing file. */
  public String format() {
    return PREFIX
        + VERSION
        + "?h="
        + encode(String.join(",", hosts))
        + "&p="
        + port
        + "&k="
        + keyHash
        + "&s="
        + secret
        + "&n="
        + encode(name);
  }

  private static String encode(String value) {
    // URLEncoder writes form encoding; the payload uses RFC 3986 (%20, and ',' '[' ']' ':' kept
    // readable).
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2C", ",")
        .replace("%5B", "[")
        .replace("%5D", "]")
        .replace("%3A", ":");
  }
}
