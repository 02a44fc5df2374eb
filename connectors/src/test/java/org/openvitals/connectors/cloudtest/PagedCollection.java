package org.openvitals.connectors.cloudtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An Oura API v2 collection: filters documents by {@code start_date}/{@code end_date} (on {@code
 * day}) or {@code start_datetime}/{@code end_datetime} (on {@code timestamp}) and pages them with
 * an opaque base64 {@code next_token}, as {@code {"data": [...], "next_token": ...}}.
 */
public final class PagedCollection implements Function<Map<String, String>, FakeProvider.Reply> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<JsonNode> documents;
  private final int pageSize;

  private final List<Instant> times;
  private final List<LocalDate> days;

  public PagedCollection(List<JsonNode> documents, int pageSize) {
    this.documents = documents;
    this.pageSize = pageSize;
    // Parsed once, so the fake's own cost stays small next to the client's (benchmarks use it).
    this.times =
        documents.stream()
            .map(d ->
                d.hasNonNull("timestamp")
                    ? OffsetDateTime.parse(d.get("timestamp").asText()).toInstant()
                    : null)
            .toList();
    this.days =
        documents.stream()
            .map(d ->
                d.hasNonNull("day")
                    ? LocalDate.parse(d.get("day").asText())
                    : d.hasNonNull("timestamp")
                        ? OffsetDateTime.parse(d.get("timestamp").asText()).toLocalDate()
                        : null)
            .toList();
  }

  @Override
  public FakeProvider.Reply apply(Map<String, String> q) {
    List<JsonNode> matching = new java.util.ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      if (inRange(times.get(i), days.get(i), q)) {
        matching.add(documents.get(i));
      }
    }
    int offset = 0;
    if (q.get("next_token") != null) {
      JsonNode token;
      try {
        token = JSON.readTree(Base64.getDecoder().decode(q.get("next_token")));
      } catch (Exception e) {
        return new FakeProvider.Reply(400, "{\"detail\":\"invalid next_token\"}", Map.of());
      }
      offset = token.get("offset").asInt();
    }
    ObjectNode page = JSON.createObjectNode();
    ArrayNode data = page.putArray("data");
    matching.subList(offset, Math.min(matching.size(), offset + pageSize)).forEach(data::add);
    int next = offset + pageSize;
    if (next < matching.size()) {
      page.put(
          "next_token",
          Base64.getEncoder()
              .encodeToString(("{\"offset\":" + next + "}").getBytes(StandardCharsets.UTF_8)));
    } else {
      page.putNull("next_token");
    }
    return FakeProvider.Reply.json(page.toString());
  }

  private static boolean inRange(Instant t, LocalDate day, Map<String, String> q) {
    if (q.containsKey("start_datetime") && t != null) {
      return !t.isBefore(Instant.parse(q.get("start_datetime")))
          && t.isBefore(Instant.parse(q.get("end_datetime")));
    }
    if (q.containsKey("start_date") && day != null) {
      return !day.isBefore(LocalDate.parse(q.get("start_date")))
          && !day.isAfter(LocalDate.parse(q.get("end_date")));
    }
    return true; // a damaged document the tests send anyway
  }
}
