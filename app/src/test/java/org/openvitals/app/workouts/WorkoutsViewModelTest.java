package org.openvitals.app.workouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.workouts.WorkoutFixture.DAY;
import static org.openvitals.app.workouts.WorkoutFixture.STRAVA;
import static org.openvitals.app.workouts.WorkoutFixture.WATCH;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.workouts.Polyline;

class WorkoutsViewModelTest {
  @TempDir Path dir;
  AppContext context;
  WorkoutsViewModel model;

  @BeforeEach
  void open() {
    WorkoutFixture.seed(dir);
    context =
        new AppContext(
            StoreConfig.sqlite(dir), WorkoutFixture.aYearLater(), TaskExecutor.immediate());
    model = new WorkoutsViewModel(context);
    model.reload();
  }

  @AfterEach
  void close() {
    model.dispose();
    context.close();
  }

  @Test
  void theRunRecordedTwiceIsOneRowWithBothSourcesNewestFirst() {
    assertThat(model.toProperty().get()).isEqualTo(DAY);
    assertThat(model.rows()).hasSize(2);
    WorkoutRow run = model.rows().getFirst();
    assertThat(run.workout().sources()).containsExactly(WATCH, STRAVA);
    assertThat(run.workout().distanceMeters()).isEqualTo(8400.0);
    assertThat(run.workout().energyKcal()).isEqualTo(512.0);
    // Heart rate from the readings stored during the run, not Strava's own figures.
    assertThat(run.averageHeartRate()).isEqualTo(WorkoutFixture.AVERAGE_HR);
    assertThat(run.maxHeartRate()).isEqualTo(WorkoutFixture.MAX_HR);
    WorkoutRow ride = model.rows().get(1);
    assertThat(ride.workout().activityName()).isEqualTo("Cycling");
    assertThat(ride.averageHeartRate()).isNull();
  }

  @Test
  void theSelectedRunHasItsHeartRateCurveAndRoute() {
    assertThat(model.selectedProperty().get()).isEqualTo(model.rows().getFirst());
    WorkoutDetail detail = model.detailProperty().get();
    assertThat(detail.heartRate()).hasSize(46);
    assertThat(detail.route())
        .containsExactly(
            new Polyline.Point(38.5, -120.2),
            new Polyline.Point(40.7, -120.95),
            new Polyline.Point(43.252, -126.453));
    assertThat(detail.routeNote()).isNull();

    model.selectedProperty().set(model.rows().get(1));
    assertThat(model.detailProperty().get().heartRate()).isEmpty();
    assertThat(model.detailProperty().get().routeNote()).startsWith("No route stored");
  }

  @Test
  void runsReadAsPaceAndRidesAsSpeedInEitherUnitSystem() {
    var run = model.rows().get(0).workout();
    var ride = model.rows().get(1).workout();
    DisplayFormat metric = new DisplayFormat(UnitSystem.METRIC);
    DisplayFormat imperial = new DisplayFormat(UnitSystem.IMPERIAL);
    // 8.4 km in 45 min: 5:21 per km; 24 km in an hour.
    assertThat(WorkoutsViewModel.paceOrSpeed(run, metric)).isEqualTo("5:21 /km");
    assertThat(WorkoutsViewModel.paceOrSpeed(run, imperial)).isEqualTo("8:37 /mi");
    assertThat(WorkoutsViewModel.paceOrSpeed(ride, metric))
        .isEqualTo(metric.decimal(24, 1) + " km/h");
    assertThat(WorkoutsViewModel.paceOrSpeed(ride, imperial))
        .isEqualTo(imperial.decimal(24 / 1.609344, 1) + " mph");
  }

  @Test
  void earlierIsRefusedWhenTheDaysShownHoldTheFirstWorkout() {
    assertThat(model.atEarliestProperty().get()).isTrue();
    assertThat(model.atLatestProperty().get()).isTrue();
    model.earlier();
    assertThat(model.toProperty().get()).isEqualTo(DAY);
    assertThat(model.rows()).hasSize(2);
  }

  @Test
  void aStoreWithoutWorkoutsSaysSo(@TempDir Path empty) {
    try (var none =
        new AppContext(
            StoreConfig.sqlite(empty), WorkoutFixture.aYearLater(), TaskExecutor.immediate())) {
      var page = new WorkoutsViewModel(none);
      page.reload();
      assertThat(page.rows()).isEmpty();
      assertThat(page.messageProperty().get()).startsWith("No workouts from ");
      assertThat(page.detailProperty().get()).isNull();
      assertThat(page.atEarliestProperty().get()).isTrue();
      page.dispose();
    }
  }
}
