package org.openvitals.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Reads a provider's errors out of an HTTP 200 body (Withings answers 200 with a non-zero {@code
 * status}). Providers that use HTTP statuses properly use {@link #NONE}.
 */
@FunctionalInterface
public interface ResponseCheck {
  ResponseCheck NONE = body -> Verdict.OK;

  Verdict check(JsonNode body);

  /** What to do with an HTTP 200 answer. */
  sealed interface Verdict {
    Verdict OK = new Ok();

    record Ok() implements Verdict {}

    /** The access token was refused: refresh it and try once more. */
    record Unauthorized(String message) implements Verdict {}

    /** Try again later; {@code after} null means "use the backoff". */
    record Retry(String message, Duration after) implements Verdict {}

    record Fail(int status, String message) implements Verdict {}
  }
}
