package org.openvitals.app.welcome;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.core.store.SampleStore;

/**
 * Whether the open store holds no samples, so the app greets the user instead of showing an empty
 * dashboard. Checked off the FX thread at start and whenever data or the store change.
 */
public final class FirstRun implements Disposable {
  private final AppContext context;
  private final BackgroundWork work;
  private final BackgroundWork.Lane checks;
  private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty");
  private final Subscription dataChanges;

  public FirstRun(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.checks = work.lane();
    this.dataChanges = context.dataVersionProperty().subscribe((before, now) -> check());
    check();
  }

  /** True once the open store is known to hold no live samples. */
  public ReadOnlyBooleanProperty emptyProperty() {
    return empty.getReadOnlyProperty();
  }

  @Override
  public void dispose() {
    dataChanges.unsubscribe();
    work.dispose();
  }

  private void check() {
    SampleStore store = context.store();
    // Only the latest answer counts; a failed check (the store closed meanwhile) changes nothing.
    checks
        .task(progress -> store.info().liveSamples() == 0)
        .onSuccess(empty::set)
        .onFailure(error -> {})
        .start();
  }
}
