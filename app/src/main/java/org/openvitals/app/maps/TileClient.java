package org.openvitals.app.maps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches map tiles from the server the person named, through the {@link TileCache}, as
 * OpenStreetMap's tile usage policy asks of every client: a User-Agent naming this app and its
 * version, the server's caching headers honoured (a fresh tile is never asked for again, a stale
 * one is revalidated with its ETag or Last-Modified), no headers that defeat caching, and only the
 * tiles a shown route needs (the caller asks for those). Blocking: call it off the FX thread.
 */
public final class TileClient implements AutoCloseable {
  /** How long a tile counts as fresh when the server sends no caching headers. */
  static final Duration DEFAULT_FRESHNESS = Duration.ofDays(7);

  private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d+)");

  private final MapTileSettings settings;
  private final TileCache cache;
  private final HttpClient http;
  private final Clock clock;

  public TileClient(MapTileSettings settings, TileCache cache, Clock clock) {
    this(
        settings,
        cache,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build(),
        clock);
  }

  TileClient(MapTileSettings settings, TileCache cache, HttpClient http, Clock clock) {
    this.settings = settings;
    this.cache = cache;
    this.http = http;
    this.clock = clock;
  }

  /** What this app says it is: its name, version and what it fetches tiles for. */
  public static String userAgent() {
    String version = TileClient.class.getPackage().getImplementationVersion();
    return "OpenVitals/"
        + (version == null ? "dev" : version)
        + " (local-first desktop health app; draws a workout's route on map tiles)";
  }

  /** The settings this client fetches with. */
  public MapTileSettings settings() {
    return settings;
  }

  /**
   * The tile's image bytes: from the cache while fresh, else from the server (a stale cached tile
   * is used when the server cannot be reached or refuses).
   *
   * @throws IOException with one sentence naming the tile and what went wrong
   */
  public byte[] tile(TileMath.Tile tile) throws IOException {
    Instant now = clock.instant();
    Optional<TileCache.Entry> cached = cache.get(tile);
    if (cached.isPresent() && cached.get().fresh(now)) {
      return cached.get().bytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(settings.url(tile)))
            .timeout(Duration.ofSeconds(20))
            .header("User-Agent", userAgent())
            .GET();
    cached.map(TileCache.Entry::etag).ifPresent(tag -> request.header("If-None-Match", tag));
    cached
        .map(TileCache.Entry::lastModified)
        .ifPresent(date -> request.header("If-Modified-Since", date));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Fetching tile " + tile + " was interrupted", e);
    } catch (IOException e) {
      if (cached.isPresent()) {
        return cached.get().bytes();
      }
      throw new IOException(
          "Could not reach " + settings.host() + " for tile " + tile + ": " + reason(e), e);
    }
    HttpHeaders headers = response.headers();
    if (response.statusCode() == 304 && cached.isPresent()) {
      keep(tile, cached.get().bytes(), headers, now, cached.get());
      return cached.get().bytes();
    }
    if (response.statusCode() != 200 || response.body().length == 0) {
      if (cached.isPresent()) {
        return cached.get().bytes();
      }
      throw new IOException(
          settings.host() + " answered " + response.statusCode() + " for tile " + tile);
    }
    keep(tile, response.body(), headers, now, null);
    return response.body();
  }

  private void keep(
      TileMath.Tile tile, byte[] bytes, HttpHeaders headers, Instant now, TileCache.Entry before)
      throws IOException {
    String control = String.join(",", headers.allValues("Cache-Control")).toLowerCase(Locale.ROOT);
    if (control.contains("no-store")) {
      return;
    }
    String etag = headers.firstValue("ETag").orElse(before == null ? null : before.etag());
    String lastModified =
        headers.firstValue("Last-Modified").orElse(before == null ? null : before.lastModified());
    cache.put(tile, new TileCache.Entry(bytes, expires(headers, now), etag, lastModified));
  }

  /**
   * Until when a response may be used without asking again (RFC 9111): {@code no-cache} never, else
   * {@code max-age} less {@code Age}, else {@code Expires}, else {@link #DEFAULT_FRESHNESS}.
   */
  static Instant expires(HttpHeaders headers, Instant now) {
    String control = String.join(",", headers.allValues("Cache-Control")).toLowerCase(Locale.ROOT);
    if (control.contains("no-cache")) {
      return now;
    }
    Matcher maxAge = MAX_AGE.matcher(control);
    if (maxAge.find()) {
      long age = headers.firstValue("Age").map(TileClient::seconds).orElse(0L);
      return now.plusSeconds(Math.max(0, seconds(maxAge.group(1)) - age));
    }
    Optional<String> expires = headers.firstValue("Expires");
    if (expires.isPresent()) {
      try {
        return ZonedDateTime.parse(expires.get().strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException invalid) {
        return now; // RFC 9111: an invalid Expires means already expired
      }
    }
    return now.plus(DEFAULT_FRESHNESS);
  }

  private static long seconds(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  @Override
  public void close() {
    http.close();
  }
}
