package org.openvitals.bridge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.openvitals.bridge.protocol.ProtocolException;

/** One HTTP answer of the protocol: a status, a JSON body and any extra headers. */
public record Answer(int status, JsonNode body, Map<String, String> headers) {

  public static Answer ok(JsonNode body) {
    return new Answer(200, body, Map.of());
  }

  public static Answer of(int status, JsonNode body) {
    return new Answer(status, body, Map.of());
  }

  /** The protocol's Error object for {@code e}, with Retry-After on 429. */
  public static Answer error(ProtocolException e) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", e.code().wire());
    body.put("message", e.getMessage());
    if (e.field() != null) {
      body.put("field", e.field());
    }
    if (e.retryAfterSeconds() > 0) {
      body.put("retry_after", e.retryAfterSeconds());
      return new Answer(
          e.code().status(), body, Map.of("Retry-After", Integer.toString(e.retryAfterSeconds())));
    }
    return new Answer(e.code().status(), body, Map.of());
  }
}
