package org.openvitals.core.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stores hold metadata as Jackson's object mapper wrote it (sorted keys) and recognise an unchanged
 * sample by comparing that text, so the streaming writer must write exactly the same strings.
 */
class MetadataJsonTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static List<Map<String, String>> maps() {
    Map<String, String> withNull = new HashMap<>();
    withNull.put("HKTimeZone", null);
    withNull.put("HKWasUserEntered", "1");
    Map<String, String> unsorted = new LinkedHashMap<>();
    unsorted.put("zeta", "last");
    unsorted.put("Alpha", "capital first");
    unsorted.put("alpha", "lower");
    unsorted.put("", "empty key");
    return List.of(
        Map.of("HKMetadataKeyHeartRateMotionContext", "1"),
        unsorted,
        withNull,
        Map.of(
            "quote", "say \"hi\"",
            "slash", "a\\b/c",
            "control", "tab\there\nnew line\u0001",
            "unicode", "Grüße, 心拍数, 🫀",
            "html", "<b>&amp;</b>"));
  }

  @Test
  void writesWhatTheObjectMapperWrote() throws Exception {
    for (Map<String, String> metadata : maps()) {
      assertThat(MetadataJson.write(metadata)).isEqualTo(MAPPER.writeValueAsString(metadata));
    }
    assertThat(MetadataJson.write(Map.of())).isNull();
  }

  @Test
  void readsWhatTheObjectMapperWroteBackInItsOrder() throws Exception {
    for (Map<String, String> metadata : maps()) {
      String json = MAPPER.writeValueAsString(metadata);
      Map<String, String> read = MetadataJson.read(json);
      assertThat(read).isEqualTo(metadata);
      assertThat(List.copyOf(read.keySet()))
          .isEqualTo(
              List.copyOf(
                  MAPPER.readValue(json, new TypeReference<Map<String, String>>() {}).keySet()));
    }
    assertThat(MetadataJson.read(null)).isEmpty();
  }

  @Test
  void anythingButAnObjectOfStringsIsAnError() {
    for (String bad : List.of("[1,2]", "{\"a\":{\"b\":\"c\"}}", "{\"a\":[\"b\"]}", "{\"a\":")) {
      assertThatThrownBy(() -> MetadataJson.read(bad))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(bad);
    }
  }
}
