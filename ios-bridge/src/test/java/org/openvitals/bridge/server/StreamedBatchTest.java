package org.openvitals.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.bridge.protocol.ProtocolSchema;
import org.openvitals.bridge.protocol.Vectors;

class StreamedBatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Optional<ObjectNode> read(String body, BatchService.MappedSamples into) {
    return StreamedBatch.read(body.getBytes(StandardCharsets.UTF_8), into);
  }

  private static JsonNode validBatch() {
    for (JsonNode v : Vectors.read("requests.json").get("vectors")) {
      if (v.get("schema").asText().equals("BatchRequest")
          && v.get("valid").asBoolean()
          && v.get("body").get("samples").size() > 0) {
        return v.get("body");
      }
    }
    throw new AssertionError("requests.json has no valid batch with samples");
  }

  /** Every batch of the shared vectors: read streamed exactly when the schema accepts it. */
  @Test
  void readsTheBatchesTheSchemaAcceptsAndNoOther() throws Exception {
    int valid = 0;
    int invalid = 0;
    for (JsonNode v : Vectors.read("requests.json").get("vectors")) {
      if (!v.get("schema").asText().equals("BatchRequest")) {
        continue;
      }
      JsonNode body = v.get("body");
      BatchService.MappedSamples mapped = new BatchService.MappedSamples();
      Optional<ObjectNode> envelope = read(JSON.writeValueAsString(body), mapped);
      boolean accepted = ProtocolSchema.get().check("BatchRequest", body).isEmpty();
      assertThat(envelope.isPresent()).as(v.get("name").asText()).isEqualTo(accepted);
      if (accepted) {
        valid++;
        ObjectNode expected = ((ObjectNode) body).deepCopy();
        expected.putArray("samples");
        assertThat(envelope.get()).isEqualTo(expected);
        assertThat(mapped.received()).isEqualTo(body.get("samples").size());
      } else {
        invalid++;
      }
    }
    assertThat(valid).isPositive();
    assertThat(invalid).isPositive();
  }

  /** What the tree would read differently or refuse goes the tree way, whose answers stand. */
  @Test
  void leavesAnythingUnusualToTheTreeReader() throws Exception {
    ObjectNode batch = (ObjectNode) validBatch();
    String text = JSON.writeValueAsString(batch);
    String samples = JSON.writeValueAsString(batch.get("samples"));
    assertThat(read(text, new BatchService.MappedSamples())).isPresent();

    String inner = text.substring(1, text.length() - 1);
    assertThat(read("{" + inner + ",\"samples\":[]}", new BatchService.MappedSamples()))
        .as("samples twice")
        .isEmpty();
    assertThat(read(text + " {}", new BatchService.MappedSamples())).as("text after").isEmpty();
    assertThat(read(text.substring(0, text.length() - 10), new BatchService.MappedSamples()))
        .as("cut short")
        .isEmpty();
    assertThat(read("[" + text + "]", new BatchService.MappedSamples())).as("an array").isEmpty();
    assertThat(
            read(
                text.replace("\"samples\":" + samples, "\"samples\":[null]"),
                new BatchService.MappedSamples()))
        .as("a null sample")
        .isEmpty();
    assertThat(
            read(
                text.replace("\"samples\":" + samples, "\"samples\":{}"),
                new BatchService.MappedSamples()))
        .as("samples not an array")
        .isEmpty();

    String one = JSON.writeValueAsString(batch.get("samples").get(0));
    String many = "[" + String.join(",", java.util.Collections.nCopies(10_001, one)) + "]";
    assertThat(
            read(
                text.replace("\"samples\":" + samples, "\"samples\":" + many),
                new BatchService.MappedSamples()))
        .as("10,001 samples")
        .isEmpty();
  }
}
