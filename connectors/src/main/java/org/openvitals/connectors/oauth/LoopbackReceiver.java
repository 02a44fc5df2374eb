package org.openvitals.connectors.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * The RFC 8252 loopback redirect listener: binds {@code 127.0.0.1} (the IP literal, never {@code
 * localhost}), accepts exactly one callback whose {@code state} matches, answers "you can close
 * this tab" and closes. Callbacks with a wrong or missing state are refused with 400 and do not end
 * the wait, so a stray or forged request cannot abort or hijack the sign-in.
 */
public final class LoopbackReceiver implements AutoCloseable {
  public static final String PATH = "/callback";

  private final HttpServer server;
  private final CompletableFuture<String> code = new CompletableFuture<>();
  private volatile String expectedState;

  private LoopbackReceiver(HttpServer server) {
    this.server = server;
  }

  /** Binds the listener; {@code port} 0 picks a free ephemeral port. */
  public static LoopbackReceiver start(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    LoopbackReceiver receiver = new LoopbackReceiver(server);
    server.createContext(PATH, receiver::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return receiver;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI redirectUri() {
    return URI.create("http://127.0.0.1:" + port() + PATH);
  }

  /** Completes with the code of the one valid callback, or exceptionally on a provider error. */
  public CompletableFuture<String> expect(String state) {
    this.expectedState = state;
    return code;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(
            exchange, 405, "Method not allowed", "Only the browser's redirect is expected here.");
        return;
      }
      Map<String, String> params = QueryStrings.decode(exchange.getRequestURI().getRawQuery());
      String state = params.get("state");
      if (expectedState == null || state == null || !expectedState.equals(state)) {
        respond(
            exchange,
            400,
            "Sign-in not recognised",
            "This answer does not belong to the sign-in OpenVitals is waiting for (state mismatch)."
                + " Start again from OpenVitals.");
        return;
      }
      if (code.isDone()) {
        respond(exchange, 409, "Already signed in", "This sign-in was already completed.");
        return;
      }
      String error = params.get("error");
      if (error != null) {
        String description = params.getOrDefault("error_description", "");
        respond(
            exchange,
            200,
            "Sign-in not completed",
            "The provider said: " + error + " " + description);
        code.completeExceptionally(
            new OAuthException(
                error, "The provider refused the sign-in: " + error + " " + description));
      } else if (params.get("code") == null || params.get("code").isBlank()) {
        respond(exchange, 400, "Sign-in not recognised", "The answer carries no code.");
        return;
      } else {
        respond(
            exchange,
            200,
            "OpenVitals is connected",
            "You can close this tab and return to OpenVitals.");
        code.complete(params.get("code"));
      }
    }
    // One valid callback only: stop listening once it has been answered.
    Thread.ofVirtual().start(() -> server.stop(0));
  }

  private static void respond(HttpExchange exchange, int status, String title, String message)
      throws IOException {
    String html =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
            + title
            + "</title></head><body style=\"font-family:sans-serif\"><h1>"
            + title
            + "</h1><p>"
            + message.replace("<", "&lt;")
            + "</p></body></html>";
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    code.cancel(false);
  }
}
