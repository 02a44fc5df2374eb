package org.openvitals.app.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.maps.TileMath.Tile;

/** The client against a tile server on 127.0.0.1 that records what it was asked. */
class TileClientTest {
  private static final Tile TILE = new Tile(10, 534, 356);
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @TempDir Path dataFolder;
  private FakeTileServer server;
  private MapTileSettings settings;

  @BeforeEach
  void start() throws IOException {
    server = new FakeTileServer();
    settings = new MapTileSettings(true, server.template(), "test");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TileClient client(Instant now) {
    return new TileClient(
        settings,
        new TileCache(dataFolder, settings.urlTemplate(), TileCache.DEFAULT_CAP_BYTES),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void asksForTheTilesAddressNamingTheAppAndItsVersion() throws Exception {
    try (TileClient client = client(NOW)) {
      byte[] png = client.tile(TILE);
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
    assertThat(server.tilesAsked()).containsExactly("10/534/356");
    FakeTileServer.Request request = server.requests().getFirst();
    assertThat(request.header("User-Agent"))
        .startsWith("OpenVitals/")
        .contains("desktop health app")
        .doesNotContain("Java-http-client");
    // Nothing that defeats the server's caching.
    assertThat(request.header("Cache-Control")).isNull();
    assertThat(request.header("Pragma")).isNull();
  }

  @Test
  void aFreshTileIsNeverAskedForAgainEvenByANewClient() throws Exception {
    server.sendHeaders(Map.of("Cache-Control", "max-age=3600"));
    try (TileClient client = client(NOW)) {
      client.tile(TILE);
      client.tile(TILE);
    }
    try (TileClient next = client(NOW.plusSeconds(3599))) {
      next.tile(TILE);
    }
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aStaleTileIsRevalidatedWithItsEtagAndKeptOnNotModified() throws Exception {
    server.sendHeaders(Map.of("Cache-Control", "max-age=60", "ETag", "\"v1\""));
    byte[] first;
    try (TileClient client = client(NOW)) {
      first = client.tile(TILE);
    }
    server.conditionally(r -> "\"v1\"".equals(r.header("If-None-Match")) ? 304 : null);
    try (TileClient later = client(NOW.plusSeconds(61))) {
      assertThat(later.tile(TILE)).isEqualTo(first);
    }
    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    // The 304's max-age made it fresh again: no third request within the minute.
    try (TileClient again = client(NOW.plusSeconds(100))) {
      again.tile(TILE);
    }
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void noStoreIsNotKeptAndNoCacheIsAskedAgainEachTime() throws Exception {
    server.sendHeaders(Map.of("Cache-Control", "no-store"));
    try (TileClient client = client(NOW)) {
      client.tile(TILE);
      client.tile(TILE);
    }
    assertThat(server.requests()).hasSize(2);
    assertThat(new TileCache(dataFolder, settings.urlTemplate(), 1_000_000).get(TILE)).isEmpty();
  }

  @Test
  void aRefusedTileSaysWhichAndWhatTheServerAnswered() {
    server.fail("10/534/356", 429);
    try (TileClient client = client(NOW)) {
      assertThatThrownBy(() -> client.tile(TILE))
          .isInstanceOf(IOException.class)
          .hasMessage("127.0.0.1 answered 429 for tile 10/534/356");
    }
  }

  @Test
  void aStaleTileIsShownWhenTheServerIsGone() throws Exception {
    server.sendHeaders(Map.of("Cache-Control", "max-age=60"));
    byte[] first;
    try (TileClient client = client(NOW)) {
      first = client.tile(TILE);
    }
    server.close();
    try (TileClient later = client(NOW.plusSeconds(3600))) {
      assertThat(later.tile(TILE)).isEqualTo(first);
      assertThatThrownBy(() -> later.tile(new Tile(10, 1, 1)))
          .hasMessageStartingWith("Could not reach 127.0.0.1 for tile 10/1/1");
    }
  }

  @Test
  void expiryFollowsMaxAgeLessAgeThenExpiresThenAWeek() {
    assertThat(
            TileClient.expires(
                headers(Map.of("Cache-Control", "public, max-age=600", "Age", "100")), NOW))
        .isEqualTo(NOW.plusSeconds(500));
    assertThat(TileClient.expires(headers(Map.of("Expires", "Wed, 09 Dec 2026 10:00:00 GMT")), NOW))
        .isEqualTo(Instant.parse("2026-12-09T10:00:00Z"));
    assertThat(TileClient.expires(headers(Map.of("Expires", "0")), NOW)).isEqualTo(NOW);
    assertThat(TileClient.expires(headers(Map.of("Cache-Control", "no-cache")), NOW))
        .isEqualTo(NOW);
    assertThat(TileClient.expires(headers(Map.of()), NOW))
        .isEqualTo(NOW.plus(TileClient.DEFAULT_FRESHNESS));
  }

  private static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(
        values.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
        (k, v) -> true);
  }
}
