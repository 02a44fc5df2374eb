package org.openvitals.connectors.oauth;

/** How a provider's token endpoint speaks. */
public enum TokenDialect {
  /** RFC 6749: form-encoded request, top-level JSON answer, {@code error} on failure. */
  STANDARD,
  /**
   * Withings: {@code action=requesttoken} in the form, the tokens wrapped in {@code {"status":0,
   * "body":{...}}}, HTTP 200 with a non-zero {@code status} on failure, comma-separated scopes.
   */
  WITHINGS
}
