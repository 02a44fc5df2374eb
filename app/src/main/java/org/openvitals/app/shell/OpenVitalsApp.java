package org.openvitals.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.openvitals.app.context.AppContext;

/** The JavaFX application: the frame in a window that opens where it was left. */
public final class OpenVitalsApp extends Application {
  static final double DEFAULT_WIDTH = 1100;
  static final double DEFAULT_HEIGHT = 720;
  static final String STYLESHEET =
      OpenVitalsApp.class.getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm();

  private final ShellSettings settings;
  private AppContext context;
  private final boolean ownsContext;

  /** Used by {@link Application#launch}: the user's settings and the store the launcher chose. */
  public OpenVitalsApp() {
    this.settings = ShellSettings.forUser();
    this.ownsContext = true;
  }

  /** A window on a context the caller owns (and closes). */
  public OpenVitalsApp(ShellSettings settings, AppContext context) {
    this.settings = settings;
    this.context = context;
    this.ownsContext = false;
  }

  @Override
  public void start(Stage stage) {
    boolean dark = Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
    Application.setUserAgentStylesheet(
        dark
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());

    if (context == null) {
      context = new AppContext(DesktopLauncher.storeConfig(), Clock.systemDefaultZone());
    }
    ShellViewModel model =
        new ShellViewModel(settings, DesktopLauncher.describe(context.storeConfig()));
    Scene scene =
        new Scene(new ShellView(model, ScreenPages.of(context)), DEFAULT_WIDTH, DEFAULT_HEIGHT);
    scene.getStylesheets().add(STYLESHEET);
    stage.setScene(scene);
    stage.titleProperty().bind(model.windowTitle());
    stage.setMinWidth(640);
    stage.setMinHeight(420);
    settings.windowBounds().filter(OpenVitalsApp::onAScreen).ifPresent(b -> place(stage, b));
    stage.setOnHidden(e -> settings.saveWindowBounds(boundsOf(stage)));
    stage.show();
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
