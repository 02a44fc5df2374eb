package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code --json} reports keep the form the object mapper gave them: scripts read them. */
class OutputTest {
  @Test
  void aJsonLineIsWhatTheObjectMapperWrote() throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("file", "/tmp/Grüße \"export\".xml");
    report.put("read", 514_082L);
    report.put("files", 3);
    report.put("seconds", 10.301);
    report.put("precise", 15.123456789);
    report.put("whole", 4.0);
    report.put(
        "rejected", Map.of("count", 2L, "reasons", List.of("line 3: no value", "tab\there")));
    report.put("other", new TreeMap<>(Map.of("HKCategoryTypeIdentifierMindfulSession", 12L)));
    report.put("empty", List.of());
    report.put("error", null);
    report.put("completed", true);
    List<Object> nested = new ArrayList<>();
    nested.add(Map.of("file", "a.csv"));
    nested.add(null);
    report.put("imported", nested);

    assertThat(Output.jsonLine(report)).isEqualTo(new ObjectMapper().writeValueAsString(report));
  }

  @Test
  void aValueWithoutAJsonFormIsAnError() {
    assertThatThrownBy(() -> Output.jsonLine(Map.of("at", Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.time.Instant");
  }
}
