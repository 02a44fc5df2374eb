package org.openvitals.app.shell;

import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.core.store.StoreConfig;

/**
 * The training run of the window's start-up cache ({@link StartupCache.Purpose#WINDOW}): the
 * desktop app's own start on the store in the folder given, as {@link DesktopLauncher} starts it
 * (the store opened and the dashboard's first values read on a thread of their own while JavaFX
 * starts and the window is built), until a pulse has laid out the dashboard's values; then the JVM
 * exits, writing the cache. Nothing else runs in it, because a window's start loads every class the
 * linked cache holds.
 */
public final class WindowTraining {
  /** Exit code when the dashboard showed no values in time (or the window failed to open). */
  static final int FAILED = 1;

  /** Generous: the training runs beside the app, on a machine that may be busy. */
  static final Duration LIMIT = Duration.ofMinutes(5);

  private WindowTraining() {}

  /** {@code args[0]}: the data folder of a SQLite store with data to show. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("Usage: WindowTraining DATA_FOLDER");
      System.exit(FAILED);
    }
    Thread.ofPlatform()
        .daemon()
        .name("training-limit")
        .start(() -> {
          try {
            Thread.sleep(LIMIT);
            System.err.println(
                "The dashboard showed no values within " + LIMIT.toMinutes() + " min");
            System.exit(FAILED);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    DesktopLauncher.Opening opening =
        DesktopLauncher.openInBackground(StoreConfig.sqlite(Path.of(args[0])));
    Platform.startup(() -> {
      try {
        Stage stage = new Stage();
        new OpenVitalsApp(ShellSettings.forUser(), opening.context().join(), opening.dashboard())
            .start(stage);
        Scene scene = stage.getScene();
        DashboardView dashboard = (DashboardView) scene.lookup(".dashboard");
        scene.addPostLayoutPulseListener(() -> {
          Node value = scene.lookup("#dashboard-tiles .metric-value");
          if (!dashboard.model().summaries().isEmpty()
              && value != null
              && value.getLayoutBounds().getWidth() > 0) {
            System.exit(0);
          }
        });
      } catch (RuntimeException | LinkageError e) {
        e.printStackTrace();
        System.exit(FAILED);
      }
    });
  }
}
