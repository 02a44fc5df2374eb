package org.openvitals.app.workouts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
import org.openvitals.app.common.DataSpan;
import org.openvitals.app.common.SteppedPeriod;
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
  private final SteppedPeriod days = new SteppedPeriod(DAYS);
  private final ReadOnlyStringWrapper period = new ReadOnlyStringWrapper(this, "period", "");
  private final ObjectProperty<WorkoutRow> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyObjectWrapper<WorkoutDetail> detail =
      new ReadOnlyObjectWrapper<>(this, "detail");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final Subscription shared;

  /** What one load read: the days and one row per workout in them. */
  private record Loaded(SteppedPeriod.Span span, List<WorkoutRow> rows) {}

  public WorkoutsViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.loads = work.lane();
    this.details = work.lane();
    selected.addListener((p, before, now) -> loadDetail(now));
    this.shared =
        Subscription.combine(
            context.dataVersionProperty().subscribe((before, now) -> reload()),
            context.storeProperty().subscribe((before, now) -> days.reset()));
  }

  /** Reads the span's workouts again, with the heart rate stored during each. */
  public BackgroundTask<?> reload() {
    SampleStore store = context.store();
    RulesService rules = context.rules();
    SteppedPeriod.Request request = days.request();
    LocalDate today = LocalDate.now(context.clock());
    return loads
        .task(progress -> {
          SteppedPeriod.Span span =
              request.span(DataSpan.rollupDays(store, List.of(MetricType.WORKOUT)), today);
          var ctx = rules.context();
          var samples =
              RulesService.inputSamples(
                  store, MetricType.WORKOUT, span.from(), span.to(), ctx.days());
          List<WorkoutRow> found = new ArrayList<>();
          for (Workout w : Workouts.of(samples, ctx, span.from(), span.to())) {
            if (progress.isCancelled()) {
              break; // a newer load replaces this one; its result is dropped
            }
            found.add(row(w, heartRate(store, w)));
          }
          return new Loaded(span, found);
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
    SteppedPeriod.Span span = loaded.span();
    days.show(span);
    period.set(format().days(span.from(), span.to()));
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
                + format().days(span.from(), span.to())
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

  /** The {@value #DAYS} days before the ones shown, never before the first workout. */
  public void earlier() {
    if (days.earlier()) {
      reload();
    }
  }

  /** The {@value #DAYS} days after the ones shown, never past the latest workout. */
  public void later() {
    if (days.later()) {
      reload();
    }
  }

  /** Back to the days ending on the latest workout. */
  public void latest() {
    if (days.latest()) {
      reload();
    }
  }

  /** Whether the days shown start on or before the first workout (no earlier ones). */
  public ReadOnlyBooleanProperty atEarliestProperty() {
    return days.atEarliestProperty();
  }

  /** Whether the days shown end on the latest workout. */
  public ReadOnlyBooleanProperty atLatestProperty() {
    return days.atLatestProperty();
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
    return days.fromProperty();
  }

  public ReadOnlyObjectProperty<LocalDate> toProperty() {
    return days.toProperty();
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
