package org.openvitals.core.workouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RuleContext;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.time.DayBoundaries;

class WorkoutsTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");
  static final SourceRef STRAVA = new SourceRef("strava", "Strava");
  static final LocalDate DAY = LocalDate.of(2024, 3, 5);

  static OffsetDateTime at(int hour, int minute) {
    return LocalDateTime.of(DAY, LocalTime.of(hour, minute)).atZone(BERLIN).toOffsetDateTime();
  }

  static RuleContext ctx() {
    return RuleContext.of(
        SourcePreferences.defaults().withCategoryOrder(Category.WORKOUTS, List.of(WATCH, STRAVA)),
        new DayBoundaries.FixedZone(BERLIN));
  }

  static Sample workout(
      SourceRef source, OffsetDateTime start, int minutes, Map<String, String> meta) {
    return new Sample(
        MetricType.WORKOUT, start, start.plusMinutes(minutes), minutes, source, null, null, meta);
  }

  @Test
  void theWatchRunAndItsStravaUploadAreOneWorkoutWithBothSources() {
    List<Sample> samples =
        List.of(
            workout(WATCH, at(7, 0), 45, Map.of("activity_type", "Running", "energy_kcal", "512")),
            workout(
                STRAVA,
                at(7, 1),
                44,
                Map.of(
                    "activity_type", "Run",
                    "distance_m", "8400.0",
                    "average_heart_rate", "152.3",
                    "max_heart_rate", "178",
                    "route_polyline", "_p~iF~ps|U_ulLnnqC_mqNvxq`@")),
            workout(WATCH, at(18, 0), 30, Map.of("activity_type", "HKWorkoutActivityTypeCycling")),
            workout(STRAVA, at(18, 2), 29, Map.of("activity_type", "Ride")));

    List<Workout> out = Workouts.of(samples, ctx(), DAY, DAY);

    assertThat(out).hasSize(2);
    Workout ride = out.get(0);
    assertThat(ride.activityType()).isEqualTo("cycling");
    assertThat(ride.paced()).isFalse();
    assertThat(ride.sources()).containsExactly(WATCH, STRAVA);
    assertThat(ride.activityName()).isEqualTo("Cycling");
    assertThat(ride.speedMetersPerSecond()).isNull();
    Workout run = out.get(1);
    assertThat(run.source()).isEqualTo(WATCH);
    assertThat(run.sources()).containsExactly(WATCH, STRAVA);
    assertThat(run.durationMinutes()).isEqualTo(45.0);
    assertThat(run.energyKcal()).isEqualTo(512.0);
    // Figures the watch lacks come from Strava's record of the same run.
    assertThat(run.distanceMeters()).isEqualTo(8400.0);
    assertThat(run.averageHeartRate()).isEqualTo(152.3);
    assertThat(run.maxHeartRate()).isEqualTo(178.0);
    assertThat(run.routePolyline()).isNotNull();
    assertThat(run.paced()).isTrue();
    assertThat(run.activityType()).isEqualTo("running");
    assertThat(run.activityName()).isEqualTo("Running");
    assertThat(run.speedMetersPerSecond()).isCloseTo(8400.0 / 2700, within(1e-9));
  }

  @Test
  void heartRateComesFromTheWorkoutsOwnSourceDuringTheWorkout() {
    Workout run =
        Workouts.of(List.of(workout(WATCH, at(7, 0), 30, Map.of())), ctx(), DAY, DAY).getFirst();
    List<Sample> readings = new ArrayList<>();
    for (int m = -10; m <= 40; m += 5) {
      readings.add(
          Sample.of(
              MetricType.HEART_RATE,
              at(7, 0).plusMinutes(m),
              at(7, 0).plusMinutes(m),
              100 + m,
              WATCH));
    }
    // Another source's readings at the same time are left out, not interleaved.
    readings.add(Sample.of(MetricType.HEART_RATE, at(7, 12), at(7, 12), 190, STRAVA));

    List<Sample> curve = Workouts.heartRate(run, readings);

    assertThat(curve)
        .extracting(Sample::value)
        .containsExactly(100.0, 105.0, 110.0, 115.0, 120.0, 125.0, 130.0);
    var summary = Workouts.summary(curve);
    assertThat(summary.average()).isEqualTo(115.0);
    assertThat(summary.max()).isEqualTo(130.0);
    assertThat(Workouts.summary(List.of())).isNull();
  }

  @Test
  void withoutReadingsOfItsOwnSourceTheSourceWithMostReadingsIsUsed() {
    Workout run =
        Workouts.of(List.of(workout(STRAVA, at(7, 0), 30, Map.of())), ctx(), DAY, DAY).getFirst();
    List<Sample> readings =
        List.of(
            Sample.of(MetricType.HEART_RATE, at(7, 5), at(7, 5), 120, WATCH),
            Sample.of(MetricType.HEART_RATE, at(7, 10), at(7, 10), 130, WATCH));

    assertThat(Workouts.heartRate(run, readings)).hasSize(2);
  }

  @Test
  void decodesGooglesDocumentedPolyline() {
    assertThat(Polyline.decode("_p~iF~ps|U_ulLnnqC_mqNvxq`@"))
        .containsExactly(
            new Polyline.Point(38.5, -120.2),
            new Polyline.Point(40.7, -120.95),
            new Polyline.Point(43.252, -126.453));
    assertThat(Polyline.decode("")).isEmpty();
  }

  @Test
  void encodesGooglesDocumentedPolyline() {
    List<Polyline.Point> points =
        List.of(
            new Polyline.Point(38.5, -120.2),
            new Polyline.Point(40.7, -120.95),
            new Polyline.Point(43.252, -126.453));
    assertThat(Polyline.encode(points)).isEqualTo("_p~iF~ps|U_ulLnnqC_mqNvxq`@");
    assertThat(Polyline.decode(Polyline.encode(points))).containsExactlyElementsOf(points);
  }

  @Test
  void aCutPolylineIsAnErrorSayingWhere() {
    assertThatThrownBy(() -> Polyline.decode("_p~iF~ps|U_"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends inside a number at character 11");
    assertThatThrownBy(() -> Polyline.decode("_p~iF ps|U"))
        .hasMessageContaining("character 5 is out of range");
  }
}
