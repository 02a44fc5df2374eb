package org.openvitals.app.detail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.dashboard.DashboardData;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.openvitals.app.dashboard.DayRange;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.time.DayBoundaries;

/**
 * One metric over a day, week, month, year or all of its history, with previous/next, the exact
 * value under the pointer or keyboard focus, and the stored samples of the shown span with a way to
 * delete one. Reads run off the FX thread through {@link BackgroundWork}; knows no controls.
 */
public final class DetailViewModel implements Disposable {

  /** "Show all data" lists at most this many samples; a shorter span shows the rest. */
  static final int SAMPLES_SHOWN = 5_000;

  private final AppContext context;
  private final BackgroundWork work;
  private final BackgroundWork.Lane reads;
  private final BackgroundWork.Lane sampleReads;
  private final ObjectProperty<MetricType> metric =
      new SimpleObjectProperty<>(this, "metric", MetricType.STEPS);
  private final ObjectProperty<Span> span = new SimpleObjectProperty<>(this, "span", Span.DAY);
  private final ReadOnlyObjectWrapper<LocalDate> anchor =
      new ReadOnlyObjectWrapper<>(this, "anchor");
  private final ReadOnlyObjectWrapper<DetailData> data = new ReadOnlyObjectWrapper<>(this, "data");
  private final ReadOnlyObjectWrapper<DisplayFormat> format =
      new ReadOnlyObjectWrapper<>(this, "format");
  private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
  private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
  private final ReadOnlyStringWrapper periodText = new ReadOnlyStringWrapper(this, "period", "");
  private final ReadOnlyBooleanWrapper atEarliest =
      new ReadOnlyBooleanWrapper(this, "atEarliest", true);
  private final ReadOnlyBooleanWrapper atLatest =
      new ReadOnlyBooleanWrapper(this, "atLatest", true);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ObservableList<Sample> samples = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper samplesNote = new ReadOnlyStringWrapper(this, "samples", "");
  private final Subscription shared;
  private DayRange extent;
  private ZoneId zone = ZoneId.systemDefault();
  private boolean showingSamples;

  public DetailViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.reads = work.lane();
    this.sampleReads = work.lane();
    metric.addListener((p, before, now) -> reload());
    span.addListener((p, before, now) -> reload());
    selected.addListener((p, before, now) -> describeSelected());
    showFormat();
    this.shared =
        Subscription.combine(
            context.unitSystemProperty().subscribe((before, now) -> showFormat()),
            context
                .storeProperty()
                .subscribe((before, now) -> {
                  showFormat();
                  anchor.set(null); // another store: its latest day
                  reload();
                }),
            context.dataVersionProperty().subscribe((before, now) -> reload()));
  }

  /** Times in the zone the store cuts days in, so an hour's bar and its label agree. */
  private void showFormat() {
    format.set(
        new DisplayFormat(
            context.unitSystemProperty().get(),
            context.current().colours(),
            Locale.getDefault(Locale.Category.FORMAT),
            zone));
    describeSelected();
  }

  /** The metrics a person can choose: the dashboard's. */
  public List<MetricType> metrics() {
    return DashboardData.METRICS.stream()
        .filter(DetailData::charts)
        .filter(m -> m != MetricType.BLOOD_PRESSURE_DIASTOLIC) // shown with systolic, as 120/80
        .toList();
  }

  /** Shows {@code metric} on {@code day} (null: its latest day with data). */
  public void open(MetricType metric, LocalDate day) {
    anchor.set(day);
    if (metric == MetricType.BLOOD_PRESSURE_DIASTOLIC) {
      metric = MetricType.BLOOD_PRESSURE_SYSTOLIC;
    }
    if (this.metric.get() == metric) {
      reload();
    } else {
      this.metric.set(metric);
    }
  }

  /** The span before the shown one, unless it starts on the first day with data. */
  public void previous() {
    if (!atEarliest.get()) {
      move(-1);
    }
  }

  /** The span after the shown one, unless it reaches the latest day with data. */
  public void next() {
    if (!atLatest.get()) {
      move(1);
    }
  }

  /** Goes to the latest day with data. */
  public void latest() {
    anchor.set(null);
    reload();
  }

  private void move(int direction) {
    if (anchor.get() != null && span.get() != Span.ALL) {
      anchor.set(span.get().step(anchor.get(), direction));
      reload();
    }
  }

  /** Reads the shown metric and span again, off the FX thread. */
  public void reload() {
    MetricType m = metric.get();
    Span s = span.get();
    LocalDate wanted = anchor.get();
    var rules = context.rules();
    SampleStore store = context.store();
    message.set("Reading...");
    reads
        .task(progress -> {
          LocalDate today = store.dayBoundaries().dayOf(OffsetDateTime.now(context.clock()));
          DayRange known = metricExtent(store, m, DashboardViewModel.extent(store, today));
          LocalDate day = wanted != null ? wanted : known == null ? today : known.to();
          LocalDate first = known == null ? day : known.from();
          LocalDate last = known == null ? day : known.to();
          LocalDate[] days = s.days(day, first, last);
          DetailData loaded =
              DetailData.load(store, rules, m, s, days[0], days[1], progress::isCancelled);
          ZoneId dayZone =
              store.dayBoundaries() instanceof DayBoundaries.FixedZone fixed
                  ? fixed.zone()
                  : ZoneId.systemDefault();
          return new Loaded(loaded, day, known, dayZone);
        })
        .onSuccess(this::show)
        .onFailure("Could not read " + m.displayName(), message::set)
        .start();
  }

  /**
   * The first and latest day {@code metric} has data within the store's {@code extent}, from its
   * rollups; the store's extent when it has none.
   */
  private static DayRange metricExtent(SampleStore store, MetricType metric, DayRange extent) {
    if (extent == null) {
      return null;
    }
    List<DailyRollup> days = store.daily(metric, extent.from(), extent.to());
    return days.isEmpty() ? extent : new DayRange(days.getFirst().day(), days.getLast().day());
  }

  private record Loaded(DetailData data, LocalDate anchor, DayRange extent, ZoneId zone) {}

  private void show(Loaded loaded) {
    extent = loaded.extent();
    if (!loaded.zone().equals(zone)) {
      zone = loaded.zone();
      showFormat();
    }
    anchor.set(loaded.anchor());
    data.set(loaded.data());
    DetailData d = loaded.data();
    // Stepping stops at the metric's data: past it every span is empty.
    atEarliest.set(d.span() == Span.ALL || extent == null || !d.from().isAfter(extent.from()));
    atLatest.set(d.span() == Span.ALL || extent == null || !d.to().isBefore(extent.to()));
    periodText.set(
        d.span() == Span.DAY
            ? format.get().dayWithWeekday(d.from())
            : format.get().days(d.from(), d.to()));
    String where =
        switch (d.span()) {
          case DAY -> " on this day";
          case ALL -> " in this store";
          default -> " in this " + d.span().title().toLowerCase(Locale.ROOT);
        };
    message.set(
        d.isEmpty() ? "No " + DetailData.name(d.metric()).toLowerCase(Locale.ROOT) + where : "");
    selected.set(-1);
    selected.set(d.isEmpty() ? -1 : lastWithValue(d));
    if (showingSamples) {
      showAllData();
    }
  }

  /** The latest mark with a value: what a person looks at first. */
  private static int lastWithValue(DetailData d) {
    for (int i = d.points().size() - 1; i >= 0; i--) {
      if (d.points().get(i).value() != 0) {
        return i;
      }
    }
    return d.points().size() - 1;
  }

  private void describeSelected() {
    DetailData d = data.get();
    int i = selected.get();
    if (d == null || i < 0 || i >= d.points().size() || format.get() == null) {
      readout.set("");
      return;
    }
    readout.set(describe(d, d.points().get(i), format.get()));
  }

  /** One mark in words: when, the exact value with its unit, and its source. */
  static String describe(DetailData d, DetailPoint p, DisplayFormat f) {
    MetricType m = d.metric();
    ZoneId zone = f.zone();
    String when;
    if (d.span() == Span.DAY && d.bars()) {
      when = f.dateTime(p.from()) + " to " + f.time(p.to());
    } else if (d.span() == Span.DAY) {
      when = f.dateTime(p.from());
    } else if (d.weekly()) {
      when = "Week of " + f.day(p.from().atZone(zone).toLocalDate());
    } else {
      when = f.dayWithWeekday(p.from().atZone(zone).toLocalDate());
    }
    String value;
    if (p.paired()) {
      value =
          f.number(m, p.value())
              + "/"
              + f.number(MetricType.BLOOD_PRESSURE_DIASTOLIC, p.low())
              + " "
              + f.unit(m, p.value());
    } else if (m == MetricType.BLOOD_PRESSURE_SYSTOLIC) {
      value = f.full(m, p.value()) + " systolic";
    } else {
      value = f.full(m, p.value());
    }
    String from = p.source() == null ? "" : ", from " + f.source(p.source());
    return when + ": " + value + from;
  }

  /** Lists the stored samples of the shown span (at most {@link #SAMPLES_SHOWN}). */
  public void showAllData() {
    DetailData d = data.get();
    if (d == null) {
      return;
    }
    showingSamples = true;
    SampleStore store = context.store();
    samplesNote.set("Reading...");
    sampleReads
        .task(progress ->
            DetailData.samples(store, d.metric(), d.start(), d.end(), SAMPLES_SHOWN + 1))
        .onSuccess(list -> {
          boolean more = list.size() > SAMPLES_SHOWN;
          List<Sample> shown = more ? list.subList(0, SAMPLES_SHOWN) : list;
          samples.setAll(shown);
          DisplayFormat f = format.get();
          samplesNote.set(
              list.isEmpty()
                  ? "No samples stored in this span"
                  : more
                      ? "The first "
                          + f.count(SAMPLES_SHOWN, "samples")
                          + "; choose a shorter span to see the rest"
                      : f.count(shown.size(), shown.size() == 1 ? "sample" : "samples")
                          + " stored in this span");
        })
        .onFailure("Could not read the samples", samplesNote::set)
        .start();
  }

  /** Hides the list of samples. */
  public void hideAllData() {
    showingSamples = false;
    samples.clear();
    samplesNote.set("");
  }

  /**
   * Deletes one sample for good: the store keeps its key as a tombstone, so importing the same file
   * again does not bring it back. A systolic reading takes its diastolic half along.
   */
  public void delete(Sample sample, Consumer<Integer> onDeleted) {
    SampleStore store = context.store();
    work.task(
            progress -> {
              List<Sample> gone = new ArrayList<>(List.of(sample));
              if (sample.type() == MetricType.BLOOD_PRESSURE_SYSTOLIC) {
                for (Sample d :
                    store.samples(
                        MetricType.BLOOD_PRESSURE_DIASTOLIC,
                        sample.start().toInstant(),
                        sample.start().toInstant().plusMillis(1))) {
                  if (d.source().equals(sample.source())) {
                    gone.add(d);
                  }
                }
              }
              return store.tombstone(gone);
            })
        .onSuccess(n -> {
          samples.remove(sample);
          context.dataChanged(); // rollups changed: every screen showing data reloads
          onDeleted.accept(n);
        })
        .onFailure("Could not delete the sample", samplesNote::set)
        .start();
  }

  public ObjectProperty<MetricType> metricProperty() {
    return metric;
  }

  public ObjectProperty<Span> spanProperty() {
    return span;
  }

  public ReadOnlyObjectProperty<LocalDate> anchorProperty() {
    return anchor.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<DetailData> dataProperty() {
    return data.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<DisplayFormat> formatProperty() {
    return format.getReadOnlyProperty();
  }

  /** The mark under the pointer or keyboard focus, -1 for none. */
  public IntegerProperty selectedProperty() {
    return selected;
  }

  /** The selected mark's time, exact value with unit, and source. */
  public ReadOnlyStringProperty readoutProperty() {
    return readout.getReadOnlyProperty();
  }

  /** The shown span's dates. */
  public ReadOnlyStringProperty periodProperty() {
    return periodText.getReadOnlyProperty();
  }

  /** "Reading...", nothing to show, or what failed; empty when the chart shows data. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The stored samples listed by {@link #showAllData()}. */
  public ObservableList<Sample> samples() {
    return samples;
  }

  /** Whether the shown span starts on or before the metric's first day with data. */
  public ReadOnlyBooleanProperty atEarliestProperty() {
    return atEarliest.getReadOnlyProperty();
  }

  /** Whether the shown span reaches the metric's latest day with data: no Next. */
  public ReadOnlyBooleanProperty atLatestProperty() {
    return atLatest.getReadOnlyProperty();
  }

  /** Whether the span is being read. */
  public ReadOnlyBooleanProperty loadingProperty() {
    return reads.runningProperty();
  }

  public ReadOnlyStringProperty samplesNoteProperty() {
    return samplesNote.getReadOnlyProperty();
  }

  /** The first and latest day with data, once read; null before or when the store is empty. */
  DayRange extent() {
    return extent;
  }

  @Override
  public void dispose() {
    shared.unsubscribe();
    work.dispose();
  }
}
