package org.openvitals.bridge.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol's JSON Schema ({@code ios-bridge/spec/protocol-v1.schema.json}, draft 2020-12),
 * loaded from the jar, where the build copies the spec folder. Every request body is checked
 * against its {@code $defs} entry before the desktop acts on it.
 */
public final class ProtocolSchema {
  public static final String ID = "https://openvitals.org/spec/protocol-v1.schema.json";
  static final String RESOURCE = "/org/openvitals/bridge/spec/protocol-v1.schema.json";

  private static final ProtocolSchema INSTANCE = new ProtocolSchema();

  /** The most samples a batch may hold ({@code BatchRequest.samples.maxItems}). */
  private final int maxSamples;

  private final SchemaRegistry registry;
  private final Map<String, Schema> byDefinition = new ConcurrentHashMap<>();
  private final CommonSampleCheck common;

  private ProtocolSchema() {
    String text;
    try (InputStream in = ProtocolSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "The protocol schema " + RESOURCE + " is not on the class path");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(ID, text)));
    JsonNode defs;
    try {
      defs = new ObjectMapper().readTree(text).get("$defs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    common = new CommonSampleCheck(defs);
    maxSamples = defs.at("/BatchRequest/properties/samples/maxItems").intValue();
  }

  public static ProtocolSchema get() {
    return INSTANCE;
  }

  /** A body that does not match: the JSON Pointer of the field at fault and what is wrong. */
  public record Violation(String field, String message) {}

  /**
   * Checks {@code body} against {@code $defs/<definition>}; the violation reported is the deepest
   * one, which names the field a person would fix.
   */
  public Optional<Violation> check(String definition, JsonNode body) {
    Schema schema =
        byDefinition.computeIfAbsent(
            definition, d -> registry.getSchema(SchemaLocation.of(ID + "#/$defs/" + d)));
    List<Error> errors = schema.validate(body);
    Violation deepest = null;
    int depth = -1;
    for (Error e : errors) {
      String field = pointer(e.getInstanceLocation());
      if (e.getProperty() != null
          && ("required".equals(e.getKeyword()) || e.getKeyword().endsWith("Properties"))) {
        field = field + "/" + escape(e.getProperty());
      }
      int d = field.isEmpty() ? 0 : field.split("/", -1).length;
      if (d > depth) {
        depth = d;
        deepest = new Violation(field, message(field, e));
      }
    }
    return Optional.ofNullable(deepest);
  }

  /**
   * The same answer as {@code check("BatchRequest", body)}, sooner: the batch without its samples
   * and every sample that {@link CommonSampleCheck} cannot vouch for go through the schema; when
   * anything is wrong the whole body does, so the violation reported is the one {@link #check}
   * reports.
   */
  public Optional<Violation> checkBatch(JsonNode body) {
    JsonNode samples = body.get("samples");
    if (!(body instanceof ObjectNode batch)
        || samples == null
        || !samples.isArray()
        || samples.size() > maxSamples) {
      return check("BatchRequest", body);
    }
    ObjectNode envelope = batch.objectNode();
    batch.properties().forEach(e -> envelope.set(e.getKey(), e.getValue()));
    envelope.set("samples", batch.arrayNode());
    boolean valid = envelopeAccepted(envelope);
    for (int i = 0; valid && i < samples.size(); i++) {
      valid = sampleAccepted(samples.get(i));
    }
    return valid ? Optional.empty() : check("BatchRequest", body);
  }

  /**
   * Whether a BatchRequest with an empty {@code samples} array is valid: with every sample {@link
   * #sampleAccepted}, the whole batch is.
   */
  public boolean envelopeAccepted(ObjectNode envelope) {
    return check("BatchRequest", envelope).isEmpty();
  }

  /**
   * Whether one element of a batch's {@code samples} is valid (the quick check, else the schema).
   */
  public boolean sampleAccepted(JsonNode sample) {
    return common.surelyValid(sample) || check("Sample", sample).isEmpty();
  }

  /** The most samples a batch may hold. */
  public int maxSamples() {
    return maxSamples;
  }

  private static String message(String field, Error e) {
    String where = field.isEmpty() ? "the body" : field;
    return switch (e.getKeyword()) {
      case "required" -> where + " is required";
      case "additionalProperties", "unevaluatedProperties" ->
          where + " is not a field of this request";
      case "pattern" ->
          where
              + (e.getInstanceNode() == null ? "" : " " + e.getInstanceNode())
              + " is not in the expected form";
      default -> where + ": " + stripLocation(e.getMessage());
    };
  }

  private static String stripLocation(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 ? message.substring(colon + 2) : message;
  }

  static String pointer(NodePath path) {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      p.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return p.toString();
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
