package org.openvitals.app.maps;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;

/**
 * The map under a workout's route: whether tiles are drawn at all (the person's setting, read again
 * for each route shown), the tiles loaded so far for the route on screen, and a short note when
 * some could not be loaded. Tiles are fetched off the FX thread through the view model's {@link
 * BackgroundWork}, only those the view asks for; with tiles off nothing is ever fetched. Call every
 * method on the FX thread.
 */
public final class RouteMapModel implements Disposable {
  private final AppContext context;
  private final Supplier<MapTileSettings> settings;
  private final BackgroundWork work;
  private final BackgroundWork.Lane fetches;
  private final Map<TileMath.Tile, byte[]> tiles = new HashMap<>();

  /** Tiles that failed for the route shown: not asked for again until the next route. */
  private final Set<TileMath.Tile> failed = new HashSet<>();

  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
  private MapTileSettings current = MapTileSettings.OFF;
  private TileClient client;
  private Path clientFolder;
  private Runnable onTiles = () -> {};

  /**
   * @param settings the person's map-tile settings, read each time a route is shown (so a change in
   *     Settings counts from the next workout opened)
   */
  public RouteMapModel(AppContext context, Supplier<MapTileSettings> settings) {
    this.context = context;
    this.settings = settings;
    this.work = new BackgroundWork(context);
    this.fetches = work.lane();
  }

  /**
   * Starts a new route: reads the settings, forgets the previous route's tiles and note, and makes
   * {@code onTiles} the one callback told when tiles arrive.
   *
   * @return the settings to draw with; tiles are drawn only when {@link #tilesOn()} says so
   */
  public MapTileSettings begin(Runnable onTiles) {
    fetches.cancel();
    tiles.clear();
    failed.clear();
    note.set("");
    this.onTiles = onTiles;
    current = settings.get();
    if (current.enabled() && current.refusal() != null) {
      note.set("No map: " + current.refusal());
    }
    return current;
  }

  /** Whether the route shown now is drawn on tiles: on in Settings, with a usable address. */
  public boolean tilesOn() {
    return current.enabled() && current.refusal() == null;
  }

  /** The tile's image bytes, once loaded; null before (or when it failed). */
  public byte[] tile(TileMath.Tile tile) {
    return tiles.get(tile);
  }

  /**
   * Loads those of {@code wanted} not loaded yet, in the background, one after the other; each is
   * handed to the view as it arrives. A new call replaces a running one. Does nothing while tiles
   * are off.
   */
  public void request(List<TileMath.Tile> wanted) {
    if (!tilesOn()) {
      return;
    }
    // A failed tile is not asked for again while the pane is resized: a failing server is not
    // asked once per layout.
    List<TileMath.Tile> missing =
        wanted.stream().filter(t -> !tiles.containsKey(t) && !failed.contains(t)).toList();
    if (missing.isEmpty()) {
      return;
    }
    TileClient using = client(current, context.storeConfig().dataDir());
    Runnable told = onTiles;
    fetches
        .task(progress -> {
          Map<TileMath.Tile, String> failures = new LinkedHashMap<>();
          for (TileMath.Tile t : missing) {
            if (progress.isCancelled()) {
              break;
            }
            try {
              byte[] bytes = using.tile(t);
              progress.runOnFxThread(() -> {
                tiles.put(t, bytes);
                told.run();
              });
            } catch (IOException e) {
              failures.put(t, e.getMessage());
            }
          }
          return failures;
        })
        .onSuccess(failures -> {
          failed.addAll(failures.keySet());
          if (!failures.isEmpty()) {
            note.set(
                (failures.size() == missing.size()
                        ? "The map could not be loaded"
                        : "Part of the map could not be loaded")
                    + " ("
                    + failures.values().iterator().next()
                    + "); the route is drawn from its stored points.");
          }
        })
        .onFailure(error ->
            note.set("The map could not be loaded; the route is drawn from its stored points."))
        .start();
  }

  /** A client for these settings and data folder; the previous one is closed when they change. */
  private TileClient client(MapTileSettings with, Path dataFolder) {
    if (client == null || !client.settings().equals(with) || !dataFolder.equals(clientFolder)) {
      if (client != null) {
        client.close();
      }
      client =
          new TileClient(
              with,
              new TileCache(dataFolder, with.urlTemplate(), TileCache.DEFAULT_CAP_BYTES),
              // HTTP caching dates are real time, whatever clock the screens use.
              Clock.systemUTC());
      clientFolder = dataFolder;
    }
    return client;
  }

  /** A short note when tiles are off by a bad address or some could not be loaded; else "". */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  @Override
  public void dispose() {
    work.dispose();
    onTiles = () -> {};
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
