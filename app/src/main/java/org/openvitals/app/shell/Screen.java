package org.openvitals.app.shell;

/**
 * The app's screens, in sidebar order. Each one is built in a later release; until then its page
 * says so.
 */
public enum Screen {
  DASHBOARD(
      "Dashboard",
      "This screen is not built yet; it will show today's values and your trends, each with the"
          + " source it came from."),
  SOURCES(
      "Sources",
      "This screen is not built yet; it will list your connected sources with their sync status,"
          + " last error and a sync-now button."),
  IMPORT(
      "Import",
      "This screen is not built yet; it will take an export file you drop on it and import it"
          + " with progress, cancel and a report."),
  PREFERENCES(
      "Preferences",
      "This screen is not built yet; it will let you order your sources per category by dragging"
          + " them, to decide which one wins."),
  QUALITY(
      "Quality",
      "This screen is not built yet; it will show quality flags and the days on which your"
          + " sources disagree."),
  INSIGHTS(
      "Insights",
      "This screen is not built yet; it will show what your data says over weeks and months."),
  DEVICES(
      "Devices",
      "This screen is not built yet; it will pair your iPhone with a QR code and list the paired"
          + " devices."),
  SETTINGS(
      "Settings",
      "This screen is not built yet; it will hold the data folder, storage engine, export and"
          + " deleting everything.");

  private final String title;
  private final String description;

  Screen(String title, String description) {
    this.title = title;
    this.description = description;
  }

  public String title() {
    return title;
  }

  /** One sentence saying what the screen is for. */
  public String description() {
    return description;
  }
}
