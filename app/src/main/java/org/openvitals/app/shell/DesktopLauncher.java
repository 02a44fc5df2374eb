package org.openvitals.app.shell;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardSettings;
import org.openvitals.app.dashboard.DashboardViewModel.EarlyRead;
import org.openvitals.app.settings.PasswordDialog;
import org.openvitals.core.store.StoreConfig;

/** Starts the desktop app from the command line's entry point. */
public final class DesktopLauncher {
  private static volatile StoreConfig storeConfig;
  private static volatile Opening opening;

  private DesktopLauncher() {}

  /**
   * Opens the window on the given store and returns when it is closed. The store opens (schema
   * check, source colours) and the dashboard's first values are read while JavaFX starts, unless
   * the store first needs a password from the user.
   */
  public static void launch(StoreConfig config) {
    storeConfig = config;
    if (!PasswordDialog.needsPassword(config)) {
      opening = openInBackground(config);
    }
    StartupCache.makeLaterIfNeeded();
    Application.launch(OpenVitalsApp.class);
  }

  /**
   * The store opening on a thread of its own and, once it is open, the dashboard's first values
   * read on the same thread, both while JavaFX starts and builds the window.
   */
  public record Opening(CompletableFuture<AppContext> context, EarlyRead dashboard) {}

  /** Starts opening {@code config}'s store, then reading the dashboard's first values. */
  public static Opening openInBackground(StoreConfig config) {
    CompletableFuture<AppContext> context = new CompletableFuture<>();
    EarlyRead dashboard = new EarlyRead();
    Thread.ofPlatform()
        .daemon()
        .name("open-store")
        .start(() -> {
          AppContext opened;
          try {
            opened = new AppContext(config, Clock.systemDefaultZone());
          } catch (Throwable e) {
            dashboard.abandon();
            context.completeExceptionally(e);
            return;
          }
          context.complete(opened); // the window goes on while the values are read
          dashboard.run(opened, DashboardSettings.forUser());
        });
    return new Opening(context, dashboard);
  }

  /** The store opened while JavaFX started, if it could be; its failure is thrown as it was. */
  static Optional<Opened> openedStore() {
    Opening started = opening;
    if (started == null) {
      return Optional.empty();
    }
    opening = null;
    try {
      return Optional.of(new Opened(started.context().join(), started.dashboard()));
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** An open store and its dashboard's first values, read or being read (may be null). */
  record Opened(AppContext context, EarlyRead dashboard) {}

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
