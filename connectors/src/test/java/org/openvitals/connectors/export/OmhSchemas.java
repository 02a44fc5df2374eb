package org.openvitals.connectors.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Open mHealth JSON schemas (draft-04) copied into test resources under {@code omh/} (see
 * omh/SOURCE.md): a data point is checked against data-point 1.0 and its body against the schema
 * its header names.
 */
final class OmhSchemas {
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private Schema schema(String file) {
    return schemas.computeIfAbsent(
        file, f -> registry.getSchema(SchemaLocation.of("classpath:omh/" + f)));
  }

  /** What is wrong with {@code dataPoint}, one line per error; empty when it is valid. */
  List<String> check(JsonNode dataPoint) {
    List<String> problems = new ArrayList<>();
    for (Error e : schema("data-point-1.0.json").validate(dataPoint)) {
      problems.add("data point: " + e.getMessage());
    }
    JsonNode id = dataPoint.path("header").path("schema_id");
    String file = id.path("name").asText() + "-" + id.path("version").asText() + ".json";
    for (Error e : schema(file).validate(dataPoint.path("body"))) {
      problems.add(file + ": " + e.getMessage());
    }
    return problems;
  }
}
