package org.openvitals.app.settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.openvitals.app.assistant.AssistantSettings;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.maps.MapTileSettings;
import org.openvitals.core.store.DataFolder;

/**
 * The choices made on the Settings screen that belong to this computer's user rather than to the
 * health data: the data folder to open, units, theme, the assistant's server and the map tiles'.
 * Kept in {@link Preferences}; the time zone for day boundaries lives in the store, because it
 * decides how the data is filed.
 */
public final class UserSettings {
  private static final String DATA_FOLDER = "dataFolder";
  private static final String UNITS = "units";
  private static final String THEME = "theme";

  private final Preferences node;

  public UserSettings(Preferences node) {
    this.node = node;
  }

  /** The current user's settings. */
  public static UserSettings forUser() {
    return new UserSettings(Preferences.userRoot().node("org/openvitals/app/settings"));
  }

  /** The data folder chosen on the Settings screen, if any. */
  public Optional<Path> dataFolder() {
    String value = node.get(DATA_FOLDER, null);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(value));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * The data folder remembered from the Settings screen, unless {@code --data-dir} or {@code
   * OPENVITALS_DATA_DIR} names one: an explicit choice for this run wins. The settings are read
   * only when needed, so explicit runs (scripts, tests) never touch the user's preferences.
   */
  public static Optional<Path> rememberedDataFolder(
      Path fromCommandLine, Map<String, String> env, Supplier<UserSettings> settings) {
    String fromEnv = env.get(DataFolder.ENV);
    if (fromCommandLine != null || (fromEnv != null && !fromEnv.isBlank())) {
      return Optional.empty();
    }
    // A folder that is gone (an unplugged drive) must not silently become a new, empty store.
    return settings.get().dataFolder().filter(Files::isDirectory);
  }

  public void saveDataFolder(Path folder) {
    node.put(DATA_FOLDER, folder.toAbsolutePath().toString());
    flush();
  }

  public UnitSystem unitSystem() {
    return parse(UnitSystem.class, node.get(UNITS, null), UnitSystem.METRIC);
  }

  public void saveUnitSystem(UnitSystem units) {
    node.put(UNITS, units.name());
    flush();
  }

  public Theme theme() {
    return parse(Theme.class, node.get(THEME, null), Theme.SYSTEM);
  }

  public void saveTheme(Theme theme) {
    node.put(THEME, theme.name());
    flush();
  }

  /** The assistant's server and model; off until the user turns it on. */
  public AssistantSettings assistant() {
    return AssistantSettings.load(node);
  }

  public void saveAssistant(AssistantSettings assistant) {
    assistant.save(node);
    flush();
  }

  /** Whether workout routes are drawn on map tiles, and from which server; off by default. */
  public MapTileSettings mapTiles() {
    return MapTileSettings.load(node);
  }

  public void saveMapTiles(MapTileSettings tiles) {
    tiles.save(node);
    flush();
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
    if (name == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException renamedOrRemoved) {
      return fallback;
    }
  }

  private void flush() {
    try {
      node.flush();
    } catch (BackingStoreException e) {
      // The choice still holds for this run; only remembering it failed.
    }
  }
}
