package org.openvitals.app.context;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * What every screen shares: the open store with its rules, a background executor for slow work, and
 * a data version that moves whenever stored data or rules change, so screens that show data reload.
 * Switching stores (the demo database, another data folder, after deleting everything) goes through
 * {@link #switchStore} so every screen follows.
 *
 * <p>Properties are changed on the FX thread only; {@link #dataChanged()} may be called from any
 * thread.
 */
public final class AppContext implements AutoCloseable {
  private final Clock clock;
  private final ExecutorService background =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("openvitals-bg-", 0).factory());
  private final ReadOnlyObjectWrapper<OpenStore> store = new ReadOnlyObjectWrapper<>(this, "store");
  private final ReadOnlyLongWrapper dataVersion = new ReadOnlyLongWrapper(this, "dataVersion");
  private final ObjectProperty<UnitSystem> unitSystem =
      new SimpleObjectProperty<>(this, "unitSystem", UnitSystem.METRIC);

  /** A store that is open, with the rules service reading it. */
  public record OpenStore(StoreConfig config, SampleStore store, RulesService rules) {
    public OpenStore {
      Objects.requireNonNull(config);
      Objects.requireNonNull(store);
      Objects.requireNonNull(rules);
    }
  }

  public AppContext(StoreConfig config, Clock clock) {
    this.clock = clock;
    SampleStore opened = Stores.open(config);
    SourceColors.load(opened);
    store.set(new OpenStore(config, opened, new RulesService(opened, clock)));
  }

  /** The open store; changes when the user switches data folder or to the demo database. */
  public ReadOnlyObjectProperty<OpenStore> storeProperty() {
    return store.getReadOnlyProperty();
  }

  public OpenStore current() {
    return store.get();
  }

  public SampleStore store() {
    return store.get().store();
  }

  public RulesService rules() {
    return store.get().rules();
  }

  public StoreConfig storeConfig() {
    return store.get().config();
  }

  public Clock clock() {
    return clock;
  }

  /** Moves when samples, preferences or the store change; screens showing data reload on it. */
  public ReadOnlyLongProperty dataVersionProperty() {
    return dataVersion.getReadOnlyProperty();
  }

  /** Says that stored data or rules changed (an import ended, preferences were saved ...). */
  public void dataChanged() {
    if (Platform.isFxApplicationThread()) {
      dataVersion.set(dataVersion.get() + 1);
      giveNewSourcesAColour();
    } else {
      Platform.runLater(this::dataChanged);
    }
  }

  /** New sources (after an import or sync) get their colour; screens redraw once more if so. */
  private void giveNewSourcesAColour() {
    SampleStore current = store();
    try {
      background.execute(() -> {
        try {
          if (SourceColors.load(current)) {
            Platform.runLater(() -> dataVersion.set(dataVersion.get() + 1));
          }
        } catch (RuntimeException closedOrSwitched) {
          // The store was closed or switched meanwhile; its successor loads its own colours.
        }
      });
    } catch (RejectedExecutionException closing) {
      // The window is closing.
    }
  }

  /** How values are shown: metric or imperial. Stored values stay in their canonical units. */
  public ObjectProperty<UnitSystem> unitSystemProperty() {
    return unitSystem;
  }

  /**
   * Opens another store and makes it current, closing the previous one. Call on the FX thread; work
   * already running on the old store finishes or fails with a store error.
   */
  public void switchStore(StoreConfig config) {
    SampleStore opened = Stores.open(config);
    SourceColors.load(opened);
    OpenStore before = store.get();
    store.set(new OpenStore(config, opened, new RulesService(opened, clock)));
    dataChanged();
    if (before != null) {
      before.store().close();
    }
  }

  /**
   * Closes the current store, lets {@code whileClosed} work on its files (deleting everything),
   * then opens the same config again, which creates a fresh store if the files are gone. The store
   * is reopened even when {@code whileClosed} fails. Call on the FX thread.
   */
  public void reopen(Consumer<StoreConfig> whileClosed) {
    OpenStore before = store.get();
    before.store().close();
    try {
      whileClosed.accept(before.config());
    } finally {
      SampleStore opened = Stores.open(before.config());
      SourceColors.load(opened);
      store.set(new OpenStore(before.config(), opened, new RulesService(opened, clock)));
      dataChanged();
    }
  }

  /** Runs a task off the FX thread; its progress and result are reported on the FX thread. */
  public <T> Task<T> run(Task<T> task) {
    background.execute(task);
    return task;
  }

  @Override
  public void close() {
    background.shutdownNow();
    OpenStore open = store.get();
    if (open != null) {
      open.store().close();
    }
  }
}
