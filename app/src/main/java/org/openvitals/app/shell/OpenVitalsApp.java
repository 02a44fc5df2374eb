package org.openvitals.app.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.openvitals.app.settings.PasswordDialog;
import org.openvitals.app.settings.Theme;
import org.openvitals.app.settings.UserSettings;
import org.openvitals.app.welcome.WelcomeViewModel;

/** The JavaFX application: the frame in a window that opens where it was left. */
public final class OpenVitalsApp extends Application {
  static final double DEFAULT_WIDTH = 1100;
  static final double DEFAULT_HEIGHT = 720;
  static final String STYLESHEET =
      OpenVitalsApp.class.getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm();

  /** How long after the dashboard's first values background sync starts (their layout, paint). */
  static final Duration SYNC_AFTER_THE_FIRST_VALUES = Duration.seconds(1);

  /** When background sync starts at the latest, however long the dashboard takes. */
  static final Duration SYNC_AT_THE_LATEST = Duration.seconds(10);

  /** Runs an action on the FX thread after a delay: the animation timer, a manual one in tests. */
  @FunctionalInterface
  interface FxTimer {
    FxTimer ANIMATION =
        (delay, action) -> {
          PauseTransition wait = new PauseTransition(delay);
          wait.setOnFinished(e -> action.run());
          wait.play();
        };

    void after(Duration delay, Runnable action);
  }

  private final ShellSettings settings;
  private final UserSettings userSettings;
  private AppContext context;
  private DashboardViewModel.EarlyRead earlyDashboard;
  private final boolean ownsContext;

  /** Times the start of background sync; null when the caller of a constructor decides on it. */
  private final FxTimer syncTimer;

  /** Used by {@link Application#launch}: the user's settings and the store the launcher chose. */
  public OpenVitalsApp() {
    this.settings = ShellSettings.forUser();
    this.userSettings = UserSettings.forUser();
    this.ownsContext = true;
    this.syncTimer = FxTimer.ANIMATION;
  }

  /** A window on a context the caller owns (and closes), in the system's theme. */
  public OpenVitalsApp(ShellSettings settings, AppContext context) {
    this(settings, null, context);
  }

  /**
   * A window on a context the caller owns (and closes), with the remembered units and theme of
   * {@code userSettings} (null: the defaults).
   */
  public OpenVitalsApp(ShellSettings settings, UserSettings userSettings, AppContext context) {
    this(settings, userSettings, context, null, null);
  }

  /**
   * A window on a context the caller owns (and closes), in the system's theme, its dashboard taking
   * the first values {@code earlyDashboard} reads (as the launcher starts the app).
   */
  public OpenVitalsApp(
      ShellSettings settings, AppContext context, DashboardViewModel.EarlyRead earlyDashboard) {
    this(settings, null, context, earlyDashboard, null);
  }

  /**
   * As the launcher's window, on a context the caller owns (and closes): background sync starts as
   * {@code syncTimer} times it.
   */
  OpenVitalsApp(
      ShellSettings settings,
      AppContext context,
      DashboardViewModel.EarlyRead earlyDashboard,
      FxTimer syncTimer) {
    this(settings, null, context, earlyDashboard, syncTimer);
  }

  private OpenVitalsApp(
      ShellSettings settings,
      UserSettings userSettings,
      AppContext context,
      DashboardViewModel.EarlyRead earlyDashboard,
      FxTimer syncTimer) {
    this.settings = settings;
    this.userSettings = userSettings;
    this.context = context;
    this.earlyDashboard = earlyDashboard;
    this.ownsContext = false;
    this.syncTimer = syncTimer;
  }

  @Override
  public void start(Stage stage) {
    (userSettings == null ? Theme.SYSTEM : userSettings.theme()).apply();
    if (context == null) {
      Optional<DesktopLauncher.Opened> opened =
          DesktopLauncher.openedStore()
              .or(() ->
                  PasswordDialog.open(DesktopLauncher.storeConfig(), Clock.systemDefaultZone())
                      .map(c -> new DesktopLauncher.Opened(c, null)));
      if (opened.isEmpty()) {
        Platform.exit();
        return;
      }
      context = opened.get().context();
      earlyDashboard = opened.get().dashboard();
    }
    if (userSettings != null) {
      context.unitSystemProperty().set(userSettings.unitSystem());
    }
    ShellViewModel model =
        new ShellViewModel(settings, DesktopLauncher.describe(context.storeConfig()));
    AppFrame frame = new AppFrame(context, model, WelcomeViewModel.DEMO_DAYS, earlyDashboard);
    earlyDashboard = null;
    Scene scene = new Scene(frame, DEFAULT_WIDTH, DEFAULT_HEIGHT, Theme.background());
    scene.getStylesheets().add(STYLESHEET);
    stage.setScene(scene);
    stage.titleProperty().bind(model.windowTitle());
    stage.setMinWidth(640);
    stage.setMinHeight(420);
    settings.windowBounds().filter(OpenVitalsApp::onAScreen).ifPresent(b -> place(stage, b));
    stage.setOnHidden(e -> {
      settings.saveWindowBounds(boundsOf(stage));
      frame.dispose();
    });
    stage.show();
    if (syncTimer != null) {
      startBackgroundSyncAfterTheFirstValues(frame);
    }
    String screenshots = System.getProperty(ScreenshotTour.PROPERTY);
    if (screenshots != null) {
      new ScreenshotTour(stage, model, Path.of(screenshots)).start();
    }
  }

  /**
   * Starts background sync a moment after the dashboard shows its first values, or {@link
   * #SYNC_AT_THE_LATEST} after the window opens. Opening it (settings, the vault, maybe the OS
   * keychain, the connectors) takes about half a second of CPU, which on two cores would otherwise
   * compete with reading and laying out those values; a sync can wait that long.
   */
  private void startBackgroundSyncAfterTheFirstValues(AppFrame frame) {
    boolean[] started = {false};
    Runnable sync =
        () -> {
          if (!started[0]) {
            started[0] = true;
            context.startBackgroundSync();
          }
        };
    syncTimer.after(SYNC_AT_THE_LATEST, sync);
    frame.whenDashboardShown(() -> syncTimer.after(SYNC_AFTER_THE_FIRST_VALUES, sync));
  }

  /**
   * The window's content: the shell, the welcome page in the dashboard's place while the store is
   * empty, and the demo banner above both.
   */
  static AppFrame frame(AppContext context, ShellViewModel model, int demoDays) {
    return new AppFrame(context, model, demoDays);
  }

  @Override
  public void stop() {
    if (ownsContext && context != null) {
      context.close();
    }
  }

  private static void place(Stage stage, WindowBounds bounds) {
    stage.setX(bounds.x());
    stage.setY(bounds.y());
    stage.setWidth(bounds.width());
    stage.setHeight(bounds.height());
    stage.setMaximized(bounds.maximized());
  }

  private static WindowBounds boundsOf(Stage stage) {
    return new WindowBounds(
        stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
  }

  /** A window saved on a monitor that is gone would open out of sight. */
  private static boolean onAScreen(WindowBounds b) {
    return !javafx.stage.Screen.getScreensForRectangle(
            new Rectangle2D(b.x(), b.y(), b.width(), b.height()))
        .isEmpty();
  }
}
