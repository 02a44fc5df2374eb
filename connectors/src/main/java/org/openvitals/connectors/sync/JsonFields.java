package org.openvitals.connectors.sync;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading a provider's JSON record the way every connector must: a missing optional value is absent
 * (null), never zero, and a missing field the record cannot be stored without throws an {@link
 * IllegalArgumentException} naming it, which costs that record only.
 */
public final class JsonFields {
  private JsonFields() {}

  /** The field as text; throws "no {field}" when it is missing, null or empty. */
  public static String required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      throw new IllegalArgumentException("no " + field);
    }
    return v.asText();
  }

  /** The field's number, or null when it is missing, null or not a number. */
  public static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? v.asDouble() : null;
  }
}
