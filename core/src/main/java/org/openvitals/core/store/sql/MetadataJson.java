package org.openvitals.core.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.HashMap;
import java.util.Map;

/**
 * Sample metadata as stored: a JSON object with keys in sorted order, so that equal maps are equal
 * strings and an unchanged sample is recognised by comparing text. Empty metadata is stored as
 * null.
 */
final class MetadataJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final TypeReference<Map<String, String>> MAP_TYPE = new TypeReference<>() {};

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
    try {
      return MAPPER.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of strings always serialises", e);
    }
  }

  static Map<String, String> read(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, MAP_TYPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored sample metadata is not a JSON object: " + json, e);
    }
  }
}
