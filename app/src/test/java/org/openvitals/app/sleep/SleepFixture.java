package org.openvitals.app.sleep;

import static org.openvitals.core.model.MetricType.SLEEP_AWAKE;
import static org.openvitals.core.model.MetricType.SLEEP_CORE;
import static org.openvitals.core.model.MetricType.SLEEP_DEEP;
import static org.openvitals.core.model.MetricType.SLEEP_IN_BED;
import static org.openvitals.core.model.MetricType.SLEEP_REM;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * A store with known nights, two years before "now": the watch's night to {@link #WAKE} (in bed
 * 22:55 to 06:40; core 240, deep 100, REM 90, awake 20 minutes), the ring's night to the same day
 * (23:30 to 06:00), and one watch night five weeks earlier.
 */
final class SleepFixture {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");
  static final SourceRef RING = new SourceRef("oura", "Oura Ring");
  static final LocalDate WAKE = LocalDate.of(2024, 3, 5);
  static final LocalDate EARLIER = WAKE.minusWeeks(5);

  private SleepFixture() {}

  static Clock twoYearsLater() {
    return Clock.fixed(WAKE.plusYears(2).atTime(12, 0).atZone(BERLIN).toInstant(), BERLIN);
  }

  static OffsetDateTime at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(BERLIN).toOffsetDateTime();
  }

  static List<Sample> stages(OffsetDateTime start, SourceRef source, Object... typeMinutes) {
    List<Sample> out = new ArrayList<>();
    OffsetDateTime t = start;
    for (int i = 0; i < typeMinutes.length; i += 2) {
      int minutes = (Integer) typeMinutes[i + 1];
      out.add(Sample.of((MetricType) typeMinutes[i], t, t.plusMinutes(minutes), minutes, source));
      t = t.plusMinutes(minutes);
    }
    return out;
  }

  static List<Sample> watchNight(LocalDate wake) {
    List<Sample> out =
        new ArrayList<>(
            stages(
                at(wake.minusDays(1), 23, 10),
                WATCH,
                SLEEP_CORE,
                50,
                SLEEP_DEEP,
                70,
                SLEEP_CORE,
                40,
                SLEEP_REM,
                30,
                SLEEP_AWAKE,
                20,
                SLEEP_CORE,
                100,
                SLEEP_DEEP,
                30,
                SLEEP_REM,
                60,
                SLEEP_CORE,
                50));
    out.add(Sample.of(SLEEP_IN_BED, at(wake.minusDays(1), 22, 55), at(wake, 6, 40), 465, WATCH));
    return out;
  }

  static void seed(Path dir) {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      List<Sample> all = new ArrayList<>(watchNight(WAKE));
      all.addAll(
          stages(
              at(WAKE.minusDays(1), 23, 30),
              RING,
              SLEEP_CORE,
              120,
              SLEEP_DEEP,
              90,
              SLEEP_REM,
              150,
              SLEEP_AWAKE,
              30));
      all.addAll(watchNight(EARLIER));
      store.upsert(all);
    }
  }
}
