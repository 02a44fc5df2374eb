package org.openvitals.app.sources;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.openvitals.app.context.AppContext;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.OAuthException;
import org.openvitals.connectors.sync.CloudSettings;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncEngine;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.core.store.SourceSummary;

/**
 * The Sources screen's state: every source in the store (counts, first and last sample, device
 * class) and every cloud account (state, last sync, last error), with connect, sync now and
 * disconnect running in the background, one at a time, cancellable.
 *
 * <p>The sync engine belongs to the open store; when the user switches stores, the next reload
 * builds one for the new store. Properties change on the FX thread only.
 */
public final class SourcesViewModel {
  /** What a cloud operation is doing, shown beside its provider. */
  public enum Action {
    CONNECTING("Waiting for the sign-in in your browser"),
    SYNCING("Syncing"),
    DISCONNECTING("Disconnecting");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The running cloud operation: which provider, doing what. */
  public record Operation(String provider, Action action) {}

  /** The engine of one open store, with what its vault said when it opened. */
  private record Cloud(
      AppContext.OpenStore store, SyncEngine engine, TokenVault vault, List<String> warnings) {}

  private record Loaded(List<SourceSummary> sources, List<SourceStatus> accounts, Cloud cloud) {}

  private final AppContext context;
  private final AuthorizationFlow.Presenter browser;
  private final AuthorizationFlow flow;
  private final ObservableList<SourceSummary> sources = FXCollections.observableArrayList();
  private final ObservableList<SourceStatus> accounts = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError");
  private final ReadOnlyStringWrapper vaultNote = new ReadOnlyStringWrapper(this, "vaultNote");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
  private final ReadOnlyObjectWrapper<Operation> operation =
      new ReadOnlyObjectWrapper<>(this, "operation");
  private final ReadOnlyStringWrapper authorizationUrl =
      new ReadOnlyStringWrapper(this, "authorizationUrl");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
  private volatile Cloud cloud;
  private Task<?> running;
  private PipedWriter paste;
  private boolean reloadAgain;

  /** The screen of the app: sign-in pages open in the system browser. */
  public SourcesViewModel(AppContext context) {
    this(context, SourcesViewModel::openInBrowser, new AuthorizationFlow());
  }

  /**
   * @param browser shows the provider's sign-in page (tests play the browser here)
   */
  public SourcesViewModel(
      AppContext context, AuthorizationFlow.Presenter browser, AuthorizationFlow flow) {
    this.context = context;
    this.browser = browser;
    this.flow = flow;
    context.dataVersionProperty().addListener((obs, was, now) -> reload());
    reload();
  }

  public ObservableList<SourceSummary> sources() {
    return sources;
  }

  /** Every cloud provider OpenVitals can sync, connected or not. */
  public ObservableList<SourceStatus> accounts() {
    return accounts;
  }

  /** Why the lists could not be read, or null. */
  public ReadOnlyStringProperty loadErrorProperty() {
    return loadError.getReadOnlyProperty();
  }

  /** Where the key protecting the provider tokens lives, when that deserves a warning. */
  public ReadOnlyStringProperty vaultNoteProperty() {
    return vaultNote.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** The cloud operation running now, or null. */
  public ReadOnlyObjectProperty<Operation> operationProperty() {
    return operation.getReadOnlyProperty();
  }

  /** The sign-in address while connecting, to open or copy by hand; else null. */
  public ReadOnlyStringProperty authorizationUrlProperty() {
    return authorizationUrl.getReadOnlyProperty();
  }

  /** The outcome of the last operation, or what the sign-in said; null when there is none. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** True when the last operation failed ({@link #messageProperty()} says why). */
  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }

  /** Reads the sources and the cloud accounts again, in the background. */
  public void reload() {
    if (loading.get()) {
      reloadAgain = true; // data changed while reading: read once more afterwards
      return;
    }
    loading.set(true);
    AppContext.OpenStore store = context.current();
    Task<Loaded> load =
        new Task<>() {
          @Override
          protected Loaded call() {
            Cloud c = cloudFor(store);
            return new Loaded(store.store().sources(), c.engine().statuses(), c);
          }
        };
    load.setOnSucceeded(e -> {
      Loaded loaded = load.getValue();
      sources.setAll(loaded.sources());
      accounts.setAll(loaded.accounts());
      vaultNote.set(
          loaded.cloud().warnings().isEmpty() ? null : String.join(" ", loaded.cloud().warnings()));
      loadError.set(null);
      loaded();
    });
    load.setOnFailed(e -> {
      loadError.set("Cannot read the sources: " + load.getException().getMessage());
      loaded();
    });
    context.run(load);
  }

  private void loaded() {
    loading.set(false);
    if (reloadAgain) {
      reloadAgain = false;
      reload();
    }
  }

  private Cloud cloudFor(AppContext.OpenStore store) {
    Cloud c = cloud;
    if (c != null && c.store() == store) {
      return c;
    }
    synchronized (this) {
      if (cloud == null || cloud.store() != store) {
        var dataDir = store.config().dataDir();
        CloudSettings settings = CloudSettings.load(dataDir);
        List<String> warnings = new ArrayList<>();
        TokenVault vault = TokenVault.open(dataDir, settings.keyStorage(), warnings::add);
        cloud =
            new Cloud(store, SyncEngine.standard(store.store(), settings, vault), vault, warnings);
      }
      return cloud;
    }
  }

  /**
   * Signs in to {@code provider}: opens its sign-in page and waits for the browser to come back (or
   * for {@link #paste} of the address it ended on). A blank client id or secret means the one from
   * the settings or the previous connection.
   */
  public Task<Void> connect(String provider, String clientId, String clientSecret) {
    PipedWriter writer = new PipedWriter();
    BufferedReader pasted;
    try {
      pasted = new BufferedReader(new PipedReader(writer));
    } catch (IOException e) {
      throw new IllegalStateException("A new pipe always connects", e);
    }
    paste = writer;
    AppContext.OpenStore store = context.current();
    Task<Void> task =
        new Task<>() {
          @Override
          protected Void call() throws Exception {
            try {
              Cloud c = cloudFor(store);
              requireClient(c, provider, clientId, clientSecret);
              c.engine()
                  .connect(
                      provider,
                      blankToNull(clientId),
                      blankToNull(clientSecret),
                      flow,
                      url -> {
                        Platform.runLater(() -> authorizationUrl.set(url.toString()));
                        browser.show(url);
                      },
                      pasted,
                      said -> Platform.runLater(() -> message.set(said)));
              return null;
            } finally {
              writer.close();
            }
          }
        };
    return start(
        task,
        new Operation(provider, Action.CONNECTING),
        () -> "Connected " + provider + ". Sync now to fetch your data.");
  }

  /** Says what to enter when neither the form, the settings nor a previous sign-in name the app. */
  private static void requireClient(Cloud c, String provider, String id, String secret) {
    var configured = c.engine().settings(provider).oauth();
    var previous = c.vault().read(provider);
    boolean hasId = !isBlank(id) || configured.clientId() != null || previous.isPresent();
    boolean hasSecret =
        !isBlank(secret) || configured.clientSecret() != null || previous.isPresent();
    if (!hasId || !hasSecret) {
      throw new IllegalArgumentException(
          "enter the client id and secret of your own "
              + c.engine().connector(provider).info().displayName()
              + " developer app (see the README, 'Connecting cloud sources')");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Hands the address the browser ended on (or the bare code) to the sign-in that waits. */
  public void paste(String redirectOrCode) {
    if (paste == null || redirectOrCode == null || redirectOrCode.isBlank()) {
      return;
    }
    try {
      paste.write(redirectOrCode.strip() + "\n");
      paste.flush();
    } catch (IOException e) {
      message.set("The sign-in is no longer waiting: connect again.");
    }
  }

  /** Fetches what is new from {@code provider} now. */
  public Task<SyncRun> syncNow(String provider) {
    AppContext.OpenStore store = context.current();
    Task<SyncRun> task =
        new Task<>() {
          @Override
          protected SyncRun call() throws InterruptedException {
            return cloudFor(store).engine().sync(provider);
          }
        };
    return start(task, new Operation(provider, Action.SYNCING), () -> describe(task.getValue()));
  }

  /** Forgets {@code provider}'s tokens; its samples stay in the store. */
  public Task<Void> disconnect(String provider) {
    AppContext.OpenStore store = context.current();
    Task<Void> task =
        new Task<>() {
          @Override
          protected Void call() {
            cloudFor(store).engine().disconnect(provider);
            return null;
          }
        };
    return start(
        task,
        new Operation(provider, Action.DISCONNECTING),
        () -> "Disconnected " + provider + "; its data stays in OpenVitals.");
  }

  /** Stops the running operation (the sign-in stops waiting; a sync stops with what it wrote). */
  public void cancel() {
    if (running != null) {
      running.cancel(true);
    }
  }

  private <T> Task<T> start(Task<T> task, Operation what, Supplier<String> success) {
    if (operation.get() != null) {
      throw new IllegalStateException(
          "Wait until " + operation.get().provider() + " is done, or cancel it");
    }
    operation.set(what);
    authorizationUrl.set(null);
    message.set(null);
    failed.set(false);
    running = task;
    boolean syncing = what.action() == Action.SYNCING;
    task.setOnSucceeded(e ->
        finished(
            success.get(), syncing && task.getValue() instanceof SyncRun run && run.written() > 0));
    task.setOnFailed(e -> {
      finished(failure(what, task.getException()), syncing);
      failed.set(true);
    });
    task.setOnCancelled(e ->
        finished(
            syncing
                ? "Sync of " + what.provider() + " cancelled; what it fetched stays."
                : "Cancelled.",
            syncing));
    return context.run(task);
  }

  /**
   * @param wroteData whether samples may have been written (then every screen reloads, this one
   *     with them); else only this screen reloads the account states
   */
  private void finished(String outcome, boolean wroteData) {
    operation.set(null);
    authorizationUrl.set(null);
    running = null;
    paste = null;
    message.set(outcome);
    if (wroteData) {
      context.dataChanged();
    } else {
      reload();
    }
  }

  private static String failure(Operation what, Throwable e) {
    String verb =
        switch (what.action()) {
          case CONNECTING -> "connect";
          case SYNCING -> "sync";
          case DISCONNECTING -> "disconnect";
        };
    String why = e instanceof OAuthException ? e.getMessage() : String.valueOf(e.getMessage());
    return "Could not " + verb + " " + what.provider() + ": " + why;
  }

  /** "oura: ok, 2 new or changed, 0 unchanged, 3 requests" plus each stream's error. */
  public static String describe(SyncRun run) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %s, %d new or changed, %d unchanged, %d removed, %d requests",
                run.provider(),
                run.outcome().label(),
                run.written(),
                run.unchanged(),
                run.tombstoned(),
                run.requests()));
    run.errors().forEach(error -> text.append("\n").append(error));
    return text.toString();
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s.strip();
  }

  /** The system browser where there is one; else the address stays on screen to copy. */
  private static void openInBrowser(URI url) {
    if (!GraphicsEnvironment.isHeadless()
        && Desktop.isDesktopSupported()
        && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
      try {
        Desktop.getDesktop().browse(url);
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        // No default browser: the address is on screen to open by hand.
      }
    }
  }
}
