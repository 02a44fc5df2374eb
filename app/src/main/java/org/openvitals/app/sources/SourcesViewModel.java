package org.openvitals.app.sources;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.SourceColors;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.OAuthException;
import org.openvitals.connectors.sync.ScopeChoice;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncService;
import org.openvitals.core.store.OtherTypeSummary;
import org.openvitals.core.store.SourceSummary;

/**
 * The Sources screen's state: every source in the store (counts, first and last sample, device
 * class) and every cloud account (state, last sync, last error), with connect, sync now and
 * disconnect running in the background, one at a time, cancellable.
 *
 * <p>The sync engine is the open store's, owned by {@link AppContext#cloud()} with the background
 * scheduler; the screen reloads whenever a sync starts or ends. Properties change on the FX thread
 * only.
 */
public final class SourcesViewModel implements Disposable {
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

  private record Loaded(
      List<SourceSummary> sources,
      List<OtherTypeSummary> otherTypes,
      List<SourceStatus> accounts,
      List<String> warnings,
      Map<String, List<ScopeOption>> scopes) {}

  /** A scope of a provider's connect form, ticked when the next sign-in would ask for it. */
  public record ScopeOption(ScopeChoice choice, boolean ticked) {}

  private final AppContext context;
  private final AuthorizationFlow.Presenter browser;
  private final AuthorizationFlow flow;
  private final ObservableList<SourceSummary> sources = FXCollections.observableArrayList();
  private final ObservableList<SourceStatus> accounts = FXCollections.observableArrayList();
  private final ObservableList<OtherTypeSummary> otherTypes = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError");
  private final ReadOnlyStringWrapper vaultNote = new ReadOnlyStringWrapper(this, "vaultNote");
  private final ReadOnlyObjectWrapper<Operation> operation =
      new ReadOnlyObjectWrapper<>(this, "operation");
  private final ReadOnlyStringWrapper authorizationUrl =
      new ReadOnlyStringWrapper(this, "authorizationUrl");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
  private final BackgroundWork work;
  private final BackgroundWork.Lane loads;
  private final BackgroundWork.Lane operations;
  private final Subscription dataChanges;
  private PipedWriter paste;
  private Map<String, List<ScopeOption>> scopes = Map.of();

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
    this.work = new BackgroundWork(context);
    this.loads = work.lane();
    this.operations = work.lane();
    this.dataChanges =
        context
            .dataVersionProperty()
            .subscribe((before, now) -> reload())
            .and(context.cloudVersionProperty().subscribe((before, now) -> reload()));
    reload();
  }

  /** Stops following the data and drops reads and operations still running. */
  @Override
  public void dispose() {
    dataChanges.unsubscribe();
    work.dispose();
  }

  public ObservableList<SourceSummary> sources() {
    return sources;
  }

  /** Types not in the metric catalog yet, stored as written, per source. */
  public ObservableList<OtherTypeSummary> otherTypes() {
    return otherTypes;
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
    return loads.runningProperty();
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

  /** The colours of the open store's sources. */
  public SourceColors colours() {
    return context.current().colours();
  }

  /**
   * Reads the sources and the cloud accounts again, in the background; a read running is dropped.
   */
  public void reload() {
    AppContext.OpenStore store = context.current();
    loads
        .task(progress -> {
          SyncService c = context.cloud();
          Map<String, List<ScopeOption>> choices = new LinkedHashMap<>();
          for (String provider : c.engine().providers()) {
            List<ScopeChoice> offered = c.engine().connector(provider).scopeChoices();
            if (!offered.isEmpty()) {
              Set<String> asked = c.engine().askedScopes(provider);
              choices.put(
                  provider,
                  offered.stream().map(o -> new ScopeOption(o, asked.contains(o.name()))).toList());
            }
          }
          return new Loaded(
              store.store().sources(),
              store.store().otherTypes(),
              c.engine().statuses(),
              c.warnings(),
              choices);
        })
        .onSuccess(loaded -> {
          otherTypes.setAll(loaded.otherTypes());
          sources.setAll(loaded.sources());
          accounts.setAll(loaded.accounts());
          scopes = loaded.scopes();
          List<String> warnings = loaded.warnings();
          vaultNote.set(warnings.isEmpty() ? null : String.join(" ", warnings));
          loadError.set(null);
        })
        .onFailure("Cannot read the sources", loadError::set)
        .start();
  }

  /**
   * Signs in to {@code provider}: opens its sign-in page and waits for the browser to come back (or
   * for {@link #paste} of the address it ended on). A blank client id or secret means the one from
   * the settings or the previous connection.
   */
  public BackgroundTask<Void> connect(String provider, String clientId, String clientSecret) {
    return connect(provider, clientId, clientSecret, null);
  }

  /**
   * The scopes the connect form offers for {@code provider} (none when its scopes are fixed), each
   * ticked as the next sign-in would ask for it.
   */
  public List<ScopeOption> scopeOptions(String provider) {
    return scopes.getOrDefault(provider, List.of());
  }

  /**
   * Signs in asking only for the {@code ticked} scopes ({@link ScopeChoice#name}s), which are kept
   * for later sign-ins; null keeps the scopes asked for now.
   */
  public BackgroundTask<Void> connect(
      String provider, String clientId, String clientSecret, Set<String> ticked) {
    requireIdle(); // before the pipe of a sign-in that waits is replaced
    PipedWriter writer = new PipedWriter();
    BufferedReader pasted;
    try {
      pasted = new BufferedReader(new PipedReader(writer));
    } catch (IOException e) {
      throw new IllegalStateException("A new pipe always connects", e);
    }
    paste = writer;
    return start(
        new Operation(provider, Action.CONNECTING),
        progress -> {
          try {
            SyncService c = context.cloud();
            requireClient(c, provider, clientId, clientSecret);
            if (ticked != null) {
              c.engine().chooseScopes(provider, ticked);
            }
            c.engine()
                .connect(
                    provider,
                    blankToNull(clientId),
                    blankToNull(clientSecret),
                    flow,
                    url -> {
                      progress.runOnFxThread(() -> authorizationUrl.set(url.toString()));
                      browser.show(url);
                    },
                    pasted,
                    said -> progress.runOnFxThread(() -> message.set(said)));
            return null;
          } finally {
            writer.close();
          }
        },
        done -> "Connected " + provider + ". Sync now to fetch your data.");
  }

  /** Says what to enter when neither the form, the settings nor a previous sign-in name the app. */
  private static void requireClient(SyncService c, String provider, String id, String secret) {
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
  public BackgroundTask<SyncRun> syncNow(String provider) {
    return start(
        new Operation(provider, Action.SYNCING),
        progress -> context.cloud().engine().sync(provider),
        SourcesViewModel::describe);
  }

  /** Forgets {@code provider}'s tokens; its samples stay in the store. */
  public BackgroundTask<Void> disconnect(String provider) {
    return start(
        new Operation(provider, Action.DISCONNECTING),
        progress -> {
          context.cloud().engine().disconnect(provider);
          return null;
        },
        done -> "Disconnected " + provider + "; its data stays in OpenVitals.");
  }

  /** Stops the running operation (the sign-in stops waiting; a sync stops with what it wrote). */
  public void cancel() {
    operations.cancel();
  }

  /**
   * Runs a cloud operation; one at a time. It is interruptible, so a sign-in waiting for the
   * browser or a request waiting for a provider stops at once on cancel.
   */
  private <T> BackgroundTask<T> start(
      Operation what, BackgroundTask.Work<T> call, Function<T, String> success) {
    requireIdle();
    operation.set(what);
    authorizationUrl.set(null);
    message.set(null);
    failed.set(false);
    boolean syncing = what.action() == Action.SYNCING;
    return operations
        .task(call)
        .interruptible()
        .onSuccess(value ->
            finished(
                success.apply(value), syncing && value instanceof SyncRun run && run.written() > 0))
        .onFailure(error -> {
          finished(failure(what, error), syncing);
          failed.set(true);
        })
        .onCancelled(() ->
            finished(
                syncing
                    ? "Sync of " + what.provider() + " cancelled; what it fetched stays."
                    : "Cancelled.",
                syncing))
        .start();
  }

  private void requireIdle() {
    if (operation.get() != null) {
      throw new IllegalStateException(
          "Wait until " + operation.get().provider() + " is done, or cancel it");
    }
  }

  /**
   * @param wroteData whether samples may have been written (then every screen reloads, this one
   *     with them); else only this screen reloads the account states
   */
  private void finished(String outcome, boolean wroteData) {
    operation.set(null);
    authorizationUrl.set(null);
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
