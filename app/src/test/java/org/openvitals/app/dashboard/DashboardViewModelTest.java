package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openvitals.app.dashboard.StepsFixture.PHONE;
import static org.openvitals.app.dashboard.StepsFixture.SCALE;
import static org.openvitals.app.dashboard.StepsFixture.TODAY;
import static org.openvitals.app.dashboard.StepsFixture.WATCH;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.ManualExecutor;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.shell.MemoryPreferences;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.Explanation;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.testing.CallCountingStore;

/** The dashboard's view model over a real store, without a window. */
class DashboardViewModelTest {
  @TempDir Path dir;
  private AppContext context;
  private final MemoryPreferences prefs = new MemoryPreferences();
  private DashboardViewModel model;

  @BeforeEach
  void open() {
    context = StepsFixture.open(dir, TaskExecutor.immediate());
    model = new DashboardViewModel(context, new DashboardSettings(prefs));
  }

  @AfterEach
  void close() {
    context.close();
  }

  private MetricSummary summary(MetricType metric) {
    return model.summaries().stream().filter(s -> s.metric() == metric).findFirst().orElseThrow();
  }

  @Test
  void todayShowsTheResolvedStepsOfThePreferredSourceNeverTheSum() {
    model.periodProperty().set(Period.TODAY);
    model.reload();

    MetricSummary steps = summary(MetricType.STEPS);
    assertThat(steps.value()).isCloseTo(StepsFixture.resolvedSteps(13), within(1e-6));
    assertThat(steps.primary()).isEqualTo(WATCH);
    assertThat(steps.valueDay()).isEqualTo(TODAY);
    assertThat(model.stateProperty().get()).isEqualTo(DashboardViewModel.State.READY);
    assertThat(model.metrics()).containsExactly(MetricType.STEPS, MetricType.BODY_MASS);
  }

  @Test
  void aWeekIsTheMeanOfItsResolvedDaysWithTheTrendAgainstTheWeekBefore() {
    model.periodProperty().set(Period.WEEK);
    model.reload();

    MetricSummary steps = summary(MetricType.STEPS);
    double week = (StepsFixture.resolvedSteps(7) + StepsFixture.resolvedSteps(13)) / 2;
    double before = (StepsFixture.resolvedSteps(0) + StepsFixture.resolvedSteps(6)) / 2;
    assertThat(steps.value()).isCloseTo(week, within(1e-6));
    assertThat(steps.daysWithData()).isEqualTo(7);
    assertThat(steps.primaryDays()).isEqualTo(7);
    assertThat(steps.trend()).isCloseTo((week - before) / before, within(1e-6));
    assertThat(steps.sparkline()).hasSize(7);
    for (int k = 0; k < 7; k++) {
      assertThat(steps.sparkline()[k]).isCloseTo(StepsFixture.resolvedSteps(7 + k), within(1e-6));
    }
    MetricSummary weight = summary(MetricType.BODY_MASS);
    assertThat(weight.value()).isEqualTo(80.0);
    assertThat(weight.primary()).isEqualTo(SCALE);
  }

  @Test
  void switchingPeriodReslicesWithoutReadingAgainAndIsRemembered() {
    model.reload();
    DashboardData loaded = model.dataProperty().get();

    model.periodProperty().set(Period.MONTH);

    MetricSummary steps = summary(MetricType.STEPS);
    assertThat(model.dataProperty().get()).isSameAs(loaded);
    assertThat(model.loadingProperty().get()).isFalse();
    assertThat(steps.period()).isEqualTo(Period.MONTH);
    assertThat(steps.daysWithData()).isEqualTo(14);
    assertThat(steps.trend()).isNull(); // nothing in the 30 days before
    List<ResolvedDay> chart = model.chartDaysProperty().get();
    assertThat(chart).hasSize(14);
    assertThat(new DashboardSettings(prefs).period()).contains(Period.MONTH);

    DashboardViewModel again = new DashboardViewModel(context, new DashboardSettings(prefs));
    assertThat(again.periodProperty().get()).isEqualTo(Period.MONTH);
  }

  @Test
  void preferringThePhoneChangesTheValueWhenTheDataVersionMoves() {
    model.periodProperty().set(Period.TODAY);
    model.reload();
    SourcePreferences phoneFirst =
        context
            .rules()
            .preferences()
            .current()
            .withCategoryOrder(Category.ACTIVITY, List.of(PHONE, WATCH));
    context.rules().preferences().save(phoneFirst);

    context.dataChanged();

    assertThat(summary(MetricType.STEPS).primary()).isEqualTo(PHONE);
    assertThat(summary(MetricType.STEPS).value()).isCloseTo(1400.0, within(1e-6));
  }

  @Test
  void theChartedMetricIsRememberedWhenTheUserChoosesIt() {
    model.reload();
    assertThat(model.chartMetricProperty().get()).isEqualTo(MetricType.STEPS);

    model.chartMetricProperty().set(MetricType.BODY_MASS);

    assertThat(new DashboardSettings(prefs).chartMetric()).contains(MetricType.BODY_MASS);
    // 7 days end today: the weighing a week ago is outside them, and inside 30.
    assertThat(model.chartDaysProperty().get())
        .extracting(ResolvedDay::value)
        .containsExactly(80.0);
    model.periodProperty().set(Period.MONTH);
    assertThat(model.chartDaysProperty().get())
        .extracting(ResolvedDay::value)
        .containsExactly(82.0, 80.0);
  }

  @Test
  void anEmptyStoreSaysSo(@TempDir Path empty) {
    try (AppContext none =
        new AppContext(StoreConfig.sqlite(empty), StepsFixture.CLOCK, TaskExecutor.immediate())) {
      DashboardViewModel m = new DashboardViewModel(none, new DashboardSettings(prefs));
      m.reload();

      assertThat(m.stateProperty().get()).isEqualTo(DashboardViewModel.State.EMPTY);
      assertThat(m.messageProperty().get()).startsWith("There is no data");
      assertThat(m.summaries()).isEmpty();
    }
  }

  @Test
  void whatWasReadFromTheOldStoreNeverReachesTheNewStoresScreen(@TempDir Path empty) {
    ManualExecutor manual = new ManualExecutor();
    try (AppContext switching = StepsFixture.open(dir.resolve("own"), manual.executor())) {
      DashboardViewModel m = new DashboardViewModel(switching, new DashboardSettings(prefs));
      List<DashboardData> shown = new ArrayList<>();
      m.dataProperty().addListener((p, before, now) -> shown.add(now));
      List<Explanation> explained = new ArrayList<>();
      m.reload();
      m.explain(MetricType.STEPS, TODAY, explained::add);
      manual.runOldest(); // the steps are read, and explained: both wait for the FX thread
      manual.runOldest();

      switching.switchStore(StoreConfig.sqlite(empty)); // the demo, another folder ...
      manual.runAll();

      assertThat(explained).as("no dialog about the old store").isEmpty();
      assertThat(m.formatProperty().get().colours())
          .as("the new store's source colours")
          .isSameAs(switching.current().colours());
      assertThat(shown).isNotEmpty().allSatisfy(d -> assertThat(d.isEmpty()).isTrue());
      assertThat(m.stateProperty().get()).isEqualTo(DashboardViewModel.State.EMPTY);
      assertThat(m.summaries()).isEmpty();
      m.dispose();
    }
  }

  @Test
  void theTwoYearsAroundAreReadOnlyOnceTheFirstValuesAreOnTheFxThread(@TempDir Path own) {
    ManualExecutor manual = new ManualExecutor();
    try (AppContext held = StepsFixture.open(own, manual.executor())) {
      DashboardViewModel m = new DashboardViewModel(held, new DashboardSettings(prefs));
      m.periodProperty().set(Period.TODAY);
      m.reload();
      manual.runOldest(); // the day shown and the one before

      assertThat(manual.waiting()).as("nothing more read beside the first values").isZero();
      manual.deliver();
      assertThat(m.summaries()).isNotEmpty();
      assertThat(m.dataProperty().get().covers(DayRange.ending(TODAY, 365))).isFalse();
      assertThat(manual.waiting()).as("the two years, once the values are shown").isEqualTo(1);

      manual.runAll();
      assertThat(m.dataProperty().get().covers(DayRange.ending(TODAY, 365))).isTrue();
      assertThat(m.loadingProperty().get()).isFalse();
      m.dispose();
    }
  }

  @Test
  void theTwoYearsAroundWaitUntilTheValuesAreOnScreenAndNotForAReplacedReadOrAClosedPage(
      @TempDir Path own) {
    ManualExecutor manual = new ManualExecutor();
    try (AppContext held = StepsFixture.open(own, manual.executor())) {
      DashboardViewModel m = new DashboardViewModel(held, new DashboardSettings(prefs));
      java.util.List<Runnable> onScreen = new java.util.ArrayList<>();
      m.readAroundOnScreen(onScreen::add);
      m.periodProperty().set(Period.TODAY);
      m.reload();
      manual.runOldest();
      manual.deliver();

      assertThat(m.summaries()).isNotEmpty();
      assertThat(manual.waiting()).as("nothing read while the values are laid out").isZero();
      assertThat(m.loadingProperty().get()).as("the spinner stays on meanwhile").isTrue();
      onScreen.removeFirst().run();
      assertThat(manual.waiting()).as("the two years, once the values are on screen").isEqualTo(1);
      manual.runAll();
      assertThat(m.dataProperty().get().covers(DayRange.ending(TODAY, 365))).isTrue();
      assertThat(m.loadingProperty().get()).isFalse();

      m.reload();
      manual.runOldest();
      manual.deliver();
      Runnable replaced = onScreen.removeFirst();
      m.reload(); // say, the data changed before the first reload's values were on screen
      manual.runOldest();
      manual.deliver();
      replaced.run();
      assertThat(manual.waiting()).as("the replaced read's two years are not read").isZero();
      onScreen.removeFirst().run();
      assertThat(manual.waiting()).isEqualTo(1);
      manual.runAll();
      assertThat(m.loadingProperty().get()).isFalse();

      m.reload();
      manual.runOldest();
      manual.deliver();
      m.dispose(); // say, another store was opened before the next pulse
      onScreen.removeFirst().run();
      assertThat(manual.waiting()).as("nothing read for a closed page").isZero();
    }
  }

  @Test
  void whatWaitsForTheFirstValuesRunsOnceTheyAreShownAndOnlyOnce(@TempDir Path own) {
    ManualExecutor manual = new ManualExecutor();
    try (AppContext held = StepsFixture.open(own, manual.executor())) {
      DashboardViewModel m = new DashboardViewModel(held, new DashboardSettings(prefs));
      m.periodProperty().set(Period.TODAY);
      int[] ran = {0};
      m.reload();
      m.whenFirstShown(() -> ran[0]++);
      manual.runOldest(); // the first values, read but not yet on the FX thread

      assertThat(ran[0]).as("nothing beside the first read").isZero();
      manual.deliver();
      assertThat(m.summaries()).isNotEmpty();
      assertThat(ran[0]).as("once the first values are shown").isEqualTo(1);

      manual.runAll(); // the two years around, and a reload of the same
      m.reload();
      manual.runAll();
      assertThat(ran[0]).as("not again for later reads").isEqualTo(1);
      m.whenFirstShown(() -> ran[0]++);
      assertThat(ran[0]).as("at once when they are already shown").isEqualTo(2);
      m.dispose();
    }
  }

  @Test
  void theFirstValuesSumTheStoresRollupsPerSourceOnce() {
    CallCountingStore sourceReads = CallCountingStore.counting(context.store(), "sources");
    SampleStore counting = sourceReads.store();
    Clock clock = context.clock();

    DashboardData first =
        DashboardViewModel.firstValues(
            counting, new RulesService(counting, clock), clock, new DashboardSettings(prefs));

    assertThat(first.metrics()).contains(MetricType.STEPS);
    // Every rollup is summed for the sources: on a five-year store the first values' largest cost.
    assertThat(sourceReads.calls())
        .as("the store's sources read for the extent and the rules")
        .isOne();
  }

  @Test
  void theExplanationIsReadForTheTilesDay() {
    model.periodProperty().set(Period.TODAY);
    model.reload();
    Explanation[] got = new Explanation[1];
    model.explain(MetricType.STEPS, TODAY, e -> got[0] = e);

    assertThat(got[0].resolved().value()).isCloseTo(StepsFixture.resolvedSteps(13), within(1e-6));
    assertThat(got[0].priority()).containsExactly(WATCH, PHONE);
  }

  @Test
  void imperialUnitsShowPounds() {
    context.unitSystemProperty().set(UnitSystem.IMPERIAL);
    DisplayFormat format = model.formatProperty().get();

    assertThat(format.full(MetricType.BODY_MASS, 80.0)).isEqualTo("176.4 lb");
    assertThat(format.full(MetricType.DISTANCE, 1609.344)).isEqualTo("1.00 mi");
    assertThat(format.full(MetricType.BODY_TEMPERATURE, 37.0)).isEqualTo("98.6 °F");
    assertThat(format.full(MetricType.SKIN_TEMPERATURE_DEVIATION, 0.5)).isEqualTo("+0.9 °F");
    assertThat(new DisplayFormat(UnitSystem.METRIC).full(MetricType.SLEEP_ASLEEP, 432))
        .isEqualTo("7 h 12 min");
  }

  @Test
  void theFirstReadTakesTheValuesReadAtStartUpForItsStoreAndPeriod() {
    new DashboardSettings(prefs).savePeriod(Period.TODAY);
    DashboardViewModel.EarlyRead early = new DashboardViewModel.EarlyRead();
    early.run(context, new DashboardSettings(prefs));
    addWatchStepsToday(); // after the early read: only a read of the model's own sees them

    List<Double> shown = firstAndLastSteps(early);

    assertThat(shown.getFirst()).isCloseTo(StepsFixture.resolvedSteps(13), within(1e-6));
    assertThat(shown.getLast()).isCloseTo(StepsFixture.resolvedSteps(13) + 700, within(1e-6));
  }

  @Test
  void anEarlyReadOfAnotherPeriodOrNoneAtAllIsNotTaken() {
    DashboardViewModel.EarlyRead ofAWeek = new DashboardViewModel.EarlyRead();
    ofAWeek.run(context, new DashboardSettings(prefs)); // nothing remembered: a week
    DashboardViewModel.EarlyRead abandoned = new DashboardViewModel.EarlyRead();
    abandoned.abandon();
    new DashboardSettings(prefs).savePeriod(Period.TODAY);
    addWatchStepsToday();

    for (DashboardViewModel.EarlyRead early : List.of(ofAWeek, abandoned)) {
      assertThat(firstAndLastSteps(early).getFirst())
          .isCloseTo(StepsFixture.resolvedSteps(13) + 700, within(1e-6));
    }
  }

  /** 700 more steps today, from the watch alone, at 11:00. */
  private void addWatchStepsToday() {
    java.time.OffsetDateTime at = TODAY.atTime(11, 0).atOffset(java.time.ZoneOffset.UTC);
    context
        .store()
        .upsert(
            List.of(
                org.openvitals.core.model.Sample.of(
                    MetricType.STEPS, at, at.plusHours(1), 700, WATCH)));
  }

  /** Today's steps as a new model on the remembered period shows them first and last. */
  private List<Double> firstAndLastSteps(DashboardViewModel.EarlyRead early) {
    DashboardViewModel m = new DashboardViewModel(context, new DashboardSettings(prefs), early);
    List<Double> shown = new ArrayList<>();
    m.summaries()
        .addListener(
            (javafx.collections.ListChangeListener<MetricSummary>)
                c ->
                    m.summaries().stream()
                        .filter(s -> s.metric() == MetricType.STEPS)
                        .forEach(s -> shown.add(s.value())));
    m.reload();
    m.dispose();
    return shown;
  }
}
