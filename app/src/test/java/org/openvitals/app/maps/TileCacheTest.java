package org.openvitals.app.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.maps.TileMath.Tile;

class TileCacheTest {
  private static final String OSM = MapTileSettings.OPENSTREETMAP;
  @TempDir Path dataFolder;

  private static TileCache.Entry entry(int size, Instant expires) {
    return new TileCache.Entry(new byte[size], expires, "\"tag\"", null);
  }

  @Test
  void aTileComesBackWithItsExpiryAndValidators() throws Exception {
    TileCache cache = new TileCache(dataFolder, OSM, 1_000_000);
    Instant expires = Instant.parse("2026-12-09T10:00:00Z");
    cache.put(
        new Tile(5, 1, 2),
        new TileCache.Entry(
            new byte[] {1, 2, 3}, expires, "\"e1\"", "Wed, 02 Dec 2026 10:00:00 GMT"));

    TileCache.Entry back = cache.get(new Tile(5, 1, 2)).orElseThrow();
    assertThat(back.bytes()).containsExactly(1, 2, 3);
    assertThat(back.expires()).isEqualTo(expires);
    assertThat(back.etag()).isEqualTo("\"e1\"");
    assertThat(back.lastModified()).isEqualTo("Wed, 02 Dec 2026 10:00:00 GMT");
    assertThat(back.fresh(expires.minusSeconds(1))).isTrue();
    assertThat(back.fresh(expires)).isFalse();
    assertThat(cache.get(new Tile(5, 1, 3))).isEmpty();
  }

  @Test
  void tilesLiveInTheDataFoldersTilesFolderOwnerOnly() throws Exception {
    new TileCache(dataFolder, OSM, 1_000_000).put(new Tile(5, 1, 2), entry(10, Instant.now()));
    Path tiles = dataFolder.resolve(TileCache.FOLDER);
    assertThat(tiles).isDirectory();
    try (Stream<Path> all = Files.walk(tiles)) {
      for (Path p : all.toList()) {
        String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .as(p.toString())
            .isEqualTo(expected);
      }
    }
    // The server's folder names its host, so a person looking at the folder sees whose tiles.
    try (Stream<Path> servers = Files.list(tiles)) {
      assertThat(servers.map(p -> p.getFileName().toString()).toList())
          .singleElement()
          .asString()
          .startsWith("tile.openstreetmap.org-");
    }
  }

  @Test
  void twoServersKeepTheirOwnTiles() throws Exception {
    TileCache osm = new TileCache(dataFolder, OSM, 1_000_000);
    TileCache other =
        new TileCache(dataFolder, "https://tiles.example.org/{z}/{x}/{y}.png", 1_000_000);
    osm.put(new Tile(1, 0, 0), entry(5, Instant.now()));
    assertThat(other.get(new Tile(1, 0, 0))).isEmpty();
    assertThat(osm.get(new Tile(1, 0, 0))).isPresent();
  }

  @Test
  void pastTheCapTheTilesUsedLeastRecentlyGoFirst() throws Exception {
    TileCache cache = new TileCache(dataFolder, OSM, 35_000);
    Instant later = Instant.now().plusSeconds(3600);
    for (int x = 0; x < 3; x++) {
      cache.put(new Tile(10, x, 0), entry(10_000, later));
      Thread.sleep(15); // distinct modification times
    }
    // Tile 0 is used again: now tile 1 is the least recently used.
    assertThat(cache.get(new Tile(10, 0, 0))).isPresent();
    Thread.sleep(15);
    cache.put(new Tile(10, 3, 0), entry(10_000, later));

    assertThat(cache.size()).isLessThanOrEqualTo(35_000);
    assertThat(cache.get(new Tile(10, 1, 0))).isEmpty();
    assertThat(cache.get(new Tile(10, 0, 0))).isPresent();
    assertThat(cache.get(new Tile(10, 3, 0))).isPresent();
  }
}
