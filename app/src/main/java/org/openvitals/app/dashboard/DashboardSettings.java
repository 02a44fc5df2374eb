package org.openvitals.app.dashboard;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.openvitals.core.model.MetricType;

/**
 * What the dashboard remembers between runs (the period and the charted metric), kept in {@link
 * Preferences} because it belongs to this computer's user, not to the health data.
 */
public final class DashboardSettings {
  private static final String PERIOD = "period";
  private static final String METRIC = "chartMetric";

  private final Preferences node;

  public DashboardSettings(Preferences node) {
    this.node = node;
  }

  public static DashboardSettings forUser() {
    return new DashboardSettings(Preferences.userRoot().node("org/openvitals/app/dashboard"));
  }

  public Optional<Period> period() {
    try {
      return Optional.ofNullable(node.get(PERIOD, null)).map(Period::valueOf);
    } catch (IllegalArgumentException renamedOrRemoved) {
      return Optional.empty();
    }
  }

  public void savePeriod(Period period) {
    node.put(PERIOD, period.name());
    flush();
  }

  public Optional<MetricType> chartMetric() {
    return Optional.ofNullable(node.get(METRIC, null)).flatMap(MetricType::byId);
  }

  public void saveChartMetric(MetricType metric) {
    node.put(METRIC, metric.id());
    flush();
  }

  private void flush() {
    try {
      node.flush();
    } catch (BackingStoreException e) {
      // Remembering the period is a nicety; the dashboard works the same without it.
    }
  }
}
