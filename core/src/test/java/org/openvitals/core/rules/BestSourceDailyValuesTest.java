package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

class BestSourceDailyValuesTest {
  private static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  private static final SourceRef PHONE = new SourceRef("apple_health", "iPhone");
  private static final SourceRef RING = new SourceRef("oura", "Oura Ring");
  private static final SourceRef SCALE = new SourceRef("withings", "Withings Body+");
  private static final SourceRef MANUAL = new SourceRef("manual", "Manual entry");
  private static final SourceRef CRONOMETER = new SourceRef("cronometer", "Cronometer");
  private static final SourceRef MFP = new SourceRef("myfitnesspal", "MyFitnessPal");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

  @TempDir Path dir;
  private SampleStore store;
  private DailyValues values;
  private final List<Sample> samples = new ArrayList<>();

  @BeforeEach
  void open() {
    store = Stores.open(StoreConfig.sqlite(dir));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("Europe/Berlin")));
    values = DailyValues.of(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void watchStepsWinOverThePhoneInsteadOfBeingAddedToThem() {
    add(MetricType.STEPS, WATCH, DAY, "08:00", "08:01", 100);
    add(MetricType.STEPS, WATCH, DAY, "08:01", "08:02", 110);
    add(MetricType.STEPS, PHONE, DAY, "08:00", "08:10", 205);
    add(MetricType.STEPS, PHONE, DAY.plusDays(1), "09:00", "09:10", 300);
    store.upsert(samples);

    List<DailyValue> daily = values.daily(MetricType.STEPS, DAY, DAY.plusDays(1));

    assertThat(daily)
        .containsExactly(
            new DailyValue(DAY, MetricType.STEPS, 210, List.of(WATCH)),
            new DailyValue(DAY.plusDays(1), MetricType.STEPS, 300, List.of(PHONE)));
    assertThat(daily.getFirst().unit()).isEqualTo("{count}");
  }

  @Test
  void aManualWeightWinsOverTheScaleAndReadingsAreAveraged() {
    add(MetricType.BODY_MASS, SCALE, DAY, "07:00", "07:00", 80.0);
    add(MetricType.BODY_MASS, SCALE, DAY, "19:00", "19:00", 81.0);
    add(MetricType.BODY_MASS, SCALE, DAY.plusDays(1), "07:00", "07:00", 80.2);
    add(MetricType.BODY_MASS, MANUAL, DAY.plusDays(1), "07:10", "07:10", 80.5);
    store.upsert(samples);

    assertThat(values.daily(MetricType.BODY_MASS, DAY, DAY.plusDays(1)))
        .containsExactly(
            new DailyValue(DAY, MetricType.BODY_MASS, 80.5, List.of(SCALE)),
            new DailyValue(DAY.plusDays(1), MetricType.BODY_MASS, 80.5, List.of(MANUAL)));
  }

  @Test
  void betweenEqualDeviceClassesTheSourceWithMoreDataThatDayWins() {
    add(MetricType.SLEEP_DEEP, RING, DAY, "01:00", "01:30", 30);
    add(MetricType.SLEEP_DEEP, RING, DAY, "03:00", "03:20", 20);
    add(MetricType.SLEEP_DEEP, WATCH, DAY, "01:05", "01:45", 40);
    add(MetricType.DIETARY_ENERGY, CRONOMETER, DAY, "08:00", "08:00", 500);
    add(MetricType.DIETARY_ENERGY, CRONOMETER, DAY, "13:00", "13:00", 700);
    add(MetricType.DIETARY_ENERGY, MFP, DAY, "00:00", "23:59", 1300);
    store.upsert(samples);

    assertThat(values.daily(MetricType.SLEEP_DEEP, DAY, DAY))
        .containsExactly(new DailyValue(DAY, MetricType.SLEEP_DEEP, 50, List.of(RING)));
    assertThat(values.daily(MetricType.DIETARY_ENERGY, DAY, DAY))
        .containsExactly(new DailyValue(DAY, MetricType.DIETARY_ENERGY, 1200, List.of(CRONOMETER)));
  }

  @Test
  void theDeviceClassTheUserSetDecides() {
    add(MetricType.STEPS, WATCH, DAY, "08:00", "08:01", 100);
    add(MetricType.STEPS, PHONE, DAY, "08:00", "08:10", 150);
    store.upsert(samples);

    store.setDeviceClass(PHONE, DeviceClass.MANUAL);

    assertThat(values.daily(MetricType.STEPS, DAY, DAY))
        .containsExactly(new DailyValue(DAY, MetricType.STEPS, 150, List.of(PHONE)));
  }

  @Test
  void daysOutsideTheRangeOrWithoutDataAreLeftOut() {
    add(MetricType.HEART_RATE, WATCH, DAY, "08:00", "08:00", 60);
    add(MetricType.HEART_RATE, WATCH, DAY.plusDays(3), "08:00", "08:00", 70);
    store.upsert(samples);

    assertThat(values.daily(MetricType.HEART_RATE, DAY.plusDays(1), DAY.plusDays(5)))
        .extracting(DailyValue::date)
        .containsExactly(DAY.plusDays(3));
    assertThat(values.daily(MetricType.RESTING_HEART_RATE, DAY, DAY.plusDays(5))).isEmpty();
  }

  private void add(
      MetricType type, SourceRef source, LocalDate day, String from, String to, double value) {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    OffsetDateTime start =
        day.atTime(java.time.LocalTime.parse(from)).atZone(berlin).toOffsetDateTime();
    OffsetDateTime end =
        day.atTime(java.time.LocalTime.parse(to)).atZone(berlin).toOffsetDateTime();
    samples.add(Sample.of(type, start, end, value, source));
  }
}
