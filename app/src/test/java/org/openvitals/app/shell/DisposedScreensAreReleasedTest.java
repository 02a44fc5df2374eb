package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.dashboard.DashboardSettings;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.openvitals.app.devices.DevicesViewModel;
import org.openvitals.app.imports.ImportViewModel;
import org.openvitals.app.preferences.PreferencesViewModel;
import org.openvitals.app.quality.QualityViewModel;
import org.openvitals.app.settings.SettingsView;
import org.openvitals.app.settings.SettingsViewModel;
import org.openvitals.app.settings.UserSettings;
import org.openvitals.app.sources.SourcesViewModel;
import org.openvitals.app.testing.Fx;
import org.openvitals.app.welcome.DemoSession;
import org.openvitals.app.welcome.FirstRun;
import org.openvitals.app.welcome.WelcomeViewModel;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.core.store.StoreConfig;

/**
 * Whatever a screen hangs on the app's shared state (listeners on the open store, the data version,
 * the unit system; bindings) is released by dispose: the context, which lives as long as the app,
 * then holds nothing of it, and the garbage collector takes it. Without dispose it stays.
 */
class DisposedScreensAreReleasedTest {
  @TempDir Path dir;
  @TempDir Path other;
  private final MemoryPreferences prefs = new MemoryPreferences();
  private AppContext context;

  @BeforeAll
  static void toolkit() {
    Fx.start(); // for the pages; view models need no toolkit
  }

  @BeforeEach
  void open() throws Exception {
    Files.writeString(dir.resolve("cloud.properties"), "vault.key_storage=file\n");
    context = new AppContext(StoreConfig.sqlite(dir), Clock.systemUTC(), TaskExecutor.immediate());
  }

  @AfterEach
  void close() {
    context.close();
    Fx.assertNothingThrown();
  }

  /** Every view model that listens to the shared state. */
  static Stream<Arguments> listening() {
    MemoryPreferences prefs = new MemoryPreferences();
    List<Arguments> all = new ArrayList<>();
    add(all, "dashboard", c -> new DashboardViewModel(c, new DashboardSettings(prefs)));
    add(all, "preferences", PreferencesViewModel::new);
    add(all, "quality", QualityViewModel::new);
    add(all, "sources", c -> new SourcesViewModel(c, url -> {}, new AuthorizationFlow()));
    add(all, "settings", c -> new SettingsViewModel(c, new UserSettings(prefs)));
    add(all, "first run", FirstRun::new);
    add(all, "devices", DevicesViewModel::new);
    return all.stream();
  }

  /** And those that only run work when asked (nothing of theirs stays while idle). */
  static Stream<Arguments> viewModels() {
    List<Arguments> all = new ArrayList<>(listening().toList());
    add(all, "import", ImportViewModel::new);
    add(all, "welcome", c -> new WelcomeViewModel(c, new DemoSession(c), () -> {}, 1));
    return all.stream();
  }

  private static void add(
      List<Arguments> all, String name, Function<AppContext, Disposable> factory) {
    all.add(Arguments.of(name, factory));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("viewModels")
  void aDisposedViewModelIsNoLongerHeldByTheContext(
      String name, Function<AppContext, Disposable> factory) {
    WeakReference<Disposable> model = new WeakReference<>(factory.apply(context));

    model.get().dispose();
    useTheSharedState();

    assertThat(collected(model, 40)).as(name + " released").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listening")
  void withoutDisposeTheContextStillHoldsIt(String name, Function<AppContext, Disposable> factory) {
    WeakReference<Disposable> model = new WeakReference<>(factory.apply(context));

    useTheSharedState();

    assertThat(collected(model, 3)).as(name + " still listening").isFalse();
  }

  @Test
  void theShellDisposesEveryPageItBuilt() {
    List<WeakReference<Node>> pages = new ArrayList<>();
    WeakReference<ShellView> shell =
        Fx.call(() -> {
          ShellViewModel model = new ShellViewModel(new ShellSettings(new MemoryPreferences()), "");
          ScreenPages real = ScreenPages.of(context);
          ScreenPages recorded =
              screen -> {
                var page = real.create(screen);
                page.ifPresent(p -> pages.add(new WeakReference<>(p)));
                return page;
              };
          ShellView view = new ShellView(model, recorded);
          model.screens().forEach(model::select);
          view.dispose();
          return new WeakReference<>(view);
        });
    Fx.run(this::useTheSharedState);

    assertThat(pages).hasSize(Screen.values().length);
    assertThat(collected(shell, 40)).isTrue();
    assertThat(pages).allSatisfy(page -> assertThat(collected(page, 40)).isTrue());
  }

  @Test
  void aDisposedSettingsPageNoLongerFollowsTheUnits() {
    SettingsView page =
        Fx.call(() -> new SettingsView(new SettingsViewModel(context, new UserSettings(prefs))));
    @SuppressWarnings("unchecked")
    ChoiceBox<UnitSystem> units =
        (ChoiceBox<UnitSystem>) page.getContent().lookup("#settings-units");
    Fx.run(() -> context.unitSystemProperty().set(UnitSystem.IMPERIAL));
    assertThat(Fx.call(units::getValue)).as("bound while shown").isEqualTo(UnitSystem.IMPERIAL);

    Fx.run(page::dispose);
    Fx.run(() -> context.unitSystemProperty().set(UnitSystem.METRIC));

    assertThat(Fx.call(units::getValue)).isEqualTo(UnitSystem.IMPERIAL);
  }

  /** Moves everything a screen may listen to: data, units, the open store. */
  private void useTheSharedState() {
    context.dataChanged();
    context.unitSystemProperty().set(UnitSystem.IMPERIAL);
    context.switchStore(StoreConfig.sqlite(other));
  }

  /**
   * Whether the garbage collector takes what {@code ref} points to (held nowhere else) within
   * {@code collections} full collections; one is usually enough.
   */
  private static boolean collected(WeakReference<?> ref, int collections) {
    for (int i = 0; i < collections && ref.get() != null; i++) {
      System.gc();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return ref.get() == null;
  }
}
