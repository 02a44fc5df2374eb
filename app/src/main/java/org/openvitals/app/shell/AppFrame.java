package org.openvitals.app.shell;

import javafx.scene.layout.BorderPane;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.openvitals.app.welcome.DemoBanner;
import org.openvitals.app.welcome.DemoSession;
import org.openvitals.app.welcome.FirstRun;
import org.openvitals.app.welcome.WelcomeView;
import org.openvitals.app.welcome.WelcomeViewModel;

/**
 * The window's content: the shell, the welcome page in the dashboard's place while the store is
 * empty, and the demo banner above both. {@link #dispose()} (when the window closes) releases
 * everything it and its pages hold on the {@link AppContext}.
 */
final class AppFrame extends BorderPane implements Disposable {
  private final ShellView shell;
  private final FirstRun firstRun;
  private final DemoSession demo;
  private final Subscription storeDescription;
  private final Subscription detailRequests;

  AppFrame(AppContext context, ShellViewModel model, int demoDays) {
    this(context, model, demoDays, null);
  }

  /** A frame whose dashboard takes the values of {@code early} (may be null). */
  AppFrame(
      AppContext context, ShellViewModel model, int demoDays, DashboardViewModel.EarlyRead early) {
    this.storeDescription =
        context
            .storeProperty()
            .subscribe((before, now) ->
                model.storeDescriptionProperty().set(DesktopLauncher.describe(now.config())));
    this.detailRequests =
        context
            .detailRequestProperty()
            .subscribe(r -> {
              if (r != null) {
                model.select(Screen.DETAILS);
              }
            });
    this.firstRun = new FirstRun(context);
    model.welcomeProperty().bind(firstRun.emptyProperty());
    this.demo = new DemoSession(context);
    this.shell =
        new ShellView(
            model,
            ScreenPages.of(context, early),
            () ->
                new WelcomeView(
                    new WelcomeViewModel(
                        context, demo, () -> model.select(Screen.IMPORT), demoDays)));
    setCenter(shell);
    setTop(new DemoBanner(demo));
    // After the first frame: the dashboard starts reading even if the window opened elsewhere.
    javafx.application.Platform.runLater(() -> shell.prepare(Screen.DASHBOARD));
  }

  /**
   * Runs {@code action} once, on the FX thread, when the dashboard has shown what it first read
   * (also while another screen or the welcome page is in front).
   */
  void whenDashboardShown(Runnable action) {
    javafx.application.Platform.runLater(() -> {
      shell.prepare(Screen.DASHBOARD);
      shell
          .builtPage(Screen.DASHBOARD)
          .filter(DashboardView.class::isInstance)
          .map(page -> ((DashboardView) page).model())
          .ifPresentOrElse(model -> model.whenFirstShown(action), action);
    });
  }

  ShellView shell() {
    return shell;
  }

  @Override
  public void dispose() {
    storeDescription.unsubscribe();
    detailRequests.unsubscribe();
    shell.dispose();
    firstRun.dispose();
    demo.dispose();
  }
}
