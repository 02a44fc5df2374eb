package org.openvitals.app.welcome;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.time.DayBoundaries;

/**
 * The welcome page's state: the two ways in (import a file, or explore demo data) and the progress
 * of generating the demo database.
 */
public final class WelcomeViewModel {
  /** Days of demo data: enough for the 30-day views and a season of trends. */
  public static final int DEMO_DAYS = 90;

  private final AppContext context;
  private final DemoSession demo;
  private final Runnable openImport;
  private final int demoDays;
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private Task<StoreConfig> running;

  /**
   * @param openImport shows the Import screen
   * @param demoDays how many days of demo data to generate, ending yesterday
   */
  public WelcomeViewModel(AppContext context, DemoSession demo, Runnable openImport, int demoDays) {
    this.context = context;
    this.demo = demo;
    this.openImport = openImport;
    this.demoDays = demoDays;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public void importFile() {
    openImport.run();
  }

  /**
   * Generates the demo database (in the background) and, when it is complete, shows it on every
   * screen.
   */
  public Task<StoreConfig> exploreDemo() {
    if (running != null) {
      return running;
    }
    StoreConfig own = demo.isActive() ? demo.ownStore() : context.storeConfig();
    Path folder = DemoSession.folderFor(own.dataDir());
    // The simulated person lives in the zone the store counts days in.
    ZoneId zone =
        context.store().dayBoundaries() instanceof DayBoundaries.FixedZone(ZoneId fixed)
            ? fixed
            : context.clock().getZone();
    LocalDate end = LocalDate.now(context.clock().withZone(zone)).minusDays(1);
    Task<StoreConfig> task = new DemoDataTask(folder, demoDays, end, zone);
    running = task;
    busy.set(true);
    progress.bind(task.progressProperty());
    message.bind(task.messageProperty());
    task.stateProperty()
        .addListener((p, before, state) -> {
          switch (state) {
            case SUCCEEDED -> {
              finish("");
              demo.enter(task.getValue());
            }
            case CANCELLED ->
                finish("Stopped. What was generated is kept; explore again to finish it.");
            case FAILED ->
                finish("Could not create the demo data: " + task.getException().getMessage());
            default -> {}
          }
        });
    return context.run(task);
  }

  public void cancel() {
    if (running != null) {
      running.cancel();
    }
  }

  private void finish(String text) {
    progress.unbind();
    message.unbind();
    progress.set(0);
    message.set(text);
    busy.set(false);
    running = null;
  }
}
