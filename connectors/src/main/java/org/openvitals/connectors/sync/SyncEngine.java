package org.openvitals.connectors.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.openvitals.connectors.http.ApiClient;
import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.http.Backoff;
import org.openvitals.connectors.http.RateLimitedException;
import org.openvitals.connectors.http.RequestBudget;
import org.openvitals.connectors.http.Sleeper;
import org.openvitals.connectors.oauth.AuthorizationCode;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.OAuthConfig;
import org.openvitals.connectors.oauth.OAuthException;
import org.openvitals.connectors.oauth.TokenClient;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.vault.AccessTokens;
import org.openvitals.connectors.vault.ConnectionLostException;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.connectors.vault.VaultEntry;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;

/**
 * Connects cloud accounts and syncs them into the store. One account per provider (its vault
 * account is the provider id). Sources sync concurrently, each on a virtual thread; a source never
 * runs twice at once ("sync now" during a run joins it); each provider's request budget is shared
 * by all its streams.
 */
public final class SyncEngine {
  private static final Duration STALE_SYNC = Duration.ofHours(1);

  /** The data folder's folder of per-source lock files. */
  public static final String LOCK_FOLDER = "sync";

  private final SampleStore store;
  private final CloudSettings settings;
  private final TokenVault vault;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final Map<String, CloudConnector> connectors = new LinkedHashMap<>();
  private final Map<String, RequestBudget> budgets = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<SyncRun>> running = new ConcurrentHashMap<>();
  private final SyncHistory history;
  private final AccessTokens tokens;
  private final TokenClient tokenClient;
  private final SourceLocks locks;
  private volatile boolean stopping;

  public SyncEngine(
      SampleStore store,
      CloudSettings settings,
      TokenVault vault,
      HttpClient http,
      Clock clock,
      Sleeper sleeper,
      Backoff backoff,
      Collection<CloudConnector> connectors,
      Path lockDir) {
    this.locks = new SourceLocks(lockDir);
    this.store = store;
    this.settings = settings;
    this.vault = vault;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
    this.backoff = backoff;
    connectors.forEach(c -> this.connectors.put(c.id(), c));
    this.history = new SyncHistory(store);
    this.tokenClient = new TokenClient(http, clock);
    this.tokens = new AccessTokens(vault, tokenClient, clock, this::oauthFor);
  }

  /**
   * The engine with the registered connectors, the real clock and real waiting, locking sources in
   * {@code <dataDir>/sync} against other processes.
   */
  public static SyncEngine standard(
      SampleStore store, CloudSettings settings, TokenVault vault, Path dataDir) {
    return new SyncEngine(
        store,
        settings,
        vault,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build(),
        Clock.systemUTC(),
        Sleeper.REAL,
        Backoff.standard(),
        CloudConnectors.all(),
        dataDir.resolve(LOCK_FOLDER));
  }

  static String nextSyncKey(String provider) {
    return "cloud." + provider + ".next_sync";
  }

  static String pausedKey(String provider) {
    return "cloud." + provider + ".paused_until";
  }

  /** The end of the provider's rate-limit window as last seen (kept across restarts), or empty. */
  public Optional<Instant> pausedUntil(String provider) {
    return store
        .state(pausedKey(provider))
        .map(Instant::parse)
        .filter(until -> until.isAfter(clock.instant()));
  }

  /** The next sync a scheduler plans for {@code provider}, for every process to show. */
  public void planNext(String provider, Instant when) {
    if (!store.state(nextSyncKey(provider)).equals(Optional.of(when.toString()))) {
      store.putState(nextSyncKey(provider), when.toString());
    }
  }

  /**
   * Asks running syncs to stop at their next page boundary (before their next request) and refuses
   * new ones; used when the app quits or its store closes.
   */
  public void stop() {
    stopping = true;
  }

  /** Whether {@code provider} is syncing in this process now. */
  public boolean isSyncing(String provider) {
    return running.containsKey(provider);
  }

  public List<String> providers() {
    return List.copyOf(connectors.keySet());
  }

  public CloudConnector connector(String provider) {
    CloudConnector connector = connectors.get(provider);
    if (connector == null) {
      throw new IllegalArgumentException(
          "Unknown cloud source '"
              + provider
              + "' (known: "
              + String.join(", ", connectors.keySet())
              + ")");
    }
    return connector;
  }

  public ProviderSettings settings(String provider) {
    return settings.resolve(connector(provider).info());
  }

  /** The names of the provider's {@link CloudConnector#scopeChoices} its sign-in asks for now. */
  public Set<String> askedScopes(String provider) {
    List<String> asked = settings(provider).oauth().scopes();
    Set<String> names = new LinkedHashSet<>();
    for (ScopeChoice choice : connector(provider).scopeChoices()) {
      if (asked.contains(choice.scope())) {
        names.add(choice.name());
      }
    }
    return names;
  }

  /**
   * Keeps the scopes the person ticked ({@link ScopeChoice#name}s) as the provider's {@code scopes}
   * setting, so this and every later sign-in asks for those only.
   *
   * @throws IllegalArgumentException for no name, or a name the provider does not offer
   */
  public void chooseScopes(String provider, Collection<String> names) throws IOException {
    List<ScopeChoice> choices = connector(provider).scopeChoices();
    if (choices.isEmpty()) {
      throw new IllegalArgumentException(provider + " has no scopes to choose from");
    }
    Set<String> wanted = new LinkedHashSet<>(names);
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("tick at least one kind of data to allow");
    }
    List<String> known = choices.stream().map(ScopeChoice::name).toList();
    for (String name : wanted) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "Unknown scope '"
                + name
                + "' for "
                + provider
                + " (known: "
                + String.join(", ", known)
                + ")");
      }
    }
    settings.put(
        provider,
        "scopes",
        String.join(
            " ",
            choices.stream()
                .filter(c -> wanted.contains(c.name()))
                .map(ScopeChoice::scope)
                .toList()));
  }

  public AccessTokens tokens() {
    return tokens;
  }

  private OAuthConfig oauthFor(VaultEntry entry) {
    OAuthConfig configured = settings(entry.account()).oauth();
    return configured.clientId() != null && configured.clientSecret() != null
        ? configured
        : configured.withClient(entry.clientId(), entry.clientSecret());
  }

  /**
   * Signs in to {@code provider} through the browser and stores the tokens and client credentials
   * in the vault. Client id and secret come from the arguments, else from the settings, else from a
   * previous connection.
   */
  public TokenSet connect(
      String provider,
      String clientId,
      String clientSecret,
      AuthorizationFlow flow,
      AuthorizationFlow.Presenter presenter,
      BufferedReader paste,
      Consumer<String> messages)
      throws OAuthException, IOException, InterruptedException {
    OAuthConfig config = settings(provider).oauth();
    Optional<VaultEntry> previous = vault.read(provider);
    String id =
        firstNonNull(clientId, config.clientId(), previous.map(VaultEntry::clientId).orElse(null));
    String secret =
        firstNonNull(
            clientSecret,
            config.clientSecret(),
            previous.map(VaultEntry::clientSecret).orElse(null));
    OAuthConfig withClient = config.withClient(id, secret);
    AuthorizationCode code = flow.authorize(withClient, presenter, paste, messages);
    TokenSet tokenSet = tokenClient.exchange(withClient, code);
    vault.write(new VaultEntry(provider, id, secret, tokenSet, clock.instant(), null));
    history.setStatus(provider, SyncState.OK, clock.instant(), "connected");
    return tokenSet;
  }

  /** Forgets the account's tokens (the provider keeps its data; samples stay in the store). */
  public void disconnect(String provider) {
    vault.delete(provider);
    history.setStatus(provider, SyncState.NOT_CONNECTED, clock.instant(), null);
  }

  /** Syncs one source now, or joins the sync of it that is already running. */
  public SyncRun sync(String provider) throws InterruptedException {
    connector(provider);
    CompletableFuture<SyncRun> mine = new CompletableFuture<>();
    CompletableFuture<SyncRun> existing = running.putIfAbsent(provider, mine);
    if (existing != null) {
      return join(existing);
    }
    try {
      mine.complete(run(provider));
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(provider, mine);
    }
    return join(mine);
  }

  /** Syncs the given sources concurrently, one virtual thread each. */
  public Map<String, SyncRun> syncAll(Collection<String> providers) throws InterruptedException {
    Map<String, SyncRun> runs = new LinkedHashMap<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, java.util.concurrent.Future<SyncRun>> futures = new LinkedHashMap<>();
      for (String provider : providers) {
        futures.put(provider, threads.submit(() -> sync(provider)));
      }
      for (var e : futures.entrySet()) {
        try {
          runs.put(e.getKey(), e.getValue().get());
        } catch (ExecutionException ex) {
          throw new IllegalStateException(
              "Sync of " + e.getKey() + " crashed: " + ex.getCause(), ex.getCause());
        }
      }
    }
    return runs;
  }

  /** The providers with an account in the vault. */
  public List<String> connected() {
    List<String> accounts = vault.accounts();
    return connectors.keySet().stream().filter(accounts::contains).toList();
  }

  public List<SyncRun> history(String provider) {
    return history.runs(provider);
  }

  public SourceStatus status(String provider) {
    CloudConnector connector = connector(provider);
    List<SyncRun> runs = history.runs(provider);
    SyncRun last = runs.isEmpty() ? null : runs.getFirst();
    Optional<VaultEntry> entry = vault.read(provider);
    String name = connector.info().displayName();
    if (entry.isEmpty()) {
      return new SourceStatus(
          provider, name, SyncState.NOT_CONNECTED, null, null, last, null, null);
    }
    if (entry.get().reconnectNeeded()) {
      return new SourceStatus(
          provider,
          name,
          SyncState.RECONNECT_NEEDED,
          entry.get().updatedAt(),
          entry.get().lostReason(),
          last,
          null,
          null);
    }
    Instant next = store.state(nextSyncKey(provider)).map(Instant::parse).orElse(null);
    Instant paused = pausedUntil(provider).orElse(null);
    if (running.containsKey(provider)) {
      return new SourceStatus(
          provider, name, SyncState.SYNCING, clock.instant(), null, last, next, paused);
    }
    Optional<JsonNode> recorded = history.status(provider);
    SyncState state =
        recorded.map(n -> SyncState.valueOf(n.get("state").asText())).orElse(SyncState.OK);
    Instant since = recorded.map(n -> Instant.parse(n.get("since").asText())).orElse(null);
    String message =
        recorded
            .map(n -> n.get("message"))
            .filter(m -> !m.isNull())
            .map(JsonNode::asText)
            .orElse(null);
    if (state == SyncState.NOT_CONNECTED) {
      state = SyncState.OK;
    }
    // "Syncing" left behind by a process that stopped mid-sync.
    if (state == SyncState.SYNCING
        && since != null
        && since.plus(STALE_SYNC).isBefore(clock.instant())) {
      state = SyncState.ERROR;
      message = "the sync started at " + since + " did not finish (was OpenVitals stopped?)";
    }
    if (state == SyncState.RATE_LIMITED && paused == null) {
      state = SyncState.OK; // the window is over
    }
    return new SourceStatus(provider, name, state, since, message, last, next, paused);
  }

  public List<SourceStatus> statuses() {
    return connectors.keySet().stream().map(this::status).toList();
  }

  private SyncRun run(String provider) throws InterruptedException {
    CloudConnector connector = connector(provider);
    ProviderSettings ps = settings(provider);
    Instant started = clock.instant();
    Optional<VaultEntry> entry = vault.read(provider);
    if (entry.isEmpty() || entry.get().reconnectNeeded()) {
      // Never retried on its own: only a new sign-in clears this.
      SyncState state = entry.isEmpty() ? SyncState.NOT_CONNECTED : SyncState.RECONNECT_NEEDED;
      String message =
          entry.isEmpty()
              ? provider + " is not connected: run 'openvitals connect " + provider + "'"
              : entry.get().lostReason();
      return new SyncRun(provider, started, started, state, 0, 0, 0, 0, 0, List.of(message));
    }
    if (stopping) {
      throw new InterruptedException("OpenVitals is closing");
    }
    Optional<SourceLocks.Held> lock = locks.tryLock(provider);
    if (lock.isEmpty()) {
      // Not recorded: the process holding the lock records its own run.
      return new SyncRun(
          provider,
          started,
          started,
          SyncState.SYNCING,
          0,
          0,
          0,
          0,
          0,
          List.of("another OpenVitals process is syncing " + provider + " now"));
    }
    try (SourceLocks.Held held = lock.get()) {
      return runLocked(provider, connector, ps, started);
    }
  }

  private SyncRun runLocked(
      String provider, CloudConnector connector, ProviderSettings ps, Instant started)
      throws InterruptedException {
    history.setStatus(provider, SyncState.SYNCING, started, null);
    RequestBudget budget =
        budgets.computeIfAbsent(
            provider,
            p -> {
              RequestBudget b =
                  new RequestBudget(ps.requestLimit(), ps.requestWindow(), clock, sleeper);
              pausedUntil(p).ifPresent(b::pauseUntil); // a window seen by an earlier run
              b.onPause(until -> store.putState(pausedKey(p), until.toString()));
              return b;
            });
    ApiClient api =
        new ApiClient(
            provider,
            provider,
            ps.apiUrl(),
            http,
            tokens,
            budget,
            backoff,
            sleeper,
            clock,
            connector.responseCheck(),
            connector.rateLimitHeaders(),
            () -> stopping);
    WriteResult written = WriteResult.EMPTY;
    int tombstoned = 0;
    int skipped = 0;
    List<String> errors = new ArrayList<>();
    SyncState outcome = SyncState.OK;
    try {
      for (SyncStream stream : connector.streams()) {
        StreamContext context =
            new StreamContext(provider, stream.name(), api, store, clock, ps.historyDays());
        try {
          stream.sync(context);
        } catch (RateLimitedException e) {
          // Every later stream shares the window: stop here; the scheduler waits it out.
          errors.add(stream.name() + ": " + e.getMessage());
          outcome = SyncState.RATE_LIMITED;
          break;
        } catch (ApiException | RuntimeException e) {
          errors.add(stream.name() + ": " + e.getMessage());
          outcome = SyncState.ERROR;
        } finally {
          written = written.plus(context.written());
          tombstoned += context.tombstoned();
          skipped += context.skippedCount();
          errors.addAll(context.skipNotes());
        }
      }
    } catch (ConnectionLostException e) {
      errors.add(e.getMessage());
      outcome = SyncState.RECONNECT_NEEDED;
    } catch (InterruptedException e) {
      errors.add(
          stopping
              ? "stopped as OpenVitals closed; the next sync continues after the last stored page"
              : "interrupted");
      finish(provider, started, SyncState.ERROR, written, tombstoned, skipped, api, errors);
      throw e;
    }
    return finish(provider, started, outcome, written, tombstoned, skipped, api, errors);
  }

  private SyncRun finish(
      String provider,
      Instant started,
      SyncState outcome,
      WriteResult written,
      int tombstoned,
      int skipped,
      ApiClient api,
      List<String> errors) {
    SyncRun run =
        new SyncRun(
            provider,
            started,
            clock.instant(),
            outcome,
            written.inserted() + written.updated(),
            written.unchanged(),
            tombstoned,
            skipped,
            api.requestCount(),
            errors);
    history.record(run);
    history.setStatus(
        provider, outcome, run.finished(), errors.isEmpty() ? null : String.join("; ", errors));
    return run;
  }

  private static SyncRun join(CompletableFuture<SyncRun> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
