package org.openvitals.connectors.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Talks to a provider's token endpoint: code exchange and refresh (RFC 6749 section 4.1.3 and 6),
 * with the client credentials in the form body. Understands both the standard answer and Withings'
 * {@code {"status":..,"body":{..}}} envelope.
 */
public final class TokenClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final Clock clock;

  public TokenClient(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  public TokenSet exchange(OAuthConfig config, AuthorizationCode code)
      throws OAuthException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code.code());
    form.put("redirect_uri", code.redirectUri().toString());
    form.put("code_verifier", code.verifier());
    return request(config, form, null);
  }

  public TokenSet refresh(OAuthConfig config, String refreshToken)
      throws OAuthException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    return request(config, form, refreshToken);
  }

  private TokenSet request(OAuthConfig config, Map<String, String> form, String previousRefresh)
      throws OAuthException, InterruptedException {
    config.requireClient();
    Map<String, String> body = new LinkedHashMap<>();
    if (config.dialect() == TokenDialect.WITHINGS) {
      body.put("action", "requesttoken");
    }
    body.put("client_id", config.clientId());
    body.put("client_secret", config.clientSecret());
    body.putAll(form);
    HttpRequest request =
        HttpRequest.newBuilder(config.tokenUrl())
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(QueryStrings.encode(body)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new OAuthException(
          "network",
          "Could not reach "
              + config.provider()
              + "'s token endpoint "
              + config.tokenUrl()
              + ": "
              + e,
          e);
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new OAuthException(
          response.statusCode() >= 500 ? "server_error" : "invalid_response",
          config.provider()
              + "'s token endpoint answered HTTP "
              + response.statusCode()
              + " with something that is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new OAuthException(
          "invalid_response", config.provider() + " sent an empty token answer");
    }
    JsonNode tokens =
        config.dialect() == TokenDialect.WITHINGS
            ? withingsBody(config, response.statusCode(), json)
            : standardBody(config, response.statusCode(), json);
    String access = text(tokens, "access_token");
    if (access == null) {
      throw new OAuthException(
          "invalid_response", config.provider() + "'s token answer has no access_token");
    }
    String refresh = text(tokens, "refresh_token");
    JsonNode expiresIn = tokens.get("expires_in");
    return new TokenSet(
        access,
        refresh != null ? refresh : previousRefresh, // RFC 6749 s.6: no new one means keep the old
        expiresIn != null && expiresIn.canConvertToLong()
                || expiresIn != null && expiresIn.isTextual()
            ? clock.instant().plusSeconds(expiresIn.asLong())
            : null,
        text(tokens, "scope"),
        text(tokens, "userid")); // Withings sends it as a number or a string
  }

  private static JsonNode standardBody(OAuthConfig config, int status, JsonNode json)
      throws OAuthException {
    if (status == 200 && json.has("access_token")) {
      return json;
    }
    String error = text(json, "error");
    String description = text(json, "error_description");
    if (error == null) {
      error = status == 429 ? "rate_limited" : status >= 500 ? "server_error" : "http_" + status;
    }
    throw new OAuthException(
        error,
        config.provider()
            + " refused the token request (HTTP "
            + status
            + ", "
            + error
            + (description == null ? "" : ": " + description)
            + ")");
  }

  /**
   * Withings answers HTTP 200 with {@code status} 0 and the tokens in {@code body}; some answers
   * omit {@code status} altogether. A non-zero status is an error: an invalid code or refresh token
   * becomes {@code invalid_grant}.
   */
  private static JsonNode withingsBody(OAuthConfig config, int httpStatus, JsonNode json)
      throws OAuthException {
    JsonNode body = json.get("body");
    int status = json.path("status").asInt(0);
    if (httpStatus == 200 && status == 0 && body != null && body.has("access_token")) {
      return body;
    }
    if (httpStatus != 200) {
      return standardBody(config, httpStatus, json);
    }
    String message = text(json, "error");
    String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    String error;
    if (status == 601) {
      error = "rate_limited";
    } else if (WithingsStatus.isAuthFailure(status)
        || lower.contains("refresh_token")
        || lower.contains("invalid code")
        || lower.contains("invalid_grant")) {
      error = "invalid_grant";
    } else if (status == 522 || status == 2555) {
      error = "server_error";
    } else {
      error = "provider_status_" + status;
    }
    throw new OAuthException(
        error,
        "withings refused the token request (status "
            + status
            + (message == null ? "" : ": " + message)
            + ")");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
