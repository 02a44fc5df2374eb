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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.preferences.PreferencesViewModel.Scope;
import org.openvitals.app.preferences.PreferencesViewModel.SourceItem;
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

  @BeforeEach
  void open() {
    seed(dir);
    Clock clock = Clock.fixed(DAY.plusDays(2).atStartOfDay(BERLIN).toInstant(), BERLIN);
    context = new AppContext(StoreConfig.sqlite(dir), clock, TaskExecutor.immediate());
    model = new PreferencesViewModel(context);
    model.reload();
  }

  @AfterEach
  void close() {
    context.close();
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
    assertThat(model.categoryProperty().get()).isEqualTo(Category.ACTIVITY);
    assertThat(List.copyOf(model.sources()))
        .extracting(SourceItem::source)
        .containsExactly(WATCH, PHONE);
    assertThat(model.sources().getFirst().deviceClass().id()).isEqualTo("watch");
    assertThat(model.previewDayProperty().get()).isEqualTo(DAY);
    Preview.Row steps = stepsRow();
    assertThat(steps.saved().dayValue()).isEqualTo(1500.0);
    assertThat(steps.edited().dayValue()).isEqualTo(1500.0);
    assertThat(steps.saved().dayPrimary()).isEqualTo(WATCH);
    assertThat(steps.changed()).isFalse();
    assertThat(model.dirtyProperty().get()).isFalse();
  }

  @Test
  void movingThePhoneAboveTheWatchChangesThePreviewAndSavingKeepsTheNewOrder() {
    model.move(1, 0);

    assertThat(List.copyOf(model.sources()))
        .extracting(SourceItem::source)
        .containsExactly(PHONE, WATCH);
    Preview.Row steps = stepsRow();
    assertThat(steps.saved().dayValue()).isEqualTo(1500.0);
    assertThat(steps.edited().dayValue()).isEqualTo(1000.0);
    assertThat(steps.edited().dayPrimary()).isEqualTo(PHONE);
    assertThat(steps.changed()).isTrue();
    assertThat(model.dirtyProperty().get()).isTrue();
    // Not saved yet: the store still resolves with the old order.
    assertThat(context.rules().daily(MetricType.STEPS, DAY, DAY).getFirst().value())
        .isEqualTo(1500.0);
    long versionBefore = context.dataVersionProperty().get();

    model.save();

    assertThat(model.dirtyProperty().get()).isFalse();
    assertThat(context.dataVersionProperty().get()).isGreaterThan(versionBefore);
    assertThat(model.history()).hasSize(1);
    assertThat(stepsRow().saved().dayValue()).isEqualTo(1000.0);
    RulesService fresh = new RulesService(context.store(), context.clock());
    assertThat(fresh.preferences().current().categories().get(Category.ACTIVITY))
        .containsExactly(PHONE, WATCH);
    assertThat(fresh.daily(MetricType.STEPS, DAY, DAY).getFirst().value()).isEqualTo(1000.0);
  }

  @Test
  void movingBackOrRevertingLeavesNothingToSave() {
    model.move(1, 0);
    model.move(0, 1);
    assertThat(model.dirtyProperty().get()).isFalse();

    model.moveUp(1);
    assertThat(model.dirtyProperty().get()).isTrue();
    model.revert();

    assertThat(model.dirtyProperty().get()).isFalse();
    assertThat(List.copyOf(model.sources()))
        .extracting(SourceItem::source)
        .containsExactly(WATCH, PHONE);
    assertThat(stepsRow().edited().dayValue()).isEqualTo(1500.0);
  }

  @Test
  void aMetricCanGetItsOwnOrderAndLoseItAgain() {
    Scope steps = new Scope(Category.ACTIVITY, MetricType.STEPS);
    assertThat(List.copyOf(model.scopes()))
        .containsExactly(new Scope(Category.ACTIVITY, null), steps);
    model.scopeProperty().set(steps);
    model.moveDown(0);
    model.save();

    var saved = context.rules().preferences().current();
    assertThat(saved.metricOverrides().get(MetricType.STEPS)).containsExactly(PHONE, WATCH);
    assertThat(saved.categories()).doesNotContainKey(Category.ACTIVITY);
    assertThat(model.hasOwnOrder(steps)).isTrue();

    model.resetScope();
    model.save();
    assertThat(context.rules().preferences().current().metricOverrides()).isEmpty();
    assertThat(context.rules().preferences().history()).hasSize(2);
  }

  @Test
  void anEarlierVersionCanBeRestored() {
    model.move(1, 0);
    model.save();
    model.move(1, 0);
    model.save();
    assertThat(model.history()).extracting(p -> p.version()).containsExactly(2, 1);

    model.restore(model.history().getLast());
    assertThat(List.copyOf(model.sources()))
        .extracting(SourceItem::source)
        .containsExactly(PHONE, WATCH);
    model.save();
    assertThat(context.rules().preferences().current().version()).isEqualTo(3);
    assertThat(context.rules().preferences().current().categories().get(Category.ACTIVITY))
        .containsExactly(PHONE, WATCH);
  }

  @Test
  void aSourceThatArrivesLaterJoinsTheListByItsDeviceClassWithoutLosingTheDraft() {
    model.move(1, 0);
    OffsetDateTime noon = DAY.atTime(12, 0).atZone(BERLIN).toOffsetDateTime();
    context
        .store()
        .upsert(List.of(Sample.of(MetricType.STEPS, noon, noon.plusMinutes(5), 300, OLD_BAND)));
    context.dataChanged();

    // The band (a watch by its provider) goes after the last listed source of its tier or better.
    assertThat(List.copyOf(model.sources()))
        .extracting(SourceItem::source)
        .containsExactly(PHONE, WATCH, OLD_BAND);
    assertThat(model.dirtyProperty().get()).isTrue();
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
    return model.preview().stream()
        .filter(r -> r.metric() == MetricType.STEPS)
        .findFirst()
        .orElseThrow();
  }
}
