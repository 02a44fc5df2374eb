package org.openvitals.bridge.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import org.openvitals.bridge.protocol.PairingPayload;

/**
 * The phone's side of the wire: HTTPS to the desktop with the key pinned, JSON in and out. Used by
 * {@code phone-sim} and by the tests that run the shared vectors against a live desktop.
 */
public final class PhoneClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private volatile String token;

  /**
   * An answer: status, the Retry-After header if any, the JSON body (null when not JSON) and the
   * body as text (for messages).
   */
  public record Reply(int status, Optional<String> retryAfter, JsonNode body, String text) {}

  public PhoneClient(String host, int port, String keyHash) {
    SSLParameters tls = new SSLParameters();
    tls.setProtocols(new String[] {"TLSv1.3"});
    this.http =
        HttpClient.newBuilder()
            .sslContext(PinnedTls.context(keyHash))
            .sslParameters(tls)
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.base = URI.create("https://" + host + ":" + port);
  }

  public static PhoneClient of(PairingPayload payload, String host) {
    return new PhoneClient(host, payload.port(), payload.keyHash());
  }

  public void token(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }

  /** One request; {@code body} null for GET. {@code auth} overrides the token when not null. */
  public Reply send(String method, String path, byte[] body, String auth) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
    String bearer = auth != null ? auth : token;
    if (bearer != null && !bearer.isEmpty()) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = null;
      try {
        json = r.body().length == 0 ? null : JSON.readTree(r.body());
      } catch (IOException notJson) {
        // Left null: the caller sees the status.
      }
      return new Reply(
          r.statusCode(),
          r.headers().firstValue("Retry-After"),
          json,
          new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public Reply post(String path, Object body) throws IOException {
    return send("POST", path, JSON.writeValueAsBytes(body), null);
  }

  public Reply get(String path) throws IOException {
    return send("GET", path, null, null);
  }
}
