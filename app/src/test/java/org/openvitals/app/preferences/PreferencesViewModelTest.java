package org.openvitals.app.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.preferences.PreferencesViewModel.Scope;
import org.openvitals.app.preferences.PreferencesViewModel.SourceItem;
import org.openvitals.app.testing.Fx;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

class PreferencesViewModelTest {
  static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  static final SourceRef PHONE = new SourceRef("apple_health", "iPhone");
  static final SourceRef OLD_BAND = new SourceRef("fitbit", "Charge 2");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate DAY = LocalDate.of(2024, 3, 5);

  @TempDir Path dir;
  AppContext context;
  PreferencesViewModel model;

  @BeforeAll
  static void toolkit() {
    Fx.start();
  }

  @BeforeEach
  void open() {
    seed(dir);
    Clock clock = Clock.fixed(DAY.plusDays(2).atStartOfDay(BERLIN).toInstant(), BERLIN);
    context = new AppContext(StoreConfig.sqlite(dir), clock);
    model = Fx.call(() -> new PreferencesViewModel(context));
    Fx.run(model::reload);
    Fx.await(() -> !model.busyProperty().get());
  }

  @AfterEach
  void close() {
    context.close();
    Fx.assertNothingThrown();
  }

  /**
   * Steps on {@link #DAY}: the watch counts 100 a minute 09:00-09:10 (1,000); the phone counts 500
   * over the same ten minutes and 500 more 10:00-10:10. Watch first: 1,000 + the phone's 500 at ten
   * = 1,500. Phone first: the phone's 1,000, the watch set aside where the phone counted.
   */
  static void seed(Path dir) {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      OffsetDateTime nine = DAY.atTime(9, 0).atZone(BERLIN).toOffsetDateTime();
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        samples.add(
            Sample.of(MetricType.STEPS, nine.plusMinutes(i), nine.plusMinutes(i + 1), 100, WATCH));
      }
      samples.add(Sample.of(MetricType.STEPS, nine, nine.plusMinutes(10), 500, PHONE));
      samples.add(
          Sample.of(
              MetricType.STEPS, nine.plusHours(1), nine.plusHours(1).plusMinutes(10), 500, PHONE));
      store.upsert(samples);
    }
  }

  @Test
  void listsTheSourcesWithDataInTheDefaultOrderAndPreviewsTheLatestDay() {
    assertThat(Fx.call(() -> model.categoryProperty().get())).isEqualTo(Category.ACTIVITY);
    assertThat(Fx.call(() -> List.copyOf(model.sources())))
        .extracting(SourceItem::source)
        .containsExactly(WATCH, PHONE);
    assertThat(Fx.call(() -> model.sources().getFirst().deviceClass().id())).isEqualTo("watch");
    assertThat(Fx.call(() -> model.previewDayProperty().get())).isEqualTo(DAY);
    Preview.Row steps = stepsRow();
    assertThat(steps.saved().dayValue()).isEqualTo(1500.0);
    assertThat(steps.edited().dayValue()).isEqualTo(1500.0);
    assertThat(steps.saved().dayPrimary()).isEqualTo(WATCH);
    assertThat(steps.changed()).isFalse();
    assertThat(Fx.call(() -> model.dirtyProperty().get())).isFalse();
  }

  @Test
  void movingThePhoneAboveTheWatchChangesThePreviewAndSavingKeepsTheNewOrder() {
    Fx.run(() -> model.move(1, 0));
    Fx.await(() -> !model.busyProperty().get());

    assertThat(Fx.call(() -> List.copyOf(model.sources())))
        .extracting(SourceItem::source)
        .containsExactly(PHONE, WATCH);
    Preview.Row steps = stepsRow();
    assertThat(steps.saved().dayValue()).isEqualTo(1500.0);
    assertThat(steps.edited().dayValue()).isEqualTo(1000.0);
    assertThat(steps.edited().dayPrimary()).isEqualTo(PHONE);
    assertThat(steps.changed()).isTrue();
    assertThat(Fx.call(() -> model.dirtyProperty().get())).isTrue();
    // Not saved yet: the store still resolves with the old order.
    assertThat(context.rules().daily(MetricType.STEPS, DAY, DAY).getFirst().value())
        .isEqualTo(1500.0);
    long versionBefore = Fx.call(() -> context.dataVersionProperty().get());

    Fx.run(model::save);
    Fx.await(() -> !model.busyProperty().get());

    assertThat(Fx.call(() -> model.dirtyProperty().get())).isFalse();
    assertThat(Fx.call(() -> context.dataVersionProperty().get())).isGreaterThan(versionBefore);
    assertThat(Fx.call(() -> model.history())).hasSize(1);
    assertThat(stepsRow().saved().dayValue()).isEqualTo(1000.0);
    RulesService fresh = new RulesService(context.store(), context.clock());
    assertThat(fresh.preferences().current().categories().get(Category.ACTIVITY))
        .containsExactly(PHONE, WATCH);
    assertThat(fresh.daily(MetricType.STEPS, DAY, DAY).getFirst().value()).isEqualTo(1000.0);
  }

  @Test
  void movingBackOrRevertingLeavesNothingToSave() {
    Fx.run(() -> model.move(1, 0));
    Fx.run(() -> model.move(0, 1));
    assertThat(Fx.call(() -> model.dirtyProperty().get())).isFalse();

    Fx.run(() -> model.moveUp(1));
    assertThat(Fx.call(() -> model.dirtyProperty().get())).isTrue();
    Fx.run(model::revert);
    Fx.await(() -> !model.busyProperty().get());

    assertThat(Fx.call(() -> model.dirtyProperty().get())).isFalse();
    assertThat(Fx.call(() -> List.copyOf(model.sources())))
        .extracting(SourceItem::source)
        .containsExactly(WATCH, PHONE);
    assertThat(stepsRow().edited().dayValue()).isEqualTo(1500.0);
  }

  @Test
  void aMetricCanGetItsOwnOrderAndLoseItAgain() {
    Scope steps = new Scope(Category.ACTIVITY, MetricType.STEPS);
    assertThat(Fx.call(() -> List.copyOf(model.scopes())))
        .containsExactly(new Scope(Category.ACTIVITY, null), steps);
    Fx.run(() -> model.scopeProperty().set(steps));
    Fx.run(() -> model.moveDown(0));
    Fx.run(model::save);
    Fx.await(() -> !model.busyProperty().get());

    var saved = context.rules().preferences().current();
    assertThat(saved.metricOverrides().get(MetricType.STEPS)).containsExactly(PHONE, WATCH);
    assertThat(saved.categories()).doesNotContainKey(Category.ACTIVITY);
    assertThat(Fx.call(() -> model.hasOwnOrder(steps))).isTrue();

    Fx.run(model::resetScope);
    Fx.run(model::save);
    Fx.await(() -> !model.busyProperty().get());
    assertThat(context.rules().preferences().current().metricOverrides()).isEmpty();
    assertThat(context.rules().preferences().history()).hasSize(2);
  }

  @Test
  void anEarlierVersionCanBeRestored() {
    Fx.run(() -> model.move(1, 0));
    Fx.run(model::save);
    Fx.await(() -> !model.busyProperty().get());
    Fx.run(() -> model.move(1, 0));
    Fx.run(model::save);
    Fx.await(() -> !model.busyProperty().get());
    assertThat(Fx.call(() -> model.history())).extracting(p -> p.version()).containsExactly(2, 1);

    Fx.run(() -> model.restore(model.history().getLast()));
    assertThat(Fx.call(() -> List.copyOf(model.sources())))
        .extracting(SourceItem::source)
        .containsExactly(PHONE, WATCH);
    Fx.run(model::save);
    Fx.await(() -> !model.busyProperty().get());
    assertThat(context.rules().preferences().current().version()).isEqualTo(3);
    assertThat(context.rules().preferences().current().categories().get(Category.ACTIVITY))
        .containsExactly(PHONE, WATCH);
  }

  @Test
  void aSourceThatArrivesLaterJoinsTheListByItsDeviceClassWithoutLosingTheDraft() {
    Fx.run(() -> model.move(1, 0));
    OffsetDateTime noon = DAY.atTime(12, 0).atZone(BERLIN).toOffsetDateTime();
    context
        .store()
        .upsert(List.of(Sample.of(MetricType.STEPS, noon, noon.plusMinutes(5), 300, OLD_BAND)));
    context.dataChanged();
    Fx.await(() -> !model.busyProperty().get() && model.sources().size() == 3);

    // The band (a watch by its provider) goes after the last listed source of its tier or better.
    assertThat(Fx.call(() -> List.copyOf(model.sources())))
        .extracting(SourceItem::source)
        .containsExactly(PHONE, WATCH, OLD_BAND);
    assertThat(Fx.call(() -> model.dirtyProperty().get())).isTrue();
    assertThat(stepsRow().edited().dayValue()).isEqualTo(1300.0);
  }

  @Test
  void listedSourcesWithoutDataKeepTheirPlace() {
    assertThat(
            PreferencesViewModel.keepAbsent(List.of(WATCH, OLD_BAND, PHONE), List.of(PHONE, WATCH)))
        .containsExactly(PHONE, WATCH, OLD_BAND);
    assertThat(PreferencesViewModel.keepAbsent(List.of(OLD_BAND, WATCH), List.of(PHONE, WATCH)))
        .containsExactly(OLD_BAND, PHONE, WATCH);
  }

  private Preview.Row stepsRow() {
    return Fx.call(() ->
        model.preview().stream()
            .filter(r -> r.metric() == MetricType.STEPS)
            .findFirst()
            .orElseThrow());
  }
}
