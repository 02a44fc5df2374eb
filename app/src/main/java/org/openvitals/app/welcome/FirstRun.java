package org.openvitals.app.welcome;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.store.SampleStore;

/**
 * Whether the open store holds no samples, so the app greets the user instead of showing an empty
 * dashboard. Checked off the FX thread at start and whenever data or the store change.
 */
public final class FirstRun {
  private final AppContext context;
  private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(this, "empty");
  private long generation;

  public FirstRun(AppContext context) {
    this.context = context;
    context.dataVersionProperty().addListener((p, before, now) -> check());
    check();
  }

  /** True once the open store is known to hold no live samples. */
  public ReadOnlyBooleanProperty emptyProperty() {
    return empty.getReadOnlyProperty();
  }

  private void check() {
    long asked = ++generation;
    SampleStore store = context.store();
    Task<Boolean> task =
        new Task<>() {
          @Override
          protected Boolean call() {
            return store.info().liveSamples() == 0;
          }
        };
    // Only the latest answer counts; a failed check (the store closed meanwhile) changes nothing.
    task.setOnSucceeded(e -> {
      if (asked == generation) {
        empty.set(task.getValue());
      }
    });
    context.run(task);
  }
}
