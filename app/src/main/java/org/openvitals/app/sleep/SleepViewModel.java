package org.openvitals.app.sleep;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.common.DataSpan;
import org.openvitals.app.common.SteppedPeriod;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.sleep.Nights;
import org.openvitals.core.sleep.SleepDay;
import org.openvitals.core.store.SampleStore;

/**
 * The sleep page's state: a span of weeks ending on the latest night with data (or one the person
 * stepped to), each night in it as the sleep rule chose it, and the night selected for its
 * hypnogram. Nights are read off the FX thread; call every method on the FX thread.
 */
public final class SleepViewModel implements Disposable {
  /** How many weeks of nights the bars show at once. */
  public static final int WEEKS = 4;

  private final AppContext context;
  private final BackgroundWork work;
  private final BackgroundWork.Lane loads;
  private final ObservableList<SleepDay> nights = FXCollections.observableArrayList();
  private final ObservableList<SleepDay> readOnlyNights =
      FXCollections.unmodifiableObservableList(nights);
  private final SteppedPeriod weeks = new SteppedPeriod(WEEKS * 7);
  private final ReadOnlyStringWrapper period = new ReadOnlyStringWrapper(this, "period", "");
  private final ObjectProperty<SleepDay> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final Subscription shared;

  /** What one load read: the weeks and the nights in them. */
  private record Loaded(SteppedPeriod.Span span, List<SleepDay> nights) {}

  public SleepViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.loads = work.lane();
    this.shared =
        Subscription.combine(
            context.dataVersionProperty().subscribe((before, now) -> reload()),
            context.storeProperty().subscribe((before, now) -> weeks.reset()));
  }

  /** Reads the span again (the latest weeks with sleep unless the person stepped elsewhere). */
  public BackgroundTask<?> reload() {
    SampleStore store = context.store();
    RulesService rules = context.rules();
    SteppedPeriod.Request request = weeks.request();
    LocalDate today = LocalDate.now(context.clock());
    return loads
        .task(progress -> {
          SteppedPeriod.Span span = request.span(nightDays(store), today);
          var ctx = rules.context();
          var samples =
              RulesService.inputSamples(
                  store, MetricType.SLEEP_ASLEEP, span.from(), span.to(), ctx.days());
          return new Loaded(span, Nights.of(samples, ctx, span.from(), span.to()));
        })
        .onSuccess(this::show)
        .onFailure("Could not read your sleep", message::set)
        .start();
  }

  private void show(Loaded loaded) {
    SteppedPeriod.Span span = loaded.span();
    weeks.show(span);
    period.set(format().days(span.from(), span.to()));
    LocalDate keep = selected.get() == null ? null : selected.get().day();
    nights.setAll(loaded.nights());
    selected.set(
        loaded.nights().stream()
            .filter(d -> Objects.equals(d.day(), keep))
            .findFirst()
            .orElse(loaded.nights().isEmpty() ? null : loaded.nights().getLast()));
    message.set(
        loaded.nights().isEmpty()
            ? "No sleep recorded from "
                + format().days(span.from(), span.to())
                + ". Import a file with sleep (Apple Health, Fitbit) or connect Oura or WHOOP."
            : "");
  }

  /**
   * The first day with sleep and the latest day a night ends on, from the daily rollups of the
   * sleep stages; null when the store has no sleep.
   */
  static DataSpan.Days nightDays(SampleStore store) {
    DataSpan.Days found =
        DataSpan.rollupDays(
            store, org.openvitals.core.rules.Rules.inputsOf(MetricType.SLEEP_ASLEEP));
    if (found == null) {
      return null;
    }
    // Rollups file a record by the day it starts; a night belongs to the day it ends.
    var days = store.dayBoundaries();
    LocalDate last = found.last();
    LocalDate wake = last;
    for (MetricType m : org.openvitals.core.rules.Rules.inputsOf(MetricType.SLEEP_ASLEEP)) {
      for (var s : store.samples(m, days.startOf(last), days.startOf(last.plusDays(1)))) {
        LocalDate ends = days.dayOf(s.end());
        if (ends.isAfter(wake)) {
          wake = ends;
        }
      }
    }
    return new DataSpan.Days(found.first(), wake);
  }

  /** The {@value #WEEKS} weeks before the ones shown, never before the first night. */
  public void earlier() {
    if (weeks.earlier()) {
      reload();
    }
  }

  /** The {@value #WEEKS} weeks after the ones shown, never past the latest night. */
  public void later() {
    if (weeks.later()) {
      reload();
    }
  }

  /** Back to the weeks ending on the latest night. */
  public void latest() {
    if (weeks.latest()) {
      reload();
    }
  }

  /** Whether the weeks shown start on or before the first night (no earlier ones). */
  public ReadOnlyBooleanProperty atEarliestProperty() {
    return weeks.atEarliestProperty();
  }

  /** Whether the weeks shown end on the latest night (no later ones). */
  public ReadOnlyBooleanProperty atLatestProperty() {
    return weeks.atLatestProperty();
  }

  /** The days shown, in words ("Nov 3 – Nov 30, 2026"). */
  public ReadOnlyStringProperty periodProperty() {
    return period.getReadOnlyProperty();
  }

  /** Selects the night of {@code day}, if there is one. */
  public void select(LocalDate day) {
    nights.stream().filter(d -> d.day().equals(day)).findFirst().ifPresent(selected::set);
  }

  public ObservableList<SleepDay> nights() {
    return readOnlyNights;
  }

  public ObjectProperty<SleepDay> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<LocalDate> fromProperty() {
    return weeks.fromProperty();
  }

  public ReadOnlyObjectProperty<LocalDate> toProperty() {
    return weeks.toProperty();
  }

  /** Why nothing shows (no sleep in the span, a failed read), else empty. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Whether a read is under way. */
  public ReadOnlyBooleanProperty loadingProperty() {
    return loads.runningProperty();
  }

  /** Durations, times and source names as on every screen, in the person's zone. */
  public DisplayFormat format() {
    return new DisplayFormat(context.unitSystemProperty().get(), colours());
  }

  public SourceColors colours() {
    return context.current().colours();
  }

  @Override
  public void dispose() {
    shared.unsubscribe();
    work.dispose();
  }
}
