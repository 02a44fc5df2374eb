package org.openvitals.bench.dashboard;

import org.openvitals.app.dashboard.DashboardSettings;
import org.openvitals.app.dashboard.Period;

/** Writes the dashboard's remembered period into this JVM's preferences root (for cold starts). */
public final class RememberPeriod {
  private RememberPeriod() {}

  public static void main(String[] args) {
    DashboardSettings.forUser().savePeriod(Period.valueOf(args[0]));
  }
}
