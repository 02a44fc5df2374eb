package org.openvitals.app.shell;

/**
 * The app's screens, in sidebar order, each with one sentence saying what it is for (the sidebar's
 * tooltip; a screen that is not built yet shows it as its page).
 */
public enum Screen {
  DASHBOARD("Dashboard", "Today's values and your trends, each with the source it came from."),
  DETAILS(
      "Details",
      "One metric by day, week, month, year or all time, every reading, and its stored samples."),
  SLEEP(
      "Sleep",
      "Each night as a hypnogram with bed and wake times, a bar per night over weeks, and your"
          + " other sources' nights beside it."),
  WORKOUTS(
      "Workouts",
      "Your workouts with distance, pace, energy and heart rate; one entry per workout, whichever"
          + " sources recorded it."),
  SOURCES(
      "Sources",
      "Your sources with their data, and your cloud accounts: connect, sync, disconnect."),
  IMPORT(
      "Import",
      "Import an export file (Apple Health, Fitbit, Google Fit, WHOOP, Oura, Cronometer,"
          + " MyFitnessPal, FIT, GPX, TCX, any CSV) with progress, cancel and a report."),
  PREFERENCES("Preferences", "Order your sources per category to decide which one wins."),
  QUALITY("Quality", "Days your sources disagree, implausible samples and other quality flags."),
  INSIGHTS(
      "Insights",
      "Trends, days outside your normal range and correlations, the weekly report, and the"
          + " assistant when it is on."),
  DEVICES(
      "Devices",
      "Pair your iPhone with a QR code, allow or revoke phones and see what each one sent."),
  SETTINGS("Settings", "Data folder, time zone, units, theme, export and deleting everything.");

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
