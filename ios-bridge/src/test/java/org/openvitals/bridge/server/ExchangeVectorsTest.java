package org.openvitals.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openvitals.bridge.EndpointFixture;
import org.openvitals.bridge.phone.PhoneClient;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.ProtocolSchema;
import org.openvitals.bridge.protocol.Vectors;
import org.openvitals.core.model.MetricType;

/**
 * Runs every exchange of spec/vectors/exchanges against a live desktop (TLS on 127.0.0.1, a real
 * SQLite store): each request's answer must have the vector's status, contain its body, match the
 * schema, and leave the store as the vector says.
 */
class ExchangeVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEVICE_ID = "0D1E2F30-4152-4637-8899-AABBCCDDEEFF";

  @TestFactory
  Stream<DynamicTest> everyExchange() {
    return Vectors.exchanges().stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
  }

  private static void run(Path file) throws IOException {
    JsonNode vector = JSON.readTree(file.toFile());
    Path dir = Files.createTempDirectory("exchange");
    try (EndpointFixture fx = new EndpointFixture(dir)) {
      Map<String, String> vars = new HashMap<>();
      vars.put("secret", fx.payload().secret());
      vars.put("key_hash", fx.endpoint.keyHash());
      PhoneClient client =
          vector.path("needs_unpaired").asBoolean() ? fx.client() : fx.pairedClient(DEVICE_ID);
      int n = 0;
      for (JsonNode step : vector.get("steps")) {
        n++;
        String where = file.getFileName() + " step " + n;
        if (step.has("action")) {
          switch (step.get("action").asText()) {
            case "revoke" ->
                assertThat(fx.endpoint.devices().revoke(step.get("device_id").asText()))
                    .as(where)
                    .isTrue();
            case "advance_clock" ->
                fx.clock.advance(Duration.ofSeconds(step.get("seconds").asLong()));
            default -> throw new AssertionError(where + ": unknown action " + step.get("action"));
          }
          continue;
        }
        JsonNode req = step.get("request");
        String auth = auth(req.get("auth").asText(), client, vars);
        byte[] body = body(req, vars);
        PhoneClient.Reply reply =
            client.send(req.get("method").asText(), req.get("path").asText(), body, auth);
        JsonNode expected = step.get("response");
        assertThat(reply.status())
            .as(where + " status, answer " + reply.text())
            .isEqualTo(expected.get("status").asInt());
        assertThat(reply.body()).as(where + " answers JSON").isNotNull();
        if (expected.has("body")) {
          if (step.path("exact").asBoolean()) {
            assertThat(reply.body()).as(where).isEqualTo(expected.get("body"));
          } else {
            contains(reply.body(), expected.get("body"), where);
          }
        }
        String definition = answerDefinition(req.get("path").asText(), reply.status());
        assertThat(ProtocolSchema.get().check(definition, reply.body()))
            .as(where + " answer matches " + definition + ": " + reply.body())
            .isEmpty();
        if (reply.status() == 429) {
          assertThat(reply.retryAfter()).as(where).isPresent();
        }
        step.path("capture")
            .properties()
            .forEach(c -> vars.put(c.getKey(), reply.body().at(c.getValue().asText()).asText()));
        JsonNode store = step.path("store");
        store
            .path("metadata")
            .properties()
            .forEach(e ->
                assertThat(fx.live(MetricType.fromId(e.getKey())))
                    .as(where + " metadata of " + e.getKey())
                    .anySatisfy(sample ->
                        e.getValue()
                            .properties()
                            .forEach(m ->
                                assertThat(sample.metadata())
                                    .containsEntry(m.getKey(), m.getValue().asText()))));
        store
            .path("live")
            .properties()
            .forEach(e ->
                assertThat(fx.live(e.getKey()))
                    .as(where + " live " + e.getKey())
                    .isEqualTo(e.getValue().asInt()));
        store
            .path("sum")
            .properties()
            .forEach(e ->
                assertThat(fx.sum(e.getKey()))
                    .as(where + " sum " + e.getKey())
                    .isCloseTo(e.getValue().asDouble(), org.assertj.core.data.Offset.offset(1e-9)));
      }
    } finally {
      deleteTree(dir);
    }
  }

  static String answerDefinition(String path, int status) {
    if (status >= 400) {
      return "Error";
    }
    return switch (path) {
      case "/v1/pair" -> "PairPending";
      case "/v1/pair/complete" -> status == 200 ? "PairApproved" : "PairPending";
      case "/v1/batches" -> "BatchAnswer";
      case "/v1/anchors" -> "AnchorsAnswer";
      case "/v1/resync" -> "ResyncAnswer";
      default -> throw new AssertionError("no answer schema for " + path);
    };
  }

  private static String auth(String auth, PhoneClient client, Map<String, String> vars) {
    return switch (auth) {
      case "device" -> client.token();
      case "none" -> "";
      case "bogus" -> Base64Url.random(32);
      default -> substitute(auth, vars);
    };
  }

  private static byte[] body(JsonNode req, Map<String, String> vars) throws IOException {
    if (req.has("body")) {
      return JSON.writeValueAsBytes(substituted(req.get("body").deepCopy(), vars));
    }
    if (req.has("body_text")) {
      return req.get("body_text").asText().getBytes(StandardCharsets.UTF_8);
    }
    if (req.has("body_repeat")) {
      JsonNode r = req.get("body_repeat");
      StringBuilder b = new StringBuilder(r.get("prefix").asText());
      String item = r.get("item").asText();
      String sep = r.get("separator").asText();
      for (int i = 0, count = r.get("count").asInt(); i < count; i++) {
        b.append(i == 0 ? "" : sep).append(item);
      }
      return b.append(r.get("suffix").asText()).toString().getBytes(StandardCharsets.UTF_8);
    }
    return null;
  }

  private static JsonNode substituted(JsonNode node, Map<String, String> vars) {
    if (node.isTextual()) {
      return new TextNode(substitute(node.asText(), vars));
    }
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      o.properties().forEach(e -> o.set(e.getKey(), substituted(e.getValue(), vars)));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node)
            .set(i, substituted(node.get(i), vars));
      }
    }
    return node;
  }

  private static String substitute(String text, Map<String, String> vars) {
    String out = text;
    for (var e : vars.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  /** Every field of {@code expected} is in {@code actual} with the same value; arrays exactly. */
  static void contains(JsonNode actual, JsonNode expected, String where) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(where + ": " + actual + " is an object").isTrue();
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator();
          it.hasNext(); ) {
        var e = it.next();
        assertThat(actual.has(e.getKey()))
            .as(where + ": " + actual + " has " + e.getKey())
            .isTrue();
        contains(actual.get(e.getKey()), e.getValue(), where + "/" + e.getKey());
      }
    } else if (expected.isNumber()) {
      assertThat(actual.asDouble()).as(where).isEqualTo(expected.asDouble());
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
