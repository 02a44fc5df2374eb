package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardSettings;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * When the launcher's window starts background sync: a moment after the dashboard shows its first
 * values, never before, and at the latest a while after the window opens. The dashboard's early
 * read is held until the test runs it, and the delays pass on a manual timer.
 */
@ExtendWith(ApplicationExtension.class)
class BackgroundSyncStartTest {
  @TempDir Path dataDir;
  private final DashboardViewModel.EarlyRead early = new DashboardViewModel.EarlyRead();
  private final ManualTimer timer = new ManualTimer();
  private AppContext context;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    OffsetDateTime at = OffsetDateTime.now().minusHours(1);
    context = StoreWithData.open(dataDir, at);
    new OpenVitalsApp(new ShellSettings(new MemoryPreferences()), context, early, timer)
        .start(stage);
  }

  @AfterEach
  void closeWindowAndStore(FxRobot robot) {
    early.abandon(); // a dashboard still waiting for it reads for itself
    robot.interact(stage::hide);
    context.close();
  }

  @Test
  void backgroundSyncStartsAMomentAfterTheDashboardsFirstValuesAndNotBefore(FxRobot robot)
      throws Exception {
    WaitForAsyncUtils.waitForFxEvents(); // the first frame, the dashboard built and waiting
    robot.interact(() -> timer.advance(Duration.seconds(5)));
    assertThat(dashboardState()).isEqualTo(DashboardViewModel.State.LOADING);
    assertThat(context.backgroundSyncStarted()).isFalse();

    early.run(context, DashboardSettings.forUser());
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> dashboardState() == DashboardViewModel.State.READY);
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() ->
        timer.advance(OpenVitalsApp.SYNC_AFTER_THE_FIRST_VALUES.subtract(Duration.millis(1))));
    assertThat(context.backgroundSyncStarted()).isFalse();

    robot.interact(() -> timer.advance(Duration.millis(1)));
    assertThat(context.backgroundSyncStarted()).isTrue();
  }

  @Test
  void backgroundSyncStartsAtTheLatestBoundWhileTheDashboardIsStillReading(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(
        () -> timer.advance(OpenVitalsApp.SYNC_AT_THE_LATEST.subtract(Duration.millis(1))));
    assertThat(context.backgroundSyncStarted()).isFalse();

    robot.interact(() -> timer.advance(Duration.millis(1)));
    assertThat(dashboardState()).isEqualTo(DashboardViewModel.State.LOADING);
    assertThat(context.backgroundSyncStarted()).isTrue();
  }

  private DashboardViewModel.State dashboardState() {
    return ((AppFrame) stage.getScene().getRoot())
        .shell()
        .builtPage(Screen.DASHBOARD)
        .map(page -> ((DashboardView) page).model().stateProperty().get())
        .orElseThrow();
  }

  /** Delays that pass only when the test moves the clock on; use on the FX thread. */
  private static final class ManualTimer implements OpenVitalsApp.FxTimer {
    private record Due(Duration at, Runnable action) {}

    private final List<Due> pending = new ArrayList<>();
    private Duration now = Duration.ZERO;

    @Override
    public void after(Duration delay, Runnable action) {
      pending.add(new Due(now.add(delay), action));
    }

    /** Moves the clock on by {@code time}, running what falls due, earliest first. */
    void advance(Duration time) {
      now = now.add(time);
      while (true) {
        Due next =
            pending.stream()
                .filter(d -> d.at().lessThanOrEqualTo(now))
                .min(Comparator.comparing(Due::at))
                .orElse(null);
        if (next == null) {
          return;
        }
        pending.remove(next);
        next.action().run();
      }
    }
  }
}
