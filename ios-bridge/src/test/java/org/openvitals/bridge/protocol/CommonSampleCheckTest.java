package org.openvitals.bridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quick check of the common sample forms says "valid" only where the schema does, and a batch
 * checked the quick way gets the schema's own answer, violation and message included.
 */
class CommonSampleCheckTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ProtocolSchema SCHEMA = ProtocolSchema.get();

  private static CommonSampleCheck check() throws Exception {
    try (InputStream in = ProtocolSchema.class.getResourceAsStream(ProtocolSchema.RESOURCE)) {
      return new CommonSampleCheck(new ObjectMapper().readTree(in).get("$defs"));
    }
  }

  /**
   * The hand-written matchers of the Uuid and DateTime patterns: used (the schema's patterns are
   * the ones they were written for), and never accepting what the pattern refuses, over the valid
   * forms and every one-character change, cut and addition of them.
   */
  @Test
  void theHandMatchersAcceptOnlyWhatTheSchemasPatternsAccept() throws Exception {
    JsonNode defs;
    try (InputStream in = ProtocolSchema.class.getResourceAsStream(ProtocolSchema.RESOURCE)) {
      defs = new ObjectMapper().readTree(in).get("$defs");
    }
    assertThat(defs.at("/Uuid/pattern").asText()).isEqualTo(CommonSampleCheck.UUID_PATTERN);
    assertThat(defs.at("/DateTime/pattern").asText())
        .isEqualTo(CommonSampleCheck.DATE_TIME_PATTERN);
    agree(
        java.util.regex.Pattern.compile(CommonSampleCheck.UUID_PATTERN),
        CommonSampleCheck::isUuid,
        List.of("0A1b2C3d-4E5f-6789-aBcD-ef0123456789", "223B1925-4F10-3ADD-BDD8-F2FE12AE134D"));
    agree(
        java.util.regex.Pattern.compile(CommonSampleCheck.DATE_TIME_PATTERN),
        CommonSampleCheck::isDateTime,
        List.of(
            "2024-03-01T08:00:00Z",
            "2024-03-01T08:00:00+01:00",
            "2024-03-01T08:00:00.5-07:30",
            "2024-03-01T08:00:00.123456789Z"));
  }

  private static void agree(
      java.util.regex.Pattern pattern,
      java.util.function.Predicate<String> byHand,
      List<String> valid) {
    String alphabet = "09afAFgZz+-:.T \n";
    int accepted = 0;
    for (String v : valid) {
      assertThat(byHand.test(v)).as(v).isTrue();
      List<String> mutants = new ArrayList<>();
      for (int i = 0; i <= v.length(); i++) {
        if (i < v.length()) {
          mutants.add(v.substring(0, i) + v.substring(i + 1));
        }
        for (char c : alphabet.toCharArray()) {
          mutants.add(v.substring(0, i) + c + v.substring(i));
          if (i < v.length()) {
            mutants.add(v.substring(0, i) + c + v.substring(i + 1));
          }
        }
      }
      for (String m : mutants) {
        if (byHand.test(m)) {
          accepted++;
          assertThat(pattern.matcher(m).find()).as("accepted by hand: " + m).isTrue();
        }
      }
    }
    assertThat(accepted).as("some mutants are still valid").isPositive();
  }

  @Test
  void theCommonFormsAreVouchedForAndTheRestLeftToTheSchema() throws Exception {
    CommonSampleCheck check = check();
    JsonNode samples = Vectors.read("samples.json");
    assertThat(check.surelyValid(samples.get("quantity"))).isTrue();
    assertThat(check.surelyValid(samples.get("category"))).isTrue();
    for (String other : List.of("correlation", "workout", "route")) {
      assertThat(check.surelyValid(samples.get(other))).as(other).isFalse();
    }
  }

  @Test
  void itNeverAcceptsWhatTheSchemaRefuses() throws Exception {
    CommonSampleCheck check = check();
    List<JsonNode> mutants = new ArrayList<>();
    for (JsonNode sample : seeds()) {
      mutate(sample, mutants);
    }
    int refusedBySchema = 0;
    int vouched = 0;
    for (JsonNode m : mutants) {
      boolean schemaValid = SCHEMA.check("Sample", m).isEmpty();
      if (check.surelyValid(m)) {
        vouched++;
        assertThat(schemaValid).as("vouched for, but the schema refuses: %s", m).isTrue();
      }
      if (!schemaValid) {
        refusedBySchema++;
      }
    }
    // The mutations must reach both sides, or the test proves nothing.
    assertThat(refusedBySchema).isGreaterThan(200);
    assertThat(vouched).isGreaterThan(20);
  }

  @Test
  void everyBatchVectorGetsTheSchemasOwnAnswer() {
    for (JsonNode v : Vectors.read("requests.json").get("vectors")) {
      if (v.get("schema").asText().equals("BatchRequest")) {
        assertThat(SCHEMA.checkBatch(v.get("body")))
            .as(v.get("name").asText())
            .isEqualTo(SCHEMA.check("BatchRequest", v.get("body")));
      }
    }
  }

  @Test
  void aBatchWithOneBadSampleAmongGoodOnesNamesThatSample() throws Exception {
    List<JsonNode> mutants = new ArrayList<>();
    for (JsonNode sample : seeds()) {
      mutate(sample, mutants);
    }
    JsonNode good = Vectors.read("samples.json").get("quantity");
    int invalid = 0;
    for (JsonNode m : mutants) {
      ObjectNode batch = NODES.objectNode();
      batch.put("batch_id", "b0000000-0000-4000-8000-000000000009");
      batch.put("type", "HKQuantityTypeIdentifierHeartRate");
      batch.put("anchor", "YW5jaG9y");
      ArrayNode samples = batch.putArray("samples");
      samples.add(good).add(good).add(m).add(good);
      batch.putArray("deleted");
      var expected = SCHEMA.check("BatchRequest", batch);
      assertThat(SCHEMA.checkBatch(batch)).as("%s", m).isEqualTo(expected);
      if (expected.isPresent()) {
        invalid++;
      }
    }
    assertThat(invalid).isGreaterThan(200);
  }

  /** Every valid sample of the vectors: the samples file and the valid batch bodies. */
  private static List<JsonNode> seeds() {
    List<JsonNode> seeds = new ArrayList<>();
    Vectors.read("samples.json")
        .properties()
        .forEach(e -> {
          if (e.getValue().isObject()) {
            seeds.add(e.getValue());
          }
        });
    for (JsonNode v : Vectors.read("requests.json").get("vectors")) {
      if (v.get("valid").asBoolean() && v.get("body").has("samples")) {
        v.get("body").get("samples").forEach(seeds::add);
      }
    }
    return seeds;
  }

  /** Bad and good values for every field, nested ones included. */
  private static List<JsonNode> replacements() {
    return List.of(
        NODES.nullNode(),
        NODES.textNode(""),
        NODES.textNode("x"),
        NODES.textNode("x".repeat(201)),
        NODES.textNode("x".repeat(4097)),
        NODES.textNode("\uD83D\uDE00".repeat(150)), // 150 code points in 300 chars
        NODES.textNode("2024-03-01T09:00:00"),
        NODES.textNode("2024-03-01T09:00:00.123+01:00"),
        NODES.textNode("00000000-0000-4000-8000-00000000000G"),
        NODES.textNode("HKQuantityTypeIdentifierStepCount"),
        NODES.textNode("HKQuantityTypeIdentifier"),
        NODES.textNode("HKCategoryTypeIdentifierSleepAnalysis"),
        NODES.textNode("HKQuantityTypeIdentifierStep-Count"),
        NODES.textNode("HKQuantityTypeIdentifier" + "A".repeat(100)),
        NODES.numberNode(3),
        NODES.numberNode(3.5),
        NODES.numberNode(3.0),
        NODES.booleanNode(true),
        NODES.objectNode(),
        NODES.objectNode().put("name", "x"),
        NODES.arrayNode());
  }

  private static void mutate(JsonNode sample, List<JsonNode> out) {
    out.add(sample);
    List<String> paths = new ArrayList<>();
    collect(sample, "", paths);
    for (String path : paths) {
      out.add(without(sample, path));
      for (JsonNode r : replacements()) {
        out.add(with(sample, path, r));
      }
    }
    for (String parent : List.of("", "/source", "/device", "/metadata")) {
      if (parent.isEmpty() || sample.at(parent).isObject()) {
        out.add(with(sample, parent + "/extra", NODES.textNode("x")));
      }
    }
    ObjectNode crowded = sample.deepCopy();
    ObjectNode metadata = crowded.putObject("metadata");
    for (int i = 0; i < 65; i++) {
      metadata.put("k" + i, "v");
    }
    out.add(crowded);
  }

  /** The JSON Pointers of the fields of objects, down to leaves and into objects only. */
  private static void collect(JsonNode node, String at, List<String> paths) {
    if (node.isObject()) {
      node.properties()
          .forEach(e -> {
            String p = at + "/" + e.getKey();
            paths.add(p);
            collect(e.getValue(), p, paths);
          });
    }
  }

  private static JsonNode with(JsonNode sample, String path, JsonNode value) {
    ObjectNode copy = sample.deepCopy();
    int slash = path.lastIndexOf('/');
    ((ObjectNode) copy.at(path.substring(0, slash))).set(path.substring(slash + 1), value);
    return copy;
  }

  private static JsonNode without(JsonNode sample, String path) {
    ObjectNode copy = sample.deepCopy();
    int slash = path.lastIndexOf('/');
    ((ObjectNode) copy.at(path.substring(0, slash))).remove(path.substring(slash + 1));
    return copy;
  }
}
