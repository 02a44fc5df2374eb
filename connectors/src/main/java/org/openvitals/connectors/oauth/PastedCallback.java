package org.openvitals.connectors.oauth;

import java.net.URI;
import java.util.Map;

/**
 * What a user pasted when the redirect could not reach the loopback listener: the whole redirect
 * URL (code and state are read from it, and the state is checked) or the bare code.
 */
public record PastedCallback(String code, String state, String error) {

  /** Null for a blank line. */
  public static PastedCallback parse(String pasted) {
    String text = pasted.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith("http://") || text.startsWith("https://") || text.startsWith("?")) {
      String rawQuery = text.startsWith("?") ? text.substring(1) : URI.create(text).getRawQuery();
      Map<String, String> params = QueryStrings.decode(rawQuery);
      if (params.containsKey("error")) {
        return new PastedCallback(null, params.get("state"), params.get("error"));
      }
      return new PastedCallback(params.get("code"), params.get("state"), null);
    }
    return new PastedCallback(text, null, null);
  }
}
