package org.openvitals.app.context;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.openvitals.bridge.PhoneEndpoint;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.connectors.files.OtherTypes;
import org.openvitals.connectors.sync.CloudSettings;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncScheduler;
import org.openvitals.connectors.sync.SyncService;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * What every screen shares: the open store with its rules and source colours, the executor that
 * view models' {@link BackgroundWork} runs on, and a data version that moves whenever stored data
 * or rules change, so screens that show data reload. Switching stores (the demo database, another
 * data folder, after deleting everything) goes through {@link #switchStore} so every screen
 * follows. It also owns the open store's cloud sync ({@link #cloud()}), started in the background
 * by the app and stopped before the store closes.
 *
 * <p>The context also owns the phone endpoint of the open store (the Devices screen turns it on):
 * it is closed before its store is switched, reopened (deleting everything) or closed on quit, so
 * no phone writes into a store that is going away.
 *
 * <p>Properties are changed on the FX thread only; {@link #dataChanged()} may be called from any
 * thread.
 */
public final class AppContext implements AutoCloseable {
  private final Clock clock;
  private final TaskExecutor executor;
  private final ReadOnlyObjectWrapper<OpenStore> store = new ReadOnlyObjectWrapper<>(this, "store");
  private final ReadOnlyLongWrapper dataVersion = new ReadOnlyLongWrapper(this, "dataVersion");
  private final ReadOnlyObjectWrapper<java.time.LocalDate> importedUpTo =
      new ReadOnlyObjectWrapper<>(this, "importedUpTo");
  private final ObjectProperty<UnitSystem> unitSystem =
      new SimpleObjectProperty<>(this, "unitSystem", UnitSystem.METRIC);
  private final ReadOnlyLongWrapper cloudVersion = new ReadOnlyLongWrapper(this, "cloudVersion");
  private final ReadOnlyObjectWrapper<DetailRequest> detailRequest =
      new ReadOnlyObjectWrapper<>(this, "detailRequest");

  /**
   * A metric someone asked to see in detail (a dashboard tile), on a day or null for its latest;
   * {@code serial} makes asking twice for the same metric a change.
   */
  public record DetailRequest(
      org.openvitals.core.model.MetricType metric, java.time.LocalDate day, long serial) {}

  /** Cloud sync of the open store, made on first use; null until then. */
  private Cloud cloud;

  private boolean backgroundSync;

  private record Cloud(OpenStore store, SyncService service) {}

  /** The running phone endpoint and the store it writes into; guarded by this. */
  private PhoneEndpoint phoneEndpoint;

  private OpenStore phoneEndpointStore;

  /** A store that is open, with the rules service reading it and the colours of its sources. */
  public record OpenStore(
      StoreConfig config, SampleStore store, RulesService rules, SourceColors colours) {
    public OpenStore {
      Objects.requireNonNull(config);
      Objects.requireNonNull(store);
      Objects.requireNonNull(rules);
      Objects.requireNonNull(colours);
    }
  }

  /** The app's context: background work on virtual threads, results on the FX thread. */
  public AppContext(StoreConfig config, Clock clock) {
    this(config, clock, TaskExecutor.background());
  }

  /**
   * @param executor where view models' background work runs ({@link TaskExecutor#immediate()} in
   *     tests); closed with this context
   */
  public AppContext(StoreConfig config, Clock clock, TaskExecutor executor) {
    this.clock = clock;
    this.executor = executor;
    store.set(open(config));
  }

  private OpenStore open(StoreConfig config) {
    SampleStore opened = Stores.open(config);
    OtherTypes.promote(opened); // records of types this version maps become samples
    return new OpenStore(
        config, opened, new RulesService(opened, clock), SourceColors.load(opened));
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
    executor.runOnFxThread(() -> {
      dataVersion.set(dataVersion.get() + 1);
      giveNewSourcesAColour();
    });
  }

  /**
   * Says that an import stored data up to {@code lastDay}: screens showing data reload, and the
   * dashboard moves to that day.
   */
  public void dataImported(java.time.LocalDate lastDay) {
    executor.runOnFxThread(() -> importedUpTo.set(lastDay));
    dataChanged();
  }

  /** The last day of the latest import that stored data; null before one. */
  public ReadOnlyObjectProperty<java.time.LocalDate> importedUpToProperty() {
    return importedUpTo.getReadOnlyProperty();
  }

  /** Asks the window to show {@code metric} in the detail view, on {@code day} (null: latest). */
  public void showDetail(org.openvitals.core.model.MetricType metric, java.time.LocalDate day) {
    long serial = detailRequest.get() == null ? 1 : detailRequest.get().serial() + 1;
    detailRequest.set(new DetailRequest(metric, day, serial));
  }

  /** The latest {@link #showDetail} request; null before one. */
  public ReadOnlyObjectProperty<DetailRequest> detailRequestProperty() {
    return detailRequest.getReadOnlyProperty();
  }

  /** New sources (after an import or sync) get their colour; screens redraw once more if so. */
  private void giveNewSourcesAColour() {
    OpenStore current = store.get();
    try {
      executor.runInBackground(() -> {
        try {
          if (current.colours().refresh()) {
            executor.runOnFxThread(() -> {
              if (store.get() == current) {
                dataVersion.set(dataVersion.get() + 1);
              }
            });
          }
        } catch (RuntimeException closedOrSwitched) {
          // The store was closed or switched meanwhile; its successor has its own colours.
        }
      });
    } catch (RejectedExecutionException closing) {
      // The window is closing.
    }
  }

  /**
   * Cloud sync of the open store: its engine (connect, sync now, statuses) and its background
   * scheduler, which runs once {@link #startBackgroundSync} was called. Opening it reads the data
   * folder's settings and vault (maybe the OS keychain), so call it off the FX thread.
   */
  public synchronized SyncService cloud() {
    OpenStore current = store.get();
    if (cloud == null || cloud.store() != current) {
      SyncService service =
          SyncService.open(
              current.store(),
              current.config().dataDir(),
              new SyncScheduler.Listener() {
                @Override
                public void started(String provider) {
                  cloudChanged();
                }

                @Override
                public void finished(SyncRun run) {
                  if (run.written() > 0 || run.tombstoned() > 0) {
                    dataChanged();
                  }
                  cloudChanged();
                }
              });
      cloud = new Cloud(current, service);
      if (backgroundSync) {
        service.start();
      }
    }
    return cloud.service();
  }

  /**
   * Syncs every connected cloud source now and then on its interval, for as long as the app runs
   * and on every store it opens. Call once the window is up.
   */
  public void startBackgroundSync() {
    synchronized (this) {
      backgroundSync = true;
    }
    try {
      executor.runInBackground(() -> {
        try {
          cloud().start();
        } catch (RuntimeException e) {
          // No vault key, a store closing: the Sources screen shows the cause when opened.
        }
      });
    } catch (RejectedExecutionException closing) {
      // The window is closing.
    }
  }

  /**
   * Whether {@link #startBackgroundSync} was called: background sync then runs on every store this
   * context opens.
   */
  public synchronized boolean backgroundSyncStarted() {
    return backgroundSync;
  }

  /** Stops background sync of the store that is closing; running syncs end at a page boundary. */
  private void closeCloud() {
    Cloud closing;
    synchronized (this) {
      closing = cloud;
      cloud = null;
    }
    if (closing != null) {
      closing.service().close();
    }
  }

  /** Moves whenever a cloud source starts or ends a sync; the Sources screen reloads on it. */
  public ReadOnlyLongProperty cloudVersionProperty() {
    return cloudVersion.getReadOnlyProperty();
  }

  private void cloudChanged() {
    try {
      executor.runOnFxThread(() -> cloudVersion.set(cloudVersion.get() + 1));
    } catch (RuntimeException closing) {
      // The FX toolkit is gone: nothing is left to show it.
    }
  }

  /**
   * Starts the phone endpoint on {@code forStore} (slow the first time: it makes the desktop's
   * key), replacing one already running. Call off the FX thread. Uploads are reported on the
   * endpoint's threads; each also moves {@link #dataVersionProperty()}.
   *
   * @param warnings what the key storage says (a keychain that is not available ...)
   * @throws IllegalStateException when {@code forStore} is no longer the open store
   */
  public synchronized PhoneEndpoint startPhoneEndpoint(
      OpenStore forStore,
      PhoneEndpoint.Options options,
      Consumer<BatchService.Upload> uploads,
      List<String> warnings)
      throws IOException {
    stopPhoneEndpoint();
    if (store.get() != forStore) {
      throw new IllegalStateException("another store was opened meanwhile");
    }
    var dataDir = forStore.config().dataDir();
    List<String> said = new ArrayList<>();
    var keys = TokenVault.keySource(dataDir, CloudSettings.load(dataDir).keyStorage(), said::add);
    phoneEndpoint =
        PhoneEndpoint.start(
            dataDir,
            forStore.store(),
            keys,
            options,
            line -> {},
            upload -> {
              uploads.accept(upload);
              dataChanged();
            });
    phoneEndpointStore = forStore;
    warnings.addAll(said);
    return phoneEndpoint;
  }

  /** The running phone endpoint of {@code forStore}, if it runs. */
  public synchronized Optional<PhoneEndpoint> phoneEndpoint(OpenStore forStore) {
    return phoneEndpointStore == forStore ? Optional.ofNullable(phoneEndpoint) : Optional.empty();
  }

  /** Stops the phone endpoint if it runs; any thread. */
  public synchronized void stopPhoneEndpoint() {
    if (phoneEndpoint != null) {
      phoneEndpoint.close();
      phoneEndpoint = null;
      phoneEndpointStore = null;
    }
  }

  /**
   * Runs {@code action} on the FX thread (at once in tests with {@link TaskExecutor#immediate()}):
   * for events that arrive from outside the app, such as a phone asking to pair.
   */
  public void onFxThread(Runnable action) {
    executor.runOnFxThread(action);
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
    stopPhoneEndpoint();
    OpenStore opened = open(config);
    OpenStore before = store.get();
    closeCloud();
    store.set(opened);
    dataChanged();
    if (before != null) {
      before.store().close();
    }
    restartBackgroundSync();
  }

  private void restartBackgroundSync() {
    boolean restart;
    synchronized (this) {
      restart = backgroundSync;
    }
    if (restart) {
      startBackgroundSync();
    }
  }

  /**
   * Closes the current store, lets {@code whileClosed} work on its files (deleting everything),
   * then opens the same config again, which creates a fresh store if the files are gone. The store
   * is reopened even when {@code whileClosed} fails. Call on the FX thread.
   */
  public void reopen(Consumer<StoreConfig> whileClosed) {
    stopPhoneEndpoint();
    OpenStore before = store.get();
    closeCloud(); // no sync may write into files about to be deleted
    before.store().close();
    try {
      whileClosed.accept(before.config());
    } finally {
      store.set(open(before.config()));
      dataChanged();
      restartBackgroundSync();
    }
  }

  TaskExecutor executor() {
    return executor;
  }

  @Override
  public void close() {
    closeCloud();
    stopPhoneEndpoint();
    executor.close();
    OpenStore open = store.get();
    if (open != null) {
      open.store().close();
    }
  }
}
