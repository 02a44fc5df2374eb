package org.openvitals.app.welcome;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.time.DayBoundaries;

/**
 * The welcome page's state: the two ways in (import a file, or explore demo data) and the progress
 * of generating the demo database.
 */
public final class WelcomeViewModel implements Disposable {
  /** Days of demo data: enough for the 30-day views and a season of trends. */
  public static final int DEMO_DAYS = 90;

  private final AppContext context;
  private final DemoSession demo;
  private final Runnable openImport;
  private final int demoDays;
  private final BackgroundWork work;
  private final BackgroundWork.Lane generation;
  private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");

  /**
   * @param openImport shows the Import screen
   * @param demoDays how many days of demo data to generate, ending yesterday
   */
  public WelcomeViewModel(AppContext context, DemoSession demo, Runnable openImport, int demoDays) {
    this.context = context;
    this.demo = demo;
    this.openImport = openImport;
    this.demoDays = demoDays;
    this.work = new BackgroundWork(context);
    this.generation = work.lane();
    message.bind(
        Bindings.when(generation.runningProperty())
            .then(generation.messageProperty())
            .otherwise(outcome));
  }

  /** Drops a generation still running (what it wrote stays for the next try). */
  @Override
  public void dispose() {
    work.dispose();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return generation.runningProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return generation.progressProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public void importFile() {
    openImport.run();
  }

  /**
   * Generates the demo database (in the background) and, when it is complete, shows it on every
   * screen. Does nothing while a generation runs.
   */
  public void exploreDemo() {
    if (generation.isRunning()) {
      return;
    }
    StoreConfig own = demo.isActive() ? demo.ownStore() : context.storeConfig();
    Path folder = DemoSession.folderFor(own.dataDir());
    // The simulated person lives in the zone the store counts days in.
    ZoneId zone =
        context.store().dayBoundaries() instanceof DayBoundaries.FixedZone(ZoneId fixed)
            ? fixed
            : context.clock().getZone();
    LocalDate end = LocalDate.now(context.clock().withZone(zone)).minusDays(1);
    outcome.set("");
    generation
        .task(new DemoDataTask(folder, demoDays, end, zone))
        .onSuccess(demo::enter)
        .onCancelled(
            () -> outcome.set("Stopped. What was generated is kept; explore again to finish it."))
        .onFailure("Could not create the demo data", outcome::set)
        .start();
  }

  public void cancel() {
    generation.cancel();
  }
}
