package org.openvitals.app.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A model server on 127.0.0.1 speaking the OpenAI chat completions API ({@code POST
 * /v1/chat/completions}, tool calls in {@code choices[0].message.tool_calls}, their results sent
 * back as {@code role: tool} messages), whose replies are scripted: each request is answered by the
 * next script step, which sees the request. {@code GET /v1/models} lists {@link #models} in the
 * OpenAI list format.
 */
public final class FakeOpenAiServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The models {@code GET /v1/models} lists. */
  public final List<String> models = new CopyOnWriteArrayList<>();

  /** Every request received, chat or models, as "METHOD path". */
  public final List<String> received = new CopyOnWriteArrayList<>();

  private final HttpServer server;
  private final Deque<Function<JsonNode, ObjectNode>> script = new ArrayDeque<>();
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  public FakeOpenAiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/models",
        exchange -> {
          received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          ObjectNode list = JSON.createObjectNode().put("object", "list");
          ArrayNode data = list.putArray("data");
          for (String id : models) {
            data.addObject()
                .put("id", id)
                .put("object", "model")
                .put("created", 0)
                .put("owned_by", "local");
          }
          byte[] body = JSON.writeValueAsBytes(list);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          JsonNode request = JSON.readTree(exchange.getRequestBody());
          requests.add(request);
          Function<JsonNode, ObjectNode> step = script.poll();
          byte[] body;
          int status = 200;
          if (step == null) {
            status = 500;
            body = "{\"error\":{\"message\":\"script ended\"}}".getBytes(StandardCharsets.UTF_8);
          } else {
            body = JSON.writeValueAsBytes(completion(step.apply(request)));
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** A server for a field initialiser. */
  public static FakeOpenAiServer started() {
    try {
      return new FakeOpenAiServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public FakeOpenAiServer then(Function<JsonNode, ObjectNode> step) {
    script.add(step);
    return this;
  }

  /** An assistant message that calls one tool. */
  public static ObjectNode toolCall(String id, String name, String arguments) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
    return message;
  }

  public static ObjectNode text(String content) {
    return JSON.createObjectNode().put("role", "assistant").put("content", content);
  }

  /** The content of the last {@code role: tool} message of a request. */
  public static String lastToolResult(JsonNode request) {
    String out = null;
    for (JsonNode m : request.get("messages")) {
      if (m.get("role").asText().equals("tool")) {
        out = m.get("content").asText();
      }
    }
    return out;
  }

  private static ObjectNode completion(ObjectNode message) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-test")
        .put("object", "chat.completion")
        .put("created", 0)
        .put("model", "fake");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop");
    root.putObject("usage")
        .put("prompt_tokens", 1)
        .put("completion_tokens", 1)
        .put("total_tokens", 2);
    return root;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
