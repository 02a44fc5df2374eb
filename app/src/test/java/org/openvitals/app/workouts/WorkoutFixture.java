package org.openvitals.app.workouts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * A store with one known run a year before "now", recorded by the watch (45 min, 512 kcal, a
 * heart-rate reading a minute: 120 rising by 1 a minute to 165) and uploaded to Strava (8.4 km, its
 * route as Google's documented example polyline), and a bike ride the day before with no heart rate
 * or route.
 */
final class WorkoutFixture {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");
  static final SourceRef STRAVA = new SourceRef("strava", "Strava");
  static final LocalDate DAY = LocalDate.of(2025, 6, 14);
  static final double AVERAGE_HR = 142.5;
  static final double MAX_HR = 165;

  private WorkoutFixture() {}

  static Clock aYearLater() {
    return Clock.fixed(DAY.plusYears(1).atTime(12, 0).atZone(BERLIN).toInstant(), BERLIN);
  }

  static OffsetDateTime at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(BERLIN).toOffsetDateTime();
  }

  static void seed(Path dir) {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      OffsetDateTime start = at(DAY, 7, 0);
      List<Sample> all = new ArrayList<>();
      all.add(
          new Sample(
              MetricType.WORKOUT,
              start,
              start.plusMinutes(45),
              45,
              WATCH,
              null,
              "watch-run",
              Map.of("activity_type", "Running", "energy_kcal", "512")));
      all.add(
          new Sample(
              MetricType.WORKOUT,
              start.plusSeconds(20),
              start.plusMinutes(45),
              44.7,
              STRAVA,
              null,
              "9001",
              Map.of(
                  "activity_type", "Run",
                  "distance_m", "8400.0",
                  "average_heart_rate", "150",
                  "max_heart_rate", "170",
                  "route_polyline", "_p~iF~ps|U_ulLnnqC_mqNvxq`@")));
      for (int m = 0; m <= 45; m++) {
        OffsetDateTime t = start.plusMinutes(m);
        all.add(Sample.of(MetricType.HEART_RATE, t, t, 120 + m, WATCH));
      }
      OffsetDateTime ride = at(DAY.minusDays(1), 17, 30);
      all.add(
          new Sample(
              MetricType.WORKOUT,
              ride,
              ride.plusMinutes(60),
              60,
              WATCH,
              null,
              "watch-ride",
              Map.of("activity_type", "Cycling", "distance_m", "24000")));
      store.upsert(all);
    }
  }
}
