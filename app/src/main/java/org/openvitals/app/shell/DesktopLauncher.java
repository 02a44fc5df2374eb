package org.openvitals.app.shell;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.settings.PasswordDialog;
import org.openvitals.core.store.StoreConfig;

/** Starts the desktop app from the command line's entry point. */
public final class DesktopLauncher {
  private static volatile StoreConfig storeConfig;
  private static volatile CompletableFuture<AppContext> opening;

  private DesktopLauncher() {}

  /**
   * Opens the window on the given store and returns when it is closed. The store opens (schema
   * check, source colours) while JavaFX starts, unless it first needs a password from the user.
   */
  public static void launch(StoreConfig config) {
    storeConfig = config;
    if (!PasswordDialog.needsPassword(config)) {
      opening =
          CompletableFuture.supplyAsync(
              () -> new AppContext(config, Clock.systemDefaultZone()),
              task -> Thread.ofPlatform().daemon().name("open-store").start(task));
    }
    Application.launch(OpenVitalsApp.class);
  }

  /** The store opened while JavaFX started, if it could be; its failure is thrown as it was. */
  static Optional<AppContext> openedStore() {
    CompletableFuture<AppContext> started = opening;
    if (started == null) {
      return Optional.empty();
    }
    opening = null;
    try {
      return Optional.of(started.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
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
