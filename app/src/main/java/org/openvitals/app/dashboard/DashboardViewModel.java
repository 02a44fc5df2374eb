package org.openvitals.app.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.common.DataSpan;
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
import org.openvitals.core.store.SourceSummary;
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

  /** The last day shown; null follows the latest day with data. */
  private final ObjectProperty<LocalDate> end = new SimpleObjectProperty<>(this, "end");

  private final ObjectProperty<DayRange> custom = new SimpleObjectProperty<>(this, "custom");
  private final ReadOnlyObjectWrapper<DayRange> range = new ReadOnlyObjectWrapper<>(this, "range");
  private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper(this, "rangeText", "");
  private final ReadOnlyBooleanWrapper atEarliest =
      new ReadOnlyBooleanWrapper(this, "atEarliest", true);
  private final ReadOnlyBooleanWrapper atLatest =
      new ReadOnlyBooleanWrapper(this, "atLatest", true);
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

  /** The first values, read before this model existed; null once the first reload took them. */
  private EarlyRead early;

  /** Runs the read of the two years around once the values it follows are on screen. */
  private Consumer<Runnable> onScreen = Runnable::run;

  /** Counts reloads: a read around that waited for the screen is dropped once a newer one began. */
  private int reloads;

  /** True while a read around waits for its values to be on screen (the spinner stays on). */
  private final ReadOnlyBooleanWrapper aroundWaiting = new ReadOnlyBooleanWrapper(this, "around");

  private final BooleanExpression loading;

  public DashboardViewModel(AppContext context, DashboardSettings settings) {
    this(context, settings, null);
  }

  /**
   * A model whose first {@link #reload()} takes the values of {@code early} (may be null) when they
   * were read for its store and period.
   */
  public DashboardViewModel(AppContext context, DashboardSettings settings, EarlyRead early) {
    this.early = early;
    this.context = context;
    this.settings = settings;
    this.work = new BackgroundWork(context);
    this.reads = work.lane();
    this.explanations = work.lane();
    this.readingLoads = work.lane();
    this.loading = reads.runningProperty().or(aroundWaiting);
    period.set(settings.period().orElse(Period.WEEK));
    data.set(DashboardData.empty(LocalDate.now(context.clock())));
    range.set(DayRange.ending(data.get().latest(), 1));
    showFormat();
    period.addListener((p, before, now) -> {
      if (now != Period.CUSTOM) {
        settings.savePeriod(now);
      }
      present();
    });
    end.addListener((p, before, now) -> present());
    custom.addListener((p, before, now) -> present());
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
            context.dataVersionProperty().subscribe((before, now) -> reload()),
            context
                .importedUpToProperty()
                .subscribe((before, now) -> {
                  if (now != null) {
                    showDay(now);
                  }
                }));
  }

  private void showFormat() {
    format.set(new DisplayFormat(context.unitSystemProperty().get(), context.current().colours()));
    describeRange();
  }

  private void describeRange() {
    DayRange r = range.get();
    DisplayFormat f = format.get();
    rangeText.set(r.days() == 1 ? f.dayWithWeekday(r.to()) : f.days(r.from(), r.to()));
  }

  /** Stops following the store and the unit system, and drops reads still running. */
  @Override
  public void dispose() {
    shared.unsubscribe();
    reloads++; // a read of the two years still waiting for the screen is dropped with the rest
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

  /** The last day shown; null follows the latest day with data (the default). */
  public ObjectProperty<LocalDate> endProperty() {
    return end;
  }

  /** The days of the Range period. */
  public ObjectProperty<DayRange> customProperty() {
    return custom;
  }

  /** The days the tiles summarise now. */
  public ReadOnlyObjectProperty<DayRange> rangeProperty() {
    return range.getReadOnlyProperty();
  }

  /** The days shown as the other screens write them: a day with its weekday, or a span. */
  public ReadOnlyStringProperty rangeTextProperty() {
    return rangeText.getReadOnlyProperty();
  }

  /** True while the days shown start on the first day with data, or the period is All. */
  public ReadOnlyBooleanProperty atEarliestProperty() {
    return atEarliest.getReadOnlyProperty();
  }

  /** True while the days shown end on the latest day with data. */
  public ReadOnlyBooleanProperty atLatestProperty() {
    return atLatest.getReadOnlyProperty();
  }

  /** Back to the latest day with data (and on with it as new data arrives). */
  public void showLatest() {
    if (period.get() == Period.CUSTOM) {
      period.set(settings.period().filter(Period::fixed).orElse(Period.WEEK));
    }
    end.set(null);
  }

  /** The period ending on {@code day} (a Range keeps its length). */
  public void showDay(LocalDate day) {
    if (period.get() == Period.CUSTOM && custom.get() != null) {
      custom.set(DayRange.ending(day, custom.get().days()));
    }
    end.set(day);
  }

  /**
   * Steps a fixed period or a range back (-1) or forward (+1) by its own length; never back from
   * the first day with data.
   */
  public void step(int direction) {
    if (direction < 0 && atEarliest.get()) {
      return;
    }
    DayRange shown = range.get();
    int days = period.get() == Period.ALL ? 0 : shown.days();
    if (days == 0) {
      return;
    }
    LocalDate to = shown.to().plusDays((long) direction * days);
    LocalDate latest = data.get().latest();
    if (to.isAfter(latest)) {
      to = latest;
    }
    if (period.get() == Period.CUSTOM) {
      custom.set(DayRange.ending(to, days));
    }
    end.set(to.equals(latest) && period.get() != Period.CUSTOM ? null : to);
  }

  /** Shows the days from {@code from} to {@code to} (either order). */
  public void showRange(LocalDate from, LocalDate to) {
    DayRange chosen = from.isAfter(to) ? new DayRange(to, from) : new DayRange(from, to);
    custom.set(chosen);
    end.set(chosen.to());
    period.set(Period.CUSTOM);
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

  /**
   * True while data is being read or is about to be (values already shown stay until the new ones
   * arrive).
   */
  public BooleanExpression loadingProperty() {
    return loading;
  }

  /**
   * Runs {@code action} once, on the FX thread, when this model has shown what its first read found
   * (values, an empty store or a failure); at once when it already has. The start keeps work the
   * first values do not need out of their way with it.
   */
  public void whenFirstShown(Runnable action) {
    if (state.get() != State.LOADING) {
      action.run();
      return;
    }
    ChangeListener<State> once =
        new ChangeListener<>() {
          @Override
          public void changed(ObservableValue<? extends State> p, State before, State now) {
            if (now != State.LOADING) {
              state.removeListener(this);
              action.run();
            }
          }
        };
    state.addListener(once);
  }

  /** A sentence for the empty and failed states. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** How values are shown, following the user's unit system and the open store's colours. */
  public ReadOnlyObjectProperty<DisplayFormat> formatProperty() {
    return format.getReadOnlyProperty();
  }

  /** The chart's days for the current period: the period's, but at least a week. */
  public DayRange chartRange() {
    return range.get().atLeast(7);
  }

  /**
   * Reads the dashboard's data again, off the FX thread; a read still running is cancelled. First
   * the period shown and the one before it; once those values are on screen, two years around them
   * ({@link #readAround}).
   */
  public BackgroundTask<?> reload() {
    int reload = ++reloads;
    aroundWaiting.set(false); // this read replaces it
    RulesService rules = context.rules();
    SampleStore store = context.store();
    Request request = new Request(period.get(), end.get(), custom.get());
    EarlyRead early = this.early;
    this.early = null; // only the first read may take it
    if (data.get().isEmpty()) {
      state.set(State.LOADING);
    }
    return reads
        .task(progress ->
            (early == null ? Optional.<First>empty() : early.take(store, request))
                .orElseGet(() ->
                    First.read(store, rules, context.clock(), request, progress::isCancelled)))
        .onSuccess(first -> {
          show(first.data());
          aroundWaiting.set(true);
          onScreen.accept(() -> {
            if (reload == reloads) {
              readAround(rules, first);
              aroundWaiting.set(false);
            }
          });
        })
        .onFailure("Could not read your data", this::failed)
        .start();
  }

  /**
   * How the read of the two years around the values shown waits until they are on screen: the view
   * runs it after its next layout (at once by default, as without a view). Call on the FX thread.
   */
  public void readAroundOnScreen(Consumer<Runnable> wait) {
    this.onScreen = wait;
  }

  /**
   * Reads two years around the first values, so switching between the fixed periods needs no store
   * access. Started on the FX thread once the first values are on screen ({@link
   * #readAroundOnScreen}), not beside them or their tiles' CSS and layout: on two cores the read
   * (and the compiling it sets off) would take the CPU they wait for. Nothing to read when the
   * store has no data; a newer reload replaces it, as any read of this lane.
   */
  private void readAround(RulesService rules, First first) {
    DashboardData quick = first.data();
    DayRange full =
        quick.loaded().union(DashboardData.needed(DayRange.ending(first.endDay(), 365)));
    if (quick.extent() == null || full.equals(quick.loaded())) {
      return;
    }
    reads
        .task(progress -> DashboardData.load(rules, full, quick.extent(), progress::isCancelled))
        .onSuccess(this::show)
        .onFailure("Could not read your data", this::failed)
        .start();
  }

  private void failed(String why) {
    state.set(State.FAILED);
    message.set(why);
  }

  /** What a read shows: the period, and the last day and the days chosen (null: the latest). */
  private record Request(Period period, LocalDate chosenEnd, DayRange chosenRange) {
    /** What a new dashboard shows: the remembered period, ending on the latest day with data. */
    static Request initial(DashboardSettings settings) {
      return new Request(settings.period().orElse(Period.WEEK), null, null);
    }
  }

  /**
   * The period on screen and the one before it (so values appear quickly), read for a request.
   *
   * @param endDay the last day shown
   */
  private record First(SampleStore store, Request request, DashboardData data, LocalDate endDay) {
    static First read(
        SampleStore store,
        RulesService rules,
        Clock clock,
        Request request,
        BooleanSupplier cancelled) {
      // Today in the store's day boundaries (the user may count days in another zone).
      LocalDate today = store.dayBoundaries().dayOf(OffsetDateTime.now(clock));
      // Read once for the extent and the rules: on a five-year store this sum of every rollup
      // was the largest part of the first values' read.
      List<SourceSummary> sources = store.sources();
      DayRange extent = extent(sources, store.dayBoundaries(), today);
      LocalDate last = extent == null ? today : extent.to();
      LocalDate endDay =
          request.chosenEnd() == null || request.chosenEnd().isAfter(last)
              ? last
              : request.chosenEnd();
      DayRange wanted =
          request
              .period()
              .range(endDay, extent == null ? endDay : extent.from(), request.chosenRange());
      DayRange quick = DashboardData.needed(wanted);
      return new First(
          store,
          request,
          DashboardData.load(rules, rules.context(sources), quick, extent, cancelled),
          endDay);
    }
  }

  /**
   * The first values of a dashboard read before its view exists: at start-up the launcher reads
   * them on its own thread right after opening the store, while JavaFX builds the window, and the
   * first {@link #reload()} of a model on that store and period takes them instead of reading
   * again. Values of the store as it is: nothing can write to it before the window is up, and a
   * later change of data reloads as always.
   */
  public static final class EarlyRead {
    private final CompletableFuture<First> result = new CompletableFuture<>();

    /**
     * Reads, on the calling thread, what a new dashboard on {@code context} with {@code settings}
     * shows first. A failure is not reported here: the model then reads for itself, and reports it.
     */
    public void run(AppContext context, DashboardSettings settings) {
      try {
        result.complete(
            First.read(
                context.store(),
                context.rules(),
                context.clock(),
                Request.initial(settings),
                () -> false));
      } finally {
        abandon(); // after any failure the model reads for itself, never waits
      }
    }

    /**
     * There will be no read (the store did not open): a model waiting on it reads itself. No effect
     * once the read ended.
     */
    public void abandon() {
      result.completeExceptionally(new CancellationException("No early read"));
    }

    /**
     * The values read, waiting for them, if they were read from {@code store} for {@code request}.
     */
    private Optional<First> take(SampleStore store, Request request) {
      try {
        First first = result.join();
        return first.store() == store && first.request().equals(request)
            ? Optional.of(first)
            : Optional.empty();
      } catch (CompletionException | CancellationException failed) {
        return Optional.empty();
      }
    }
  }

  /** What a new dashboard with {@code settings} shows first, as the start reads it (tests). */
  static DashboardData firstValues(
      SampleStore store, RulesService rules, Clock clock, DashboardSettings settings) {
    return First.read(store, rules, clock, Request.initial(settings), () -> false).data();
  }

  /** The first and the latest day with data (never after today); null when there is none. */
  public static DayRange extent(SampleStore store, LocalDate today) {
    return extent(store.sources(), store.dayBoundaries(), today);
  }

  private static DayRange extent(List<SourceSummary> sources, DayBoundaries days, LocalDate today) {
    DataSpan span = DataSpan.of(sources);
    if (span == null) {
      return null;
    }
    LocalDate to = days.dayOf(span.last().atOffset(ZoneOffset.UTC));
    to = to.isAfter(today) ? today : to;
    LocalDate from = days.dayOf(span.first().atOffset(ZoneOffset.UTC));
    return new DayRange(from.isAfter(to) ? to : from, to);
  }

  /** Opens {@code metric} in the detail view on {@code day} (null: its latest day with data). */
  public void showDetail(MetricType metric, LocalDate day) {
    context.showDetail(metric, day);
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
    LocalDate from = chartRange().from();
    LocalDate to = chartRange().to();
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

  private void show(DashboardData loaded) {
    data.set(loaded);
    if (loaded.extent() == null) {
      boolean more = reads.isRunning();
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
    DayRange extent = loaded.extent();
    LocalDate latest = loaded.latest();
    LocalDate endDay = end.get() == null || end.get().isAfter(latest) ? latest : end.get();
    DayRange shown =
        period.get().range(endDay, extent == null ? endDay : extent.from(), custom.get());
    range.set(shown);
    describeRange();
    atEarliest.set(
        period.get() == Period.ALL || extent == null || !shown.from().isAfter(extent.from()));
    atLatest.set(!shown.to().isBefore(latest));
    if (!loaded.covers(shown) && loaded.extent() != null) {
      reload(); // the values below are what is loaded until the read ends
    }
    summaries.setAll(
        loaded.metrics().stream().map(m -> loaded.summary(m, period.get(), shown)).toList());
    if (extent != null && state.get() == State.READY) {
      boolean any = summaries.stream().anyMatch(MetricSummary::hasValue);
      message.set(
          any
              ? ""
              : "No data from "
                  + format.get().days(shown.from(), shown.to())
                  + ". Your data runs from "
                  + format.get().days(extent.from(), extent.to())
                  + ".");
    }
    presentChart();
  }

  private void presentChart() {
    MetricType metric = chartMetric.get();
    if (metric == null) {
      chartDays.set(List.of());
      return;
    }
    DayRange span = chartRange();
    chartDays.set(data.get().days(metric).stream().filter(d -> span.contains(d.day())).toList());
  }
}
