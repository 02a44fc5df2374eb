package org.openvitals.app.sleep;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.common.DataSpan;
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
  private final ReadOnlyObjectWrapper<LocalDate> from = new ReadOnlyObjectWrapper<>(this, "from");
  private final ReadOnlyObjectWrapper<LocalDate> to = new ReadOnlyObjectWrapper<>(this, "to");
  private final ReadOnlyStringWrapper period = new ReadOnlyStringWrapper(this, "period", "");
  private final ReadOnlyBooleanWrapper atLatest =
      new ReadOnlyBooleanWrapper(this, "atLatest", true);
  private final ObjectProperty<SleepDay> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final Subscription shared;
  private LocalDate latest;
  private LocalDate chosenEnd;

  /** What one load read: the span, the latest night in the store, and the nights in the span. */
  private record Loaded(LocalDate latest, LocalDate from, LocalDate to, List<SleepDay> nights) {}

  public SleepViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.loads = work.lane();
    this.shared =
        Subscription.combine(
            context.dataVersionProperty().subscribe((before, now) -> reload()),
            context.storeProperty().subscribe((before, now) -> chosenEnd = null));
  }

  /** Reads the span again (the latest weeks with sleep unless the person stepped elsewhere). */
  public BackgroundTask<?> reload() {
    SampleStore store = context.store();
    RulesService rules = context.rules();
    LocalDate end = chosenEnd;
    LocalDate today = LocalDate.now(context.clock());
    return loads
        .task(progress -> {
          LocalDate last = latestNight(store, today);
          LocalDate spanEnd = end != null ? end : last;
          LocalDate spanStart = spanEnd.minusWeeks(WEEKS).plusDays(1);
          var ctx = rules.context();
          var samples =
              RulesService.inputSamples(
                  store, MetricType.SLEEP_ASLEEP, spanStart, spanEnd, ctx.days());
          return new Loaded(last, spanStart, spanEnd, Nights.of(samples, ctx, spanStart, spanEnd));
        })
        .onSuccess(this::show)
        .onFailure("Could not read your sleep", message::set)
        .start();
  }

  private void show(Loaded loaded) {
    latest = loaded.latest();
    from.set(loaded.from());
    to.set(loaded.to());
    period.set(format().days(loaded.from(), loaded.to()));
    atLatest.set(chosenEnd == null);
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
                + format().days(loaded.from(), loaded.to())
                + ". Import a file with sleep (Apple Health, Fitbit) or connect Oura or WHOOP."
            : "");
  }

  /**
   * The latest day a night ends on, from the daily rollups of the sleep stages (today when the
   * store has no sleep).
   */
  static LocalDate latestNight(SampleStore store, LocalDate today) {
    LocalDate found =
        DataSpan.latestRollupDay(
            store, org.openvitals.core.rules.Rules.inputsOf(MetricType.SLEEP_ASLEEP));
    if (found == null) {
      return today;
    }
    // Rollups file a record by the day it starts; a night belongs to the day it ends.
    var days = store.dayBoundaries();
    LocalDate wake = found;
    for (MetricType m : org.openvitals.core.rules.Rules.inputsOf(MetricType.SLEEP_ASLEEP)) {
      for (var s : store.samples(m, days.startOf(found), days.startOf(found.plusDays(1)))) {
        LocalDate ends = days.dayOf(s.end());
        if (ends.isAfter(wake)) {
          wake = ends;
        }
      }
    }
    return wake;
  }

  /** The {@value #WEEKS} weeks before the ones shown. */
  public void earlier() {
    step(-WEEKS);
  }

  /** The {@value #WEEKS} weeks after the ones shown, never past the latest night. */
  public void later() {
    step(WEEKS);
  }

  /** Back to the weeks ending on the latest night. */
  public void latest() {
    chosenEnd = null;
    reload();
  }

  private void step(int weeks) {
    if (to.get() == null) {
      return;
    }
    LocalDate end = to.get().plusWeeks(weeks);
    chosenEnd = latest != null && !end.isBefore(latest) ? null : end;
    reload();
  }

  /** Whether the weeks shown end on the latest night (no later ones). */
  public ReadOnlyBooleanProperty atLatestProperty() {
    return atLatest.getReadOnlyProperty();
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
    return from.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<LocalDate> toProperty() {
    return to.getReadOnlyProperty();
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
