package org.openvitals.app.shell;

import javafx.application.Application;
import org.openvitals.core.store.StoreConfig;

/** Starts the desktop app from the command line's entry point. */
public final class DesktopLauncher {
  private static volatile StoreConfig storeConfig;

  private DesktopLauncher() {}

  /** Opens the window on the given store and returns when it is closed. */
  public static void launch(StoreConfig config) {
    storeConfig = config;
    Application.launch(OpenVitalsApp.class);
  }

  static StoreConfig storeConfig() {
    if (storeConfig == null) {
      throw new IllegalStateException("launch(StoreConfig) chooses the store before the window");
    }
    return storeConfig;
  }

  /** The data folder and engine as the frame shows them. */
  static String describe(StoreConfig config) {
    return "Data: "
        + config.dataDir()
        + " ("
        + config.engine().id()
        + (config.encrypted() ? ", encrypted" : "")
        + ")";
  }
}
