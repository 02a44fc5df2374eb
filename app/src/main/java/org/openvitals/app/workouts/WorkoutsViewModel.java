package org.openvitals.app.workouts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.workouts.Polyline;
import org.openvitals.core.workouts.Workout;
import org.openvitals.core.workouts.Workouts;

/**
 * The workouts page's state: the workouts of {@value #DAYS} days ending on the latest one (or where
 * the person stepped to), one row per workout whatever sources recorded it, and the selected
 * workout's heart-rate curve and route. Reads run off the FX thread; call every method on it.
 */
public final class WorkoutsViewModel implements Disposable {
  /** How many days of workouts the list shows at once. */
  public static final int DAYS = 90;

  private final AppContext context;
  private final BackgroundWork work;
  private final BackgroundWork.Lane loads;
  private final BackgroundWork.Lane details;
  private final ObservableList<WorkoutRow> rows = FXCollections.observableArrayList();
  private final ObservableList<WorkoutRow> readOnlyRows =
      FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyObjectWrapper<LocalDate> from = new ReadOnlyObjectWrapper<>(this, "from");
  private final ReadOnlyObjectWrapper<LocalDate> to = new ReadOnlyObjectWrapper<>(this, "to");
  private final ReadOnlyStringWrapper period = new ReadOnlyStringWrapper(this, "period", "");
  private final ReadOnlyBooleanWrapper atLatest =
      new ReadOnlyBooleanWrapper(this, "atLatest", true);
  private final ObjectProperty<WorkoutRow> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyObjectWrapper<WorkoutDetail> detail =
      new ReadOnlyObjectWrapper<>(this, "detail");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final Subscription shared;
  private LocalDate latest;
  private LocalDate chosenEnd;

  private record Loaded(LocalDate latest, LocalDate from, LocalDate to, List<WorkoutRow> rows) {}

  public WorkoutsViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.loads = work.lane();
    this.details = work.lane();
    selected.addListener((p, before, now) -> loadDetail(now));
    this.shared =
        Subscription.combine(
            context.dataVersionProperty().subscribe((before, now) -> reload()),
            context.storeProperty().subscribe((before, now) -> chosenEnd = null));
  }

  /** Reads the span's workouts again, with the heart rate stored during each. */
  public BackgroundTask<?> reload() {
    SampleStore store = context.store();
    RulesService rules = context.rules();
    LocalDate end = chosenEnd;
    LocalDate today = LocalDate.now(context.clock());
    return loads
        .task(progress -> {
          LocalDate last = latestWorkout(store, today);
          LocalDate spanEnd = end != null ? end : last;
          LocalDate spanStart = spanEnd.minusDays(DAYS - 1L);
          var ctx = rules.context();
          var samples =
              RulesService.inputSamples(store, MetricType.WORKOUT, spanStart, spanEnd, ctx.days());
          List<WorkoutRow> found = new ArrayList<>();
          for (Workout w : Workouts.of(samples, ctx, spanStart, spanEnd)) {
            if (progress.isCancelled()) {
              break; // a newer load replaces this one; its result is dropped
            }
            found.add(row(w, heartRate(store, w)));
          }
          return new Loaded(last, spanStart, spanEnd, found);
        })
        .onSuccess(this::show)
        .onFailure("Could not read your workouts", message::set)
        .start();
  }

  private static List<Sample> heartRate(SampleStore store, Workout w) {
    return Workouts.heartRate(
        w,
        store.samples(
            MetricType.HEART_RATE,
            w.primary().start().toInstant(),
            w.primary().end().toInstant().plusMillis(1)));
  }

  private static WorkoutRow row(Workout w, List<Sample> readings) {
    var hr = Workouts.summary(readings);
    return hr != null
        ? new WorkoutRow(w, hr.average(), hr.max())
        : new WorkoutRow(w, w.averageHeartRate(), w.maxHeartRate());
  }

  private void show(Loaded loaded) {
    latest = loaded.latest();
    from.set(loaded.from());
    to.set(loaded.to());
    period.set(format().days(loaded.from(), loaded.to()));
    atLatest.set(chosenEnd == null);
    WorkoutRow keep = selected.get();
    rows.setAll(loaded.rows());
    selected.set(
        loaded.rows().stream()
            .filter(r ->
                keep != null && Objects.equals(r.workout().primary(), keep.workout().primary()))
            .findFirst()
            .orElse(loaded.rows().isEmpty() ? null : loaded.rows().getFirst()));
    message.set(
        loaded.rows().isEmpty()
            ? "No workouts from "
                + format().days(loaded.from(), loaded.to())
                + ". Import an Apple Health export or connect Strava, Oura or WHOOP."
            : "");
  }

  private void loadDetail(WorkoutRow row) {
    if (row == null) {
      details.cancel();
      detail.set(null);
      return;
    }
    SampleStore store = context.store();
    details
        .task(progress -> {
          List<Polyline.Point> route = List.of();
          String note = null;
          String encoded = row.workout().routePolyline();
          if (encoded == null) {
            note =
                "No route stored for this workout. Strava's routes are kept; an Apple Health"
                    + " export's route is kept as its distance and climb only.";
          } else {
            try {
              route = Polyline.decode(encoded);
            } catch (IllegalArgumentException e) {
              note = "The stored route cannot be read: " + e.getMessage();
            }
          }
          return new WorkoutDetail(row, heartRate(store, row.workout()), route, note);
        })
        .onSuccess(detail::set)
        .onFailure("Could not read the workout", message::set)
        .start();
  }

  /** The latest day a workout starts on (today when the store has none). */
  static LocalDate latestWorkout(SampleStore store, LocalDate today) {
    LocalDate found = DataSpan.latestRollupDay(store, List.of(MetricType.WORKOUT));
    return found == null ? today : found;
  }

  /** The {@value #DAYS} days before the ones shown. */
  public void earlier() {
    step(-DAYS);
  }

  /** The {@value #DAYS} days after the ones shown, never past the latest workout. */
  public void later() {
    step(DAYS);
  }

  /** Back to the days ending on the latest workout. */
  public void latest() {
    chosenEnd = null;
    reload();
  }

  private void step(int days) {
    if (to.get() == null) {
      return;
    }
    LocalDate end = to.get().plusDays(days);
    chosenEnd = latest != null && !end.isBefore(latest) ? null : end;
    reload();
  }

  /** Whether the days shown end on the latest workout. */
  public ReadOnlyBooleanProperty atLatestProperty() {
    return atLatest.getReadOnlyProperty();
  }

  /** The days shown, in words ("Nov 3 – Nov 30, 2026"). */
  public ReadOnlyStringProperty periodProperty() {
    return period.getReadOnlyProperty();
  }

  /** Pace ("5:21 /km") for runs, walks and hikes, speed ("24.3 km/h") otherwise; "" without. */
  public static String paceOrSpeed(Workout w, DisplayFormat format) {
    Double mps = w.speedMetersPerSecond();
    if (mps == null) {
      return "";
    }
    boolean imperial = format.system() == UnitSystem.IMPERIAL;
    double unitMeters = imperial ? 1609.344 : 1000;
    if (w.paced()) {
      long seconds = Math.round(unitMeters / mps);
      return String.format(
          Locale.ROOT, "%d:%02d /%s", seconds / 60, seconds % 60, imperial ? "mi" : "km");
    }
    return format.decimal(mps * 3600 / unitMeters, 1) + (imperial ? " mph" : " km/h");
  }

  public ObservableList<WorkoutRow> rows() {
    return readOnlyRows;
  }

  public ObjectProperty<WorkoutRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<WorkoutDetail> detailProperty() {
    return detail.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<LocalDate> fromProperty() {
    return from.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<LocalDate> toProperty() {
    return to.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loads.runningProperty();
  }

  /** Values, times and source names as on every screen. */
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
