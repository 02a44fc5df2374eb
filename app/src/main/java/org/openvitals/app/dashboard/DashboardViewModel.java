package org.openvitals.app.dashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.Explanation;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.time.DayBoundaries;

/**
 * The dashboard's state: the chosen period, one summary per metric with data, the charted metric
 * and its days. Data is read off the FX thread whenever the store's data or the store itself
 * changes; switching period or metric only re-slices what is loaded. Call on the FX thread.
 */
public final class DashboardViewModel implements Disposable {
  /** What the page shows instead of, or above, the values. */
  public enum State {
    LOADING,
    EMPTY,
    READY,
    FAILED
  }

  private final AppContext context;
  private final DashboardSettings settings;
  private final ObjectProperty<Period> period = new SimpleObjectProperty<>(this, "period");
  private final ObjectProperty<MetricType> chartMetric =
      new SimpleObjectProperty<>(this, "chartMetric");
  private final ReadOnlyObjectWrapper<DashboardData> data =
      new ReadOnlyObjectWrapper<>(this, "data");
  private final ObservableList<MetricSummary> summaries = FXCollections.observableArrayList();
  private final ObservableList<MetricSummary> summariesView =
      FXCollections.unmodifiableObservableList(summaries);
  private final ObservableList<MetricType> metrics = FXCollections.observableArrayList();
  private final ObservableList<MetricType> metricsView =
      FXCollections.unmodifiableObservableList(metrics);
  private final ReadOnlyObjectWrapper<List<ResolvedDay>> chartDays =
      new ReadOnlyObjectWrapper<>(this, "chartDays", List.of());
  private final ReadOnlyObjectWrapper<State> state =
      new ReadOnlyObjectWrapper<>(this, "state", State.LOADING);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyObjectWrapper<DisplayFormat> format =
      new ReadOnlyObjectWrapper<>(this, "format");
  private final BackgroundWork work;
  private final BackgroundWork.Lane reads;
  private final BackgroundWork.Lane explanations;
  private final BackgroundWork.Lane readingLoads;
  private final Subscription shared;

  /** True while the model itself picks the charted metric (that choice is not remembered). */
  private boolean choosingMetric;

  public DashboardViewModel(AppContext context, DashboardSettings settings) {
    this.context = context;
    this.settings = settings;
    this.work = new BackgroundWork(context);
    this.reads = work.lane();
    this.explanations = work.lane();
    this.readingLoads = work.lane();
    period.set(settings.period().orElse(Period.WEEK));
    data.set(DashboardData.empty(LocalDate.now(context.clock())));
    showFormat();
    period.addListener((p, before, now) -> {
      settings.savePeriod(now);
      present();
      if (!reads.isRunning() && !data.get().covers(now)) {
        reload();
      }
    });
    chartMetric.addListener((p, before, now) -> {
      if (now != null && !choosingMetric) {
        settings.saveChartMetric(now);
      }
      presentChart();
    });
    this.shared =
        Subscription.combine(
            context.unitSystemProperty().subscribe((before, now) -> showFormat()),
            context
                .storeProperty()
                .subscribe((before, now) -> {
                  showFormat(); // the new store's source colours
                  reload();
                }),
            context.dataVersionProperty().subscribe((before, now) -> reload()));
  }

  private void showFormat() {
    format.set(new DisplayFormat(context.unitSystemProperty().get(), context.current().colours()));
  }

  /** Stops following the store and the unit system, and drops reads still running. */
  @Override
  public void dispose() {
    shared.unsubscribe();
    work.dispose();
  }

  /** The period shown; remembered between runs. */
  public ObjectProperty<Period> periodProperty() {
    return period;
  }

  /** The metric in the chart; remembered between runs. */
  public ObjectProperty<MetricType> chartMetricProperty() {
    return chartMetric;
  }

  public ReadOnlyObjectProperty<DashboardData> dataProperty() {
    return data.getReadOnlyProperty();
  }

  /** One summary per metric with data, for the current period, in dashboard order. */
  public ObservableList<MetricSummary> summaries() {
    return summariesView;
  }

  /** The metrics with data (the chart's choices). */
  public ObservableList<MetricType> metrics() {
    return metricsView;
  }

  /** The charted metric's resolved days over the period's chart span, oldest first. */
  public ReadOnlyObjectProperty<List<ResolvedDay>> chartDaysProperty() {
    return chartDays.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** True while data is being read (values already shown stay until the new ones arrive). */
  public ReadOnlyBooleanProperty loadingProperty() {
    return reads.runningProperty();
  }

  /** A sentence for the empty and failed states. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** How values are shown, following the user's unit system and the open store's colours. */
  public ReadOnlyObjectProperty<DisplayFormat> formatProperty() {
    return format.getReadOnlyProperty();
  }

  /** The chart's first day for the current period. */
  public LocalDate chartFrom() {
    return data.get().today().minusDays(period.get().chartDays() - 1L);
  }

  /** Reads the dashboard's data again, off the FX thread; a read still running is cancelled. */
  public BackgroundTask<DashboardData> reload() {
    RulesService rules = context.rules();
    SampleStore store = context.store();
    Period shown = period.get();
    if (data.get().isEmpty()) {
      state.set(State.LOADING);
    }
    return reads
        .task(progress -> {
          LocalDate today = today(store);
          // The period on screen first, so values appear quickly (with the period before it for
          // short periods; a year's trend waits for the second read); then every period's days,
          // so switching period needs no store access.
          int first =
              shown.days() <= Period.MONTH.days()
                  ? Math.max(2 * shown.days(), shown.chartDays())
                  : shown.days();
          DashboardData quick = DashboardData.load(rules, today, first, progress::isCancelled);
          progress.runOnFxThread(() -> show(quick));
          progress.updateProgress(1, 2);
          return DashboardData.load(rules, today, Period.LOADED_DAYS, progress::isCancelled);
        })
        .onSuccess(this::show)
        .onFailure(
            "Could not read your data",
            why -> {
              state.set(State.FAILED);
              message.set(why);
            })
        .start();
  }

  /** Reads why {@code metric} has its value on {@code day}, off the FX thread. */
  public BackgroundTask<Explanation> explain(
      MetricType metric, LocalDate day, Consumer<Explanation> onReady) {
    RulesService rules = context.rules();
    return explanations.task(progress -> rules.explain(metric, day)).onSuccess(onReady).start();
  }

  /**
   * Reads every stored reading of {@code metric} over the chart span, off the FX thread; a read
   * still running is cancelled.
   */
  public BackgroundTask<Readings> readings(MetricType metric, Consumer<Readings> onReady) {
    SampleStore store = context.store();
    LocalDate from = chartFrom();
    LocalDate to = data.get().today();
    return readingLoads
        .task(progress -> {
          DayBoundaries days = store.dayBoundaries();
          return Readings.load(
              store,
              metric,
              days.startOf(from),
              days.startOf(to.plusDays(1)),
              progress::isCancelled);
        })
        .onSuccess(onReady)
        .start();
  }

  /** Stops reading every reading (the chart shows days again). */
  public void cancelReadings() {
    readingLoads.cancel();
  }

  /** Today in the store's day boundaries (the user may count days in another zone). */
  private LocalDate today(SampleStore store) {
    return store.dayBoundaries().dayOf(OffsetDateTime.now(context.clock()));
  }

  private void show(DashboardData loaded) {
    data.set(loaded);
    if (loaded.isEmpty()) {
      boolean more = reads.isRunning() && !loaded.covers(Period.YEAR);
      state.set(more ? State.LOADING : State.EMPTY);
      message.set(
          more
              ? ""
              : "There is no data in this store yet. Import a file or connect a source, and your"
                  + " values appear here.");
    } else {
      state.set(State.READY);
      message.set("");
    }
    metrics.setAll(loaded.metrics());
    // The chosen metric while it has data; else the remembered one, else the first with data.
    MetricType chosen = chartMetric.get();
    MetricType remembered = settings.chartMetric().orElse(null);
    MetricType wanted =
        chosen != null && chosen == remembered && loaded.days().containsKey(chosen)
            ? chosen
            : loaded.days().containsKey(remembered)
                ? remembered
                : chosen != null && loaded.days().containsKey(chosen)
                    ? chosen
                    : loaded.metrics().isEmpty() ? null : loaded.metrics().getFirst();
    choosingMetric = true;
    try {
      chartMetric.set(wanted);
    } finally {
      choosingMetric = false;
    }
    present();
  }

  /** Summaries and chart for the current period from what is loaded: no store access. */
  private void present() {
    DashboardData loaded = data.get();
    summaries.setAll(loaded.metrics().stream().map(m -> loaded.summary(m, period.get())).toList());
    presentChart();
  }

  private void presentChart() {
    MetricType metric = chartMetric.get();
    if (metric == null) {
      chartDays.set(List.of());
      return;
    }
    LocalDate from = chartFrom();
    chartDays.set(data.get().days(metric).stream().filter(d -> !d.day().isBefore(from)).toList());
  }
}
