package org.openvitals.app.shell;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the shell remembers between runs (window bounds, last screen), kept in {@link Preferences}
 * because it belongs to this computer's user, not to the health data.
 */
public final class ShellSettings {
  private static final String SCREEN = "lastScreen";
  private static final String X = "window.x";
  private static final String Y = "window.y";
  private static final String WIDTH = "window.width";
  private static final String HEIGHT = "window.height";
  private static final String MAXIMIZED = "window.maximized";

  private final Preferences node;

  public ShellSettings(Preferences node) {
    this.node = node;
  }

  /** The current user's settings. */
  public static ShellSettings forUser() {
    return new ShellSettings(Preferences.userRoot().node("org/openvitals/app/shell"));
  }

  public Optional<Screen> lastScreen() {
    String name = node.get(SCREEN, null);
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Screen.valueOf(name));
    } catch (IllegalArgumentException renamedOrRemoved) {
      return Optional.empty();
    }
  }

  public void saveLastScreen(Screen screen) {
    node.put(SCREEN, screen.name());
    flush();
  }

  public Optional<WindowBounds> windowBounds() {
    double width = node.getDouble(WIDTH, -1);
    double height = node.getDouble(HEIGHT, -1);
    if (width <= 0 || height <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new WindowBounds(
            node.getDouble(X, 0),
            node.getDouble(Y, 0),
            width,
            height,
            node.getBoolean(MAXIMIZED, false)));
  }

  public void saveWindowBounds(WindowBounds bounds) {
    node.putDouble(X, bounds.x());
    node.putDouble(Y, bounds.y());
    node.putDouble(WIDTH, bounds.width());
    node.putDouble(HEIGHT, bounds.height());
    node.putBoolean(MAXIMIZED, bounds.maximized());
    flush();
  }

  private void flush() {
    try {
      node.flush();
    } catch (BackingStoreException e) {
      // Remembering the window is a nicety; the app works the same without it.
    }
  }
}
