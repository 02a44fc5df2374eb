package org.openvitals.app.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.maps.TileMath.Tile;
import org.openvitals.core.store.StoreConfig;

/** The map's view model without a window: work runs at once on the test's thread. */
class RouteMapModelTest {
  private static final List<Tile> TWO = List.of(new Tile(13, 4399, 2686), new Tile(13, 4400, 2686));

  @TempDir Path dir;
  private AppContext context;
  private FakeTileServer server;
  private final AtomicReference<MapTileSettings> settings = new AtomicReference<>();
  private RouteMapModel model;

  @BeforeEach
  void open() throws Exception {
    context = new AppContext(StoreConfig.sqlite(dir), Clock.systemUTC(), TaskExecutor.immediate());
    server = new FakeTileServer();
    model = new RouteMapModel(context, settings::get);
  }

  @AfterEach
  void close() {
    model.dispose();
    server.close();
    context.close();
  }

  @Test
  void offNothingIsFetched() {
    // Off with the fake's address: a fetch despite "off" would reach the fake and be counted.
    settings.set(new MapTileSettings(false, server.template(), "test"));
    model.begin(() -> {});
    model.request(TWO);
    assertThat(model.tilesOn()).isFalse();
    assertThat(model.tile(TWO.getFirst())).isNull();
    assertThat(model.noteProperty().get()).isEmpty();
    assertThat(server.requests()).isEmpty();
    assertThat(dir.resolve(TileCache.FOLDER)).doesNotExist();
  }

  @Test
  void onWithAnAddressThatIsNoTemplateNothingIsFetchedAndTheNoteSaysWhy() {
    settings.set(new MapTileSettings(true, server.template().replace("{y}", "0"), ""));
    model.begin(() -> {});
    model.request(TWO);
    assertThat(model.tilesOn()).isFalse();
    assertThat(model.noteProperty().get())
        .isEqualTo(
            "No map: The tile server's address '"
                + server.template().replace("{y}", "0")
                + "' has no {y}.");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void onTheTilesAskedForAreFetchedOnceAndKeptInTheDataFolder() {
    settings.set(new MapTileSettings(true, server.template(), "test"));
    AtomicInteger told = new AtomicInteger();
    model.begin(told::incrementAndGet);
    assertThat(model.tilesOn()).isTrue();
    model.request(TWO);

    assertThat(server.tilesAsked()).containsExactly("13/4399/2686", "13/4400/2686");
    assertThat(model.tile(TWO.get(0))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(model.tile(TWO.get(1))).isNotNull();
    assertThat(told).hasValue(2);
    assertThat(model.noteProperty().get()).isEmpty();
    model.request(TWO);
    // The next route forgets the tiles in memory, but the disk cache still has them, fresh.
    model.begin(() -> {});
    model.request(TWO);
    assertThat(model.tile(TWO.get(0))).isNotNull();
    assertThat(server.requests()).hasSize(2);
    assertThat(dir.resolve(TileCache.FOLDER)).isDirectory();
  }

  @Test
  void aFailedTileLeavesAShortNoteAndTheOthersDrawn() {
    settings.set(new MapTileSettings(true, server.template(), "test"));
    server.fail("13/4400/2686", 503);
    model.begin(() -> {});
    model.request(TWO);
    assertThat(model.tile(TWO.get(0))).isNotNull();
    assertThat(model.tile(TWO.get(1))).isNull();
    assertThat(model.noteProperty().get())
        .isEqualTo(
            "Part of the map could not be loaded (127.0.0.1 answered 503 for tile 13/4400/2686);"
                + " the route is drawn from its stored points.");
    // Asked again (the pane was resized): the failed tile is not, until the next route.
    model.request(TWO);
    assertThat(server.tilesAsked()).containsExactly("13/4399/2686", "13/4400/2686");
    model.begin(() -> {});
    model.request(TWO);
    assertThat(server.tilesAsked()).endsWith("13/4400/2686", "13/4400/2686");
  }

  @Test
  void turnedOffInSettingsTheNextRouteFetchesNothing() {
    settings.set(new MapTileSettings(true, server.template(), "test"));
    model.begin(() -> {});
    model.request(TWO.subList(0, 1));
    settings.set(new MapTileSettings(false, server.template(), "test"));
    model.begin(() -> {});
    model.request(TWO);
    assertThat(server.tilesAsked()).containsExactly("13/4399/2686");
  }
}
