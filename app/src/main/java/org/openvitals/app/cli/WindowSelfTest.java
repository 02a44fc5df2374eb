package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.MetricSummary;
import org.openvitals.app.shell.OpenVitalsApp;
import org.openvitals.app.shell.ShellSettings;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * The window part of {@code self-test --window}: demo data, then the real dashboard. A class of its
 * own so that {@link SelfTestCommand}'s methods name no JavaFX type: picocli reads a command's
 * methods, which loads every type they name, and the command line's start-up cache (trained on
 * {@code self-test}) would otherwise hold, and load at every command's start, some 400 JavaFX
 * classes that no command uses.
 */
final class WindowSelfTest {
  static final int WINDOW_DAYS = 14;

  /** Generous: a packaging machine may be busy with other builds (seen: 30 s at load 30). */
  static final int WINDOW_SECONDS = 300;

  private WindowSelfTest() {}

  /** Demo data in the store, then the real window until its dashboard shows values. */
  static void check(StoreConfig config, PrintWriter out) throws Exception {
    try (SampleStore store = Stores.open(config)) {
      ZoneId zone = ZoneId.systemDefault();
      SyntheticData data =
          SyntheticData.of(
              SyntheticData.Options.defaults()
                  .withDays(WINDOW_DAYS)
                  .withEndDate(LocalDate.now(zone).minusDays(1))
                  .withZone(zone));
      store.upsert(data.days().flatMap(d -> d.samples().stream()).toList());
    }
    long t0 = System.nanoTime();
    CompletableFuture<Integer> tiles = new CompletableFuture<>();
    try (AppContext context = new AppContext(config, Clock.systemDefaultZone())) {
      try {
        Platform.startup(() -> show(context, tiles));
      } catch (IllegalStateException alreadyStarted) {
        Platform.runLater(() -> show(context, tiles));
      }
      int shown;
      try {
        shown = tiles.get(WINDOW_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw SelfTestCommand.failed(
            "the dashboard showed no values within " + WINDOW_SECONDS + " seconds");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof CliException c
            ? c
            : SelfTestCommand.failed(e.getCause().toString());
      }
      CompletableFuture<Void> closed = new CompletableFuture<>();
      Platform.runLater(() -> {
        // The toolkit stays up for whatever runs next in this JVM (tests); the command exits.
        Platform.setImplicitExit(false);
        Stage.getWindows().stream()
            .filter(Stage.class::isInstance)
            .map(Stage.class::cast)
            .toList()
            .forEach(Stage::close);
        closed.complete(null);
      });
      try {
        closed.get(WINDOW_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw SelfTestCommand.failed(
            "the window did not close within " + WINDOW_SECONDS + " seconds");
      }
      out.printf(
          Locale.ROOT,
          "Window: the dashboard showed %d tiles of demo data after %d ms.%n",
          shown,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static void show(AppContext context, CompletableFuture<Integer> tiles) {
    try {
      Stage stage = new Stage();
      new OpenVitalsApp(ShellSettings.forUser(), context).start(stage);
      DashboardView view = (DashboardView) stage.getScene().lookup(".dashboard");
      if (view == null) {
        tiles.completeExceptionally(
            SelfTestCommand.failed("the window opened without a dashboard"));
        return;
      }
      ListChangeListener<MetricSummary> listener =
          change -> {
            if (!view.model().summaries().isEmpty()) {
              stage.getScene().getRoot().applyCss();
              stage.getScene().getRoot().layout();
              tiles.complete(view.model().summaries().size());
            }
          };
      view.model().summaries().addListener(listener);
    } catch (RuntimeException | LinkageError e) {
      tiles.completeExceptionally(SelfTestCommand.failed("the window could not open (" + e + ")"));
    }
  }
}
