package org.openvitals.connectors.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvitals.core.store.SampleStore;

/**
 * Status and sync history per source, kept as JSON in the store's state table (so the CLI, the app
 * and a later run all see them): {@code cloud.<provider>.status} and {@code
 * cloud.<provider>.history} (the latest {@value #KEEP} runs, newest first).
 */
final class SyncHistory {
  static final int KEEP = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SampleStore store;

  SyncHistory(SampleStore store) {
    this.store = store;
  }

  static String statusKey(String provider) {
    return "cloud." + provider + ".status";
  }

  static String historyKey(String provider) {
    return "cloud." + provider + ".history";
  }

  synchronized void setStatus(String provider, SyncState state, Instant since, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("state", state.name());
    node.put("since", since.toString());
    node.put("message", message);
    store.putState(statusKey(provider), node.toString());
  }

  /** State, since, message; empty when nothing was recorded. */
  Optional<JsonNode> status(String provider) {
    return store.state(statusKey(provider)).map(SyncHistory::parse);
  }

  synchronized void record(SyncRun run) {
    ArrayNode runs = JSON.createArrayNode();
    runs.add(toJson(run));
    store
        .state(historyKey(run.provider()))
        .map(SyncHistory::parse)
        .ifPresent(old -> {
          for (int i = 0; i < old.size() && runs.size() < KEEP; i++) {
            runs.add(old.get(i));
          }
        });
    store.putState(historyKey(run.provider()), runs.toString());
  }

  List<SyncRun> runs(String provider) {
    List<SyncRun> runs = new ArrayList<>();
    store
        .state(historyKey(provider))
        .map(SyncHistory::parse)
        .ifPresent(array -> array.forEach(n -> runs.add(fromJson(provider, n))));
    return runs;
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Damaged sync status in the store: " + e.getMessage(), e);
    }
  }

  private static ObjectNode toJson(SyncRun run) {
    ObjectNode node = JSON.createObjectNode();
    node.put("started", run.started().toString());
    node.put("finished", run.finished().toString());
    node.put("outcome", run.outcome().name());
    node.put("written", run.written());
    node.put("unchanged", run.unchanged());
    node.put("tombstoned", run.tombstoned());
    node.put("skipped", run.skipped());
    node.put("requests", run.requests());
    ArrayNode errors = node.putArray("errors");
    run.errors().forEach(errors::add);
    return node;
  }

  private static SyncRun fromJson(String provider, JsonNode n) {
    List<String> errors = new ArrayList<>();
    n.path("errors").forEach(e -> errors.add(e.asText()));
    return new SyncRun(
        provider,
        Instant.parse(n.get("started").asText()),
        Instant.parse(n.get("finished").asText()),
        SyncState.valueOf(n.get("outcome").asText()),
        n.path("written").asInt(),
        n.path("unchanged").asInt(),
        n.path("tombstoned").asInt(),
        n.path("skipped").asInt(),
        n.path("requests").asInt(),
        errors);
  }
}
