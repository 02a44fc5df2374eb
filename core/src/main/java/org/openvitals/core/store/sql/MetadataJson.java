package org.openvitals.core.store.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sample metadata as stored: a JSON object with keys in sorted order, so that equal maps are equal
 * strings and an unchanged sample is recognised by comparing text. Empty metadata is stored as
 * null. Written and read with Jackson's streaming API, not its databind: a map of strings needs no
 * object mapper, and making one loads some 350 classes before an import's first record (see
 * docs/architecture.md, "Start-up of the command line").
 */
final class MetadataJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private MetadataJson() {}

  /**
   * Remembers the text of metadata maps already written. Imports repeat the same few maps (an app
   * version, a motion context) on millions of samples; hashing a small map costs far less than
   * serialising it. Not thread-safe: the store's single writer owns one.
   */
  static final class Cache {
    /** Distinct maps kept before starting over; unique maps (sync ids) would otherwise pile up. */
    private static final int LIMIT = 4096;

    private final Map<Map<String, String>, String> written = new HashMap<>();

    String write(Map<String, String> metadata) {
      if (metadata.isEmpty()) {
        return null;
      }
      String json = written.get(metadata);
      if (json == null) {
        json = MetadataJson.write(metadata);
        if (written.size() >= LIMIT) {
          written.clear();
        }
        written.put(metadata, json);
      }
      return json;
    }
  }

  static String write(Map<String, String> metadata) {
    if (metadata.isEmpty()) {
      return null;
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
        json.writeStringField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("A map of strings always serialises", e);
    }
    return text.toString();
  }

  static Map<String, String> read(String json) {
    if (json == null) {
      return Map.of();
    }
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notAnObject(json, null);
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value != JsonToken.VALUE_NULL && !value.isScalarValue()) {
          throw notAnObject(json, null);
        }
        metadata.put(key, value == JsonToken.VALUE_NULL ? null : parser.getText());
      }
      return metadata;
    } catch (IOException e) {
      throw notAnObject(json, e);
    }
  }

  private static IllegalStateException notAnObject(String json, IOException cause) {
    return new IllegalStateException(
        "Stored sample metadata is not a JSON object of strings: " + json, cause);
  }
}
