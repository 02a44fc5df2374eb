package org.openvitals.connectors.cloudtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openvitals.connectors.oauth.Pkce;
import org.openvitals.connectors.oauth.QueryStrings;

/**
 * A provider's OAuth server and API on 127.0.0.1, speaking either RFC 6749 (Oura) or Withings'
 * envelope. It checks what a real provider checks: client credentials, the redirect URI, the PKCE
 * verifier against the challenge, single-use codes, access token expiry, and refresh token rotation
 * (the previous refresh token stays valid until the new access token is first used, as providers
 * with rotation grace do). API routes are added per test; faults can be queued.
 */
public final class FakeProvider implements AutoCloseable {
  public static final String CLIENT_ID = "test-client";
  public static final String CLIENT_SECRET = "test-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One canned answer. */
  public record Reply(int status, String body, Map<String, String> headers) {
    public static Reply json(String body) {
      return new Reply(200, body, Map.of());
    }
  }

  private record Grant(String challenge, String redirectUri) {}

  private record Access(Instant expires, String pendingOldRefresh) {}

  private final HttpServer server;
  private final Clock clock;
  private final boolean withings;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();
  private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Function<Map<String, String>, Reply>> routes =
      new ConcurrentHashMap<>();
  private final Deque<Reply> faults = new ArrayDeque<>();
  public final List<String> apiCalls = new CopyOnWriteArrayList<>();
  public final List<Instant> apiCallTimes = new CopyOnWriteArrayList<>();
  public final List<String> usedAccessTokens = new CopyOnWriteArrayList<>();
  public final AtomicInteger refreshCount = new AtomicInteger();
  public volatile Duration tokenLifetime = Duration.ofHours(1);
  public volatile boolean requirePkce = true;

  /**
   * False for providers that keep one refresh token (Google): a refresh answers without {@code
   * refresh_token} and the old one stays valid.
   */
  public volatile boolean rotateRefreshTokens = true;

  /** Runs when a refresh request arrives, before it is answered (another process racing us). */
  public volatile Runnable beforeRefresh = () -> {};

  private final AtomicInteger counter = new AtomicInteger();

  public FakeProvider(Clock clock, boolean withings) throws IOException {
    this.clock = clock;
    this.withings = withings;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth/authorize", this::authorize);
    server.createContext("/oauth/token", this::token);
    server.createContext("/", this::api);
    server.start();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public void route(String pathAndAction, Function<Map<String, String>, Reply> handler) {
    routes.put(pathAndAction, handler);
  }

  /** The next API request gets this answer instead of the route's. */
  public synchronized void fault(Reply reply) {
    faults.addLast(reply);
  }

  /** Makes a token pair without the browser, as if the user had connected earlier. */
  public String[] issueTokens() {
    String access = "at-" + counter.incrementAndGet();
    String refresh = "rt-" + counter.incrementAndGet();
    accessTokens.put(access, new Access(clock.instant().plus(tokenLifetime), null));
    refreshTokens.add(refresh);
    return new String[] {access, refresh};
  }

  /** What another client refreshing with {@code refresh} would get (and its first use). */
  public String[] rotate(String refresh) {
    if (!refreshTokens.remove(refresh)) {
      throw new AssertionError("not a valid refresh token: " + refresh);
    }
    return issueTokens();
  }

  public void revokeAllRefreshTokens() {
    refreshTokens.clear();
  }

  public boolean refreshTokenValid(String token) {
    return refreshTokens.contains(token);
  }

  /** The browser: follows the authorization URL to the redirect and loads it. */
  public static HttpResponse<String> playBrowser(URI authorizationUrl)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> consent =
        http.send(
            HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.ofString());
    String location =
        consent
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new AssertionError("no redirect: " + consent.body()));
    return http.send(
        HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void authorize(HttpExchange ex) throws IOException {
    Map<String, String> q = QueryStrings.decode(ex.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
      send(ex, new Reply(400, "unknown client", Map.of()));
      return;
    }
    String challenge = q.get("code_challenge");
    if (challenge != null && !"S256".equals(q.get("code_challenge_method"))) {
      send(ex, new Reply(400, "only S256", Map.of()));
      return;
    }
    String code = "code-" + UUID.randomUUID();
    codes.put(code, new Grant(challenge, q.get("redirect_uri")));
    String location =
        QueryStrings.withQuery(
                URI.create(q.get("redirect_uri")), Map.of("code", code, "state", q.get("state")))
            .toString();
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> form =
        QueryStrings.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (withings && !"requesttoken".equals(form.get("action"))) {
      send(ex, Reply.json("{\"status\":2554,\"body\":{},\"error\":\"Wrong action\"}"));
      return;
    }
    if (!CLIENT_ID.equals(form.get("client_id"))
        || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      send(ex, tokenError(401, "invalid_client", 100));
      return;
    }
    String grant = form.get("grant_type");
    if ("authorization_code".equals(grant)) {
      Grant g = codes.remove(form.getOrDefault("code", ""));
      if (g == null || !g.redirectUri().equals(form.get("redirect_uri"))) {
        send(ex, tokenError(400, "invalid_grant", 503));
        return;
      }
      if (g.challenge() != null || requirePkce) {
        String verifier = form.get("code_verifier");
        if (g.challenge() == null
            || verifier == null
            || !Pkce.challengeOf(verifier).equals(g.challenge())) {
          send(ex, tokenError(400, "invalid_grant", 503));
          return;
        }
      }
      send(ex, tokens(issueTokens(), null));
    } else if ("refresh_token".equals(grant)) {
      String old = form.get("refresh_token");
      beforeRefresh.run();
      if (old == null || !refreshTokens.contains(old)) {
        send(ex, tokenError(400, "invalid_grant", 503));
        return;
      }
      refreshCount.incrementAndGet();
      if (!rotateRefreshTokens) {
        String access = "at-" + counter.incrementAndGet();
        accessTokens.put(access, new Access(clock.instant().plus(tokenLifetime), null));
        ObjectNode t = JSON.createObjectNode();
        t.put("access_token", access).put("expires_in", tokenLifetime.toSeconds());
        t.put("token_type", "Bearer").put("scope", form.getOrDefault("scope", ""));
        send(ex, Reply.json(t.toString()));
        return;
      }
      String[] pair = issueTokens();
      accessTokens.put(pair[0], new Access(clock.instant().plus(tokenLifetime), old));
      send(ex, tokens(pair, old));
    } else {
      send(ex, tokenError(400, "unsupported_grant_type", 503));
    }
  }

  private Reply tokens(String[] pair, String old) {
    ObjectNode t = JSON.createObjectNode();
    t.put("access_token", pair[0]);
    t.put("refresh_token", pair[1]);
    t.put("expires_in", tokenLifetime.toSeconds());
    t.put("token_type", "Bearer");
    if (withings) {
      t.put("scope", "user.metrics,user.activity");
      t.put("userid", 12345);
      t.put("csrf_token", "CSRF_TOKEN");
      return Reply.json("{\"status\":0,\"body\":" + t + "}");
    }
    t.put("scope", "personal daily heartrate workout spo2");
    return Reply.json(t.toString());
  }

  private Reply tokenError(int httpStatus, String error, int withingsStatus) {
    if (withings) {
      String text = error.equals("invalid_grant") ? "Invalid Params: invalid refresh_token" : error;
      return Reply.json(
          "{\"status\":" + withingsStatus + ",\"body\":{},\"error\":\"" + text + "\"}");
    }
    return new Reply(
        httpStatus,
        "{\"error\":\"" + error + "\",\"error_description\":\"" + error + "\"}",
        Map.of());
  }

  private void api(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    Map<String, String> params = QueryStrings.decode(ex.getRequestURI().getRawQuery());
    if ("POST".equals(ex.getRequestMethod())) {
      params.putAll(
          QueryStrings.decode(
              new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }
    String key = params.containsKey("action") ? path + "?action=" + params.get("action") : path;
    apiCalls.add(key + " " + params);
    apiCallTimes.add(clock.instant());
    Reply fault;
    synchronized (this) {
      fault = faults.pollFirst();
    }
    if (fault != null) {
      send(ex, fault);
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
    Access access = accessTokens.get(token);
    if (access == null || !clock.instant().isBefore(access.expires())) {
      send(
          ex,
          withings
              ? Reply.json(
                  "{\"status\":401,\"body\":{},\"error\":\"XRequestID: Not provided invalid_token: The access token provided is invalid\"}")
              : new Reply(401, "{\"detail\":\"Unauthorized\"}", Map.of()));
      return;
    }
    usedAccessTokens.add(token);
    if (access.pendingOldRefresh() != null) {
      refreshTokens.remove(access.pendingOldRefresh()); // first use of the new token ends the grace
      accessTokens.put(token, new Access(access.expires(), null));
    }
    Function<Map<String, String>, Reply> handler = routes.get(key);
    Reply reply =
        handler == null
            ? new Reply(404, "{\"detail\":\"Not Found\"}", Map.of())
            : handler.apply(params);
    record(key, reply);
    send(ex, reply);
  }

  /**
   * With {@code -Dopenvitals.fake.record=DIR}, every API answer a route gives with status 200 is
   * written to DIR (route and body), to pick fuzzing seeds from (see {@code fuzz/providers}).
   */
  private void record(String key, Reply reply) throws IOException {
    String dir = System.getProperty("openvitals.fake.record");
    if (dir == null || reply.status() != 200) {
      return;
    }
    ObjectNode seed = JSON.createObjectNode();
    seed.put("route", key);
    seed.set("answer", JSON.readTree(reply.body()));
    java.nio.file.Path out = java.nio.file.Path.of(dir);
    java.nio.file.Files.createDirectories(out);
    java.nio.file.Files.writeString(
        out.resolve(UUID.randomUUID() + ".json"), seed.toPrettyString(), StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange ex, Reply reply) throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
