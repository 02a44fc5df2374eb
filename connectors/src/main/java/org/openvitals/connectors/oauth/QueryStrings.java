package org.openvitals.connectors.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * application/x-www-form-urlencoded in both directions, with the JDK's encoder and decoder; used
 * for query strings and token request bodies.
 */
public final class QueryStrings {
  private QueryStrings() {}

  public static String encode(Map<String, String> params) {
    StringJoiner joined = new StringJoiner("&");
    params.forEach((name, value) -> {
      if (value != null) {
        joined.add(
            URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    });
    return joined.toString();
  }

  /** {@code base} with {@code params} appended to whatever query it already has. */
  public static URI withQuery(URI base, Map<String, String> params) {
    String extra = encode(params);
    if (extra.isEmpty()) {
      return base;
    }
    String text = base.toString();
    return URI.create(text + (base.getRawQuery() == null ? "?" : "&") + extra);
  }

  public static Map<String, String> decode(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
