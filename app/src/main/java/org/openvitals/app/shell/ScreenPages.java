package org.openvitals.app.shell;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.Node;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.openvitals.app.detail.DetailView;
import org.openvitals.app.devices.DevicesView;
import org.openvitals.app.imports.ImportView;
import org.openvitals.app.insights.InsightsView;
import org.openvitals.app.preferences.PreferencesView;
import org.openvitals.app.quality.QualityView;
import org.openvitals.app.settings.SettingsView;
import org.openvitals.app.sleep.SleepView;
import org.openvitals.app.sources.SourcesView;
import org.openvitals.app.workouts.WorkoutsView;

/**
 * Builds each screen's page, once, when it is first shown; the page then lives as long as the
 * window, so work it started (an import) goes on while the user looks at other screens. A screen
 * without an entry shows what it will be for.
 */
@FunctionalInterface
public interface ScreenPages {
  Optional<Node> create(Screen screen);

  /** The pages of the app, one line per screen. */
  static ScreenPages of(AppContext context) {
    return of(context, null);
  }

  /** The pages of the app, the dashboard taking the values of {@code early} (may be null). */
  static ScreenPages of(AppContext context, DashboardViewModel.EarlyRead early) {
    Map<Screen, Function<AppContext, Node>> pages =
        Map.ofEntries(
            Map.entry(Screen.DASHBOARD, c -> new DashboardView(c, early)),
            Map.entry(Screen.DETAILS, DetailView::new),
            Map.entry(Screen.SLEEP, SleepView::new),
            Map.entry(Screen.WORKOUTS, WorkoutsView::new),
            Map.entry(Screen.SOURCES, SourcesView::new),
            Map.entry(Screen.IMPORT, ImportView::new),
            Map.entry(Screen.PREFERENCES, PreferencesView::new),
            Map.entry(Screen.QUALITY, QualityView::new),
            Map.entry(Screen.INSIGHTS, InsightsView::new),
            Map.entry(Screen.DEVICES, DevicesView::new),
            Map.entry(Screen.SETTINGS, SettingsView::new));
    return screen -> Optional.ofNullable(pages.get(screen)).map(page -> page.apply(context));
  }

  /** Every screen shows its placeholder (tests of the frame alone). */
  static ScreenPages none() {
    return screen -> Optional.empty();
  }
}
