package org.openvitals.bench.dashboard;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.MetricSummary;
import org.openvitals.app.shell.DesktopLauncher;
import org.openvitals.app.shell.OpenVitalsApp;
import org.openvitals.app.shell.ShellSettings;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * One cold start, in a fresh JVM that {@link DashboardBench} launches and times from outside:
 *
 * <ul>
 *   <li>{@code store DIR}: the baseline, opening the store (schema check included) and reading its
 *       sources, then exiting;
 *   <li>{@code dashboard DIR}: what the app does: start JavaFX while the launcher's thread opens
 *       the store and reads the dashboard's first values ({@link
 *       DesktopLauncher#openInBackground}), build the window with the real frame and dashboard, and
 *       wait until a pulse has laid out the dashboard's values (as they reach the screen).
 * </ul>
 *
 * Prints {@code READY} and the phases (ms since the JVM started: the values applied to the model,
 * then laid out by a pulse) with the FX thread's and the process's CPU ms on one line, then exits.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "store" -> {
        try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
          store.sources();
          ready("store " + sinceStart());
        }
        System.exit(0);
      }
      case "dashboard" -> dashboard(dir);
      default -> throw new IllegalArgumentException("Mode store or dashboard, got " + args[0]);
    }
  }

  private static void dashboard(Path dir) {
    // The same steps as the app's start (DesktopLauncher): the store opens, and the dashboard's
    // first values are read, while JavaFX starts.
    DesktopLauncher.Opening opening = DesktopLauncher.openInBackground(StoreConfig.sqlite(dir));
    Platform.startup(() -> {
      long toolkit = sinceStart();
      AppContext context = opening.context().join();
      long store = sinceStart();
      Stage stage = new Stage();
      new OpenVitalsApp(ShellSettings.forUser(), context, opening.dashboard()).start(stage);
      long window = sinceStart();
      DashboardView view = (DashboardView) stage.getScene().lookup(".dashboard");
      long[] applied = {-1};
      view.model()
          .summaries()
          .addListener(
              (ListChangeListener<MetricSummary>)
                  c -> {
                    if (applied[0] < 0 && !view.model().summaries().isEmpty()) {
                      applied[0] = sinceStart();
                    }
                  });
      // Shown when a pulse has laid the values out, as on screen: what runs beside that pulse
      // (the dashboard's further reads, the compilers) counts, as it does for the person waiting.
      stage
          .getScene()
          .addPostLayoutPulseListener(() -> {
            Node value = stage.getScene().lookup("#dashboard-tiles .metric-value");
            if (applied[0] >= 0 && value != null && value.getLayoutBounds().getWidth() > 0) {
              ready(
                  String.format(
                      Locale.ROOT,
                      "toolkit %d store %d window %d applied %d values %d tiles %d"
                          + " fx-cpu %d cpu %d",
                      toolkit,
                      store,
                      window,
                      applied[0],
                      sinceStart(),
                      view.model().summaries().size(),
                      ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000,
                      ((com.sun.management.OperatingSystemMXBean)
                                  ManagementFactory.getOperatingSystemMXBean())
                              .getProcessCpuTime()
                          / 1_000_000));
              System.exit(0);
            }
          });
    });
  }

  private static void ready(String phases) {
    System.out.println("READY " + phases);
    System.out.flush();
  }

  private static long sinceStart() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }
}
