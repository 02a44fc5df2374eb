package org.openvitals.app.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.testing.FakeOura;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.QueryStrings;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.testing.Fixtures;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Sources screen's logic without a window: the store's sources after a real import, and the
 * Oura account connected, synced and disconnected against the fake Oura server.
 */
class SourcesViewModelTest {
  @TempDir Path dir;
  private FakeProvider fake;
  private AppContext context;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @BeforeEach
  void setUp() throws Exception {
    fake =
        FakeOura.start(
            dir,
            "oura.client_id=" + FakeProvider.CLIENT_ID,
            "oura.client_secret=" + FakeProvider.CLIENT_SECRET);
    context = new AppContext(StoreConfig.sqlite(dir), Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    context.close();
    fake.close();
  }

  private static <T> T fx(Callable<T> action) throws Exception {
    return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
  }

  private static void await(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private SourcesViewModel model(AuthorizationFlow.Presenter browser) throws Exception {
    SourcesViewModel model =
        fx(() ->
            new SourcesViewModel(
                context,
                browser,
                new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20))));
    await(() -> !model.loadingProperty().get() && !model.accounts().isEmpty());
    return model;
  }

  private static SourceStatus account(SourcesViewModel model, String provider) throws Exception {
    return fx(() ->
        model.accounts().stream()
            .filter(a -> a.provider().equals(provider))
            .findFirst()
            .orElseThrow());
  }

  /** Plays the user in the browser: follows the sign-in to the loopback redirect. */
  private static void playBrowser(URI url) {
    Thread.ofVirtual()
        .start(() -> {
          try {
            FakeProvider.playBrowser(url);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void listsTheSourcesOfAnImportAndReloadsWhenDataChanges() throws Exception {
    SourcesViewModel model = model(url -> {});
    assertThat(model.sources()).isEmpty();
    assertThat(model.accounts())
        .extracting(SourceStatus::provider, SourceStatus::state)
        .contains(
            org.assertj.core.groups.Tuple.tuple("oura", SyncState.NOT_CONNECTED),
            org.assertj.core.groups.Tuple.tuple("withings", SyncState.NOT_CONNECTED));

    FileImporters.detect(Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip"))
        .orElseThrow()
        .importFile(
            Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip"),
            context.store(),
            ImportListener.NONE);
    context.dataChanged();
    await(() -> model.sources().size() == 2);

    List<SourceSummary> sources = fx(() -> List.copyOf(model.sources()));
    assertThat(sources)
        .extracting(s -> s.source().name(), SourceSummary::sampleCount, SourceSummary::deviceClass)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Alexandre's Apple Watch", 7L, DeviceClass.WATCH),
            org.assertj.core.groups.Tuple.tuple("Alexandre's iPhone", 1L, DeviceClass.PHONE));
    assertThat(sources).allSatisfy(s -> assertThat(s.first()).isBeforeOrEqualTo(s.last()));
  }

  @Test
  void connectsSyncsAndDisconnectsOuraKeepingItsData() throws Exception {
    SourcesViewModel model = model(SourcesViewModelTest::playBrowser);

    fx(() -> model.connect("oura", "", ""));
    await(() -> model.operationProperty().get() == null);

    assertThat(model.messageProperty().get())
        .isEqualTo("Connected oura. Sync now to fetch your data.");
    await(() -> account(model, "oura").state() == SyncState.OK);

    long version = fx(() -> context.dataVersionProperty().get());
    fx(() -> model.syncNow("oura"));
    assertThat(fx(() -> model.operationProperty().get()))
        .isEqualTo(new SourcesViewModel.Operation("oura", SourcesViewModel.Action.SYNCING));
    await(() -> model.operationProperty().get() == null);

    assertThat(model.messageProperty().get()).startsWith("oura: ok, 2 new or changed");
    assertThat(fx(() -> context.dataVersionProperty().get())).isGreaterThan(version);
    await(() -> account(model, "oura").lastRun() != null);
    SourceStatus synced = account(model, "oura");
    assertThat(synced.state()).isEqualTo(SyncState.OK);
    assertThat(synced.lastRun().written()).isEqualTo(2);
    await(() -> model.sources().stream().anyMatch(s -> s.source().provider().equals("oura")));

    fx(() -> model.disconnect("oura"));
    await(() -> model.operationProperty().get() == null);
    await(() -> account(model, "oura").state() == SyncState.NOT_CONNECTED);

    assertThat(model.messageProperty().get())
        .isEqualTo("Disconnected oura; its data stays in OpenVitals.");
    assertThat(Files.exists(dir.resolve("vault/oura.vault"))).isFalse();
    assertThat(fx(() -> List.copyOf(model.sources())))
        .anySatisfy(s -> assertThat(s.source().provider()).isEqualTo("oura"));
  }

  @Test
  void aRevokedSignInShowsReconnectNeededUntilTheUserSignsInAgain() throws Exception {
    SourcesViewModel model = model(SourcesViewModelTest::playBrowser);
    fake.tokenLifetime = Duration.ZERO; // every access token needs a refresh before use
    fx(() -> model.connect("oura", "", ""));
    await(() -> model.operationProperty().get() == null);
    fake.revokeAllRefreshTokens(); // the user revoked OpenVitals at Oura

    fx(() -> model.syncNow("oura"));
    await(() -> model.operationProperty().get() == null);

    assertThat(model.messageProperty().get()).startsWith("oura: reconnect needed");
    await(() -> account(model, "oura").state() == SyncState.RECONNECT_NEEDED);
    assertThat(account(model, "oura").message()).isNotBlank();

    fake.tokenLifetime = Duration.ofHours(1);
    fx(() -> model.connect("oura", "", ""));
    await(() -> model.operationProperty().get() == null);
    await(() -> account(model, "oura").state() == SyncState.OK);
  }

  @Test
  void cancellingASyncStopsItAndSaysSo() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fake.route(
        "/v2/usercollection/heartrate",
        q -> {
          try {
            release.await(20, TimeUnit.SECONDS); // a provider that hangs
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return FakeProvider.Reply.json("{\"data\":[],\"next_token\":null}");
        });
    try {
      SourcesViewModel model = model(SourcesViewModelTest::playBrowser);
      fx(() -> model.connect("oura", "", ""));
      await(() -> model.operationProperty().get() == null);

      fx(() -> model.syncNow("oura"));
      await(() -> fake.apiCalls.stream().anyMatch(c -> c.contains("heartrate")));
      fx(() -> {
        model.cancel();
        return null;
      });
      await(() -> model.operationProperty().get() == null);

      assertThat(model.messageProperty().get())
          .isEqualTo("Sync of oura cancelled; what it fetched stays.");
      assertThat(release.getCount()).as("cancelled while the provider still hung").isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aPastedRedirectFinishesTheSignInWhenTheBrowserCannotReachTheApp() throws Exception {
    SourcesViewModel model = model(url -> {});

    fx(() -> model.connect("oura", FakeProvider.CLIENT_ID, FakeProvider.CLIENT_SECRET));
    await(() -> model.authorizationUrlProperty().get() != null);
    // The browser signs in, but its redirect to 127.0.0.1 goes nowhere: the user copies the
    // address.
    HttpResponse<String> consent =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(model.authorizationUrlProperty().get())).build(),
                HttpResponse.BodyHandlers.ofString());
    String redirect = consent.headers().firstValue("Location").orElseThrow();
    fx(() -> {
      model.paste(redirect);
      return null;
    });
    await(() -> model.operationProperty().get() == null);

    assertThat(model.messageProperty().get()).startsWith("Connected oura");
    await(() -> account(model, "oura").state() == SyncState.OK);
  }

  @Test
  void cancellingASignInLeavesTheAccountUnconnected() throws Exception {
    SourcesViewModel model = model(url -> {});

    fx(() -> model.connect("oura", "", ""));
    await(() -> model.authorizationUrlProperty().get() != null);
    assertThat(model.authorizationUrlProperty().get())
        .startsWith(fake.url("/oauth/authorize").toString());
    fx(() -> {
      model.cancel();
      return null;
    });
    await(() -> model.operationProperty().get() == null);

    assertThat(model.messageProperty().get()).isEqualTo("Cancelled.");
    assertThat(model.authorizationUrlProperty().get()).isNull();
    assertThat(account(model, "oura").state()).isEqualTo(SyncState.NOT_CONNECTED);
  }

  @Test
  void fitbitAsksGoogleOnlyForTheTickedScopesAndKeepsThemTicked() throws Exception {
    SourcesViewModel model = model(url -> {});
    assertThat(fx(() -> model.scopeOptions("fitbit")))
        .extracting(o -> o.choice().name(), SourcesViewModel.ScopeOption::ticked)
        .containsExactly(
            tuple("activity_and_fitness", true),
            tuple("health_metrics_and_measurements", true),
            tuple("sleep", true),
            tuple("nutrition", false),
            tuple("profile", false));
    assertThat(fx(() -> model.scopeOptions("oura"))).isEmpty();

    fx(() ->
        model.connect("fitbit", "123.apps.googleusercontent.com", "GOCSPX-x", Set.of("sleep")));
    await(() -> model.authorizationUrlProperty().get() != null);
    URI url = URI.create(model.authorizationUrlProperty().get());
    assertThat(QueryStrings.decode(url.getRawQuery()))
        .containsEntry("scope", "https://www.googleapis.com/auth/googlehealth.sleep.readonly");
    fx(() -> {
      model.cancel();
      return null;
    });
    await(() -> model.operationProperty().get() == null);

    assertThat(Files.readString(dir.resolve("cloud.properties")))
        .contains("fitbit.scopes=https\\://www.googleapis.com/auth/googlehealth.sleep.readonly");
    await(() -> !model.scopeOptions("fitbit").getFirst().ticked());
    assertThat(fx(() -> model.scopeOptions("fitbit")))
        .filteredOn(SourcesViewModel.ScopeOption::ticked)
        .extracting(o -> o.choice().name())
        .containsExactly("sleep");

    fx(() -> model.connect("fitbit", "123.apps.googleusercontent.com", "GOCSPX-x", Set.of()));
    await(() -> model.operationProperty().get() == null);
    assertThat(model.messageProperty().get())
        .isEqualTo("Could not connect fitbit: tick at least one kind of data to allow");
  }

  @Test
  void connectingWithoutAClientSaysWhatToEnter() throws Exception {
    Files.writeString(
        dir.resolve("cloud.properties"),
        "vault.key_storage=file\noura.authorization_url=" + fake.url("/oauth/authorize"));
    SourcesViewModel model = model(SourcesViewModelTest::playBrowser);

    fx(() -> model.connect("oura", " ", ""));
    await(() -> model.operationProperty().get() == null);

    assertThat(model.messageProperty().get())
        .isEqualTo(
            "Could not connect oura: enter the client id and secret of your own Oura developer app"
                + " (see the README, 'Connecting cloud sources')");
    assertThat(model.failedProperty().get()).isTrue();
    assertThat(model.authorizationUrlProperty().get()).isNull();
  }

  @Test
  void aSignInTheProviderRefusesSaysWhy() throws Exception {
    SourcesViewModel model = model(SourcesViewModelTest::playBrowser);

    fx(() -> model.connect("oura", FakeProvider.CLIENT_ID, "wrong-secret"));
    await(() -> model.operationProperty().get() == null);

    assertThat(model.messageProperty().get()).startsWith("Could not connect oura: ");
    assertThat(model.failedProperty().get()).isTrue();
    assertThat(account(model, "oura").state()).isEqualTo(SyncState.NOT_CONNECTED);
  }
}
