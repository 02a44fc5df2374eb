package org.openvitals.bridge.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.bridge.protocol.ProtocolSchema;

/**
 * Reads a batch with Jackson's streaming parser, one sample at a time: each sample is checked
 * against the schema and mapped as it is read, and its small JSON tree is garbage at once, instead
 * of the whole batch (thousands of samples) held as one tree until it is stored, which the young
 * collections kept copying. Only a batch the schema accepts is read this way: anything else (bad
 * JSON, too many samples, a field twice, any violation) gives empty, and the caller reads the body
 * as a tree as before, so every error answer, naming its field or sample index, stays the same.
 */
final class StreamedBatch {
  private StreamedBatch() {}

  /**
   * The batch without its samples (with an empty {@code samples} array), its samples mapped into
   * {@code into}; empty when the body is anything but a valid batch.
   */
  static Optional<ObjectNode> read(byte[] body, BatchService.MappedSamples into) {
    ProtocolSchema schema = ProtocolSchema.get();
    int most = Math.min(schema.maxSamples(), PhoneApi.MAX_SAMPLES);
    ObjectNode envelope = PhoneApi.JSON.createObjectNode();
    try (JsonParser p = PhoneApi.JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        if (!seen.add(field)) {
          return Optional.empty();
        }
        if (!field.equals("samples")) {
          p.nextToken();
          envelope.set(field, PhoneApi.JSON.readTree(p));
          continue;
        }
        if (p.nextToken() != JsonToken.START_ARRAY) {
          return Optional.empty();
        }
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          JsonNode sample = PhoneApi.JSON.readTree(p);
          if (sample == null || ++count > most || !schema.sampleAccepted(sample)) {
            return Optional.empty();
          }
          into.add(sample);
        }
        envelope.putArray("samples");
      }
      if (p.currentToken() != JsonToken.END_OBJECT
          || p.nextToken() != null
          || !schema.envelopeAccepted(envelope)) {
        return Optional.empty();
      }
      return Optional.of(envelope);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
