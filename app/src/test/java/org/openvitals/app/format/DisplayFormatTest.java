package org.openvitals.app.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/** The one formatter of every screen: units, grouping, locale, never scientific notation. */
class DisplayFormatTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private final DisplayFormat metric =
      new DisplayFormat(UnitSystem.METRIC, SourceColors.none(), Locale.US, BERLIN);
  private final DisplayFormat imperial =
      new DisplayFormat(UnitSystem.IMPERIAL, SourceColors.none(), Locale.US, BERLIN);
  private final DisplayFormat german =
      new DisplayFormat(UnitSystem.METRIC, SourceColors.none(), Locale.GERMANY, BERLIN);

  @Test
  void metricValuesReadAsPeopleWriteThem() {
    assertThat(metric.full(MetricType.STEPS, 12418)).isEqualTo("12,418 steps");
    assertThat(metric.full(MetricType.FLIGHTS_CLIMBED, 12)).isEqualTo("12 flights");
    assertThat(metric.full(MetricType.DISTANCE, 9190)).isEqualTo("9.19 km");
    assertThat(metric.full(MetricType.DISTANCE, 420)).isEqualTo("420 m");
    assertThat(metric.full(MetricType.SLEEP_ASLEEP, 521)).isEqualTo("8 h 41 min");
    assertThat(metric.full(MetricType.SLEEP_ASLEEP, 45)).isEqualTo("45 min");
    assertThat(metric.full(MetricType.HEART_RATE, 61.6)).isEqualTo("62 bpm");
    assertThat(metric.full(MetricType.RESPIRATORY_RATE, 14)).isEqualTo("14 breaths/min");
    assertThat(metric.full(MetricType.BLOOD_PRESSURE_SYSTOLIC, 121)).isEqualTo("121 mmHg");
    assertThat(metric.full(MetricType.WATER, 2250)).isEqualTo("2,250 mL");
    assertThat(metric.full(MetricType.BODY_MASS, 70)).isEqualTo("70.0 kg");
    assertThat(metric.full(MetricType.HEIGHT, 180)).isEqualTo("180 cm");
    // Counts without a word of their own read as bare numbers, never as unit codes.
    assertThat(metric.full(MetricType.DAY_STRAIN, 12.34)).isEqualTo("12.3");
    assertThat(metric.full(MetricType.PUSH_COUNT, 1200)).isEqualTo("1,200");
  }

  @Test
  void imperialConvertsMassDistanceLengthVolumeAndTemperature() {
    assertThat(imperial.full(MetricType.BODY_MASS, 70)).isEqualTo("154.3 lb");
    assertThat(imperial.full(MetricType.DISTANCE, 1609.344)).isEqualTo("1.00 mi");
    assertThat(imperial.full(MetricType.DISTANCE, 420)).isEqualTo("0.26 mi");
    assertThat(imperial.full(MetricType.HEIGHT, 180)).isEqualTo("70.9 in");
    assertThat(imperial.full(MetricType.BODY_TEMPERATURE, 37)).isEqualTo("98.6 °F");
    assertThat(imperial.full(MetricType.WATER, 2000)).isEqualTo("67.6 fl oz");
    // A deviation is a difference: scaled, not shifted by 32.
    assertThat(imperial.full(MetricType.SKIN_TEMPERATURE_DEVIATION, -0.5)).isEqualTo("-0.9 °F");
    assertThat(metric.full(MetricType.SKIN_TEMPERATURE_DEVIATION, 0.3)).isEqualTo("+0.3 °C");
  }

  @Test
  void aChartKeepsOneUnitWhateverTheValuesSize() {
    assertThat(metric.chartUnit(MetricType.DISTANCE)).isEqualTo("km");
    assertThat(metric.convert(MetricType.DISTANCE, 420)).isEqualTo(0.42);
    assertThat(imperial.chartUnit(MetricType.WATER)).isEqualTo("fl oz");
    assertThat(metric.chartUnit(MetricType.STEPS)).isEqualTo("steps");
  }

  @Test
  void largeValuesAreGroupedNeverScientific() {
    assertThat(metric.full(MetricType.STEPS, 17_500)).isEqualTo("17,500 steps");
    assertThat(metric.full(MetricType.ACTIVE_ENERGY, 1.2e7)).isEqualTo("12,000,000 kcal");
    assertThat(metric.decimal(1.75e4, 0)).isEqualTo("17,500");
    assertThat(metric.decimal(1e-7, 1)).isEqualTo("0.0");
    assertThat(metric.decimal(-0.01, 1)).isEqualTo("0.0");
    assertThat(metric.count(277, "readings")).isEqualTo("277 readings");
  }

  @Test
  void theLocaleGroupsAndWritesDates() {
    assertThat(german.full(MetricType.STEPS, 12418)).isEqualTo("12.418 steps");
    assertThat(german.full(MetricType.BODY_MASS, 72.45)).isEqualTo("72,5 kg");
    LocalDate day = LocalDate.of(2024, 3, 5);
    assertThat(metric.day(day)).isEqualTo("Mar 5, 2024");
    assertThat(german.day(day)).isEqualTo("05.03.2024");
    assertThat(metric.days(day, day.plusDays(6))).isEqualTo("Mar 5, 2024 to Mar 11, 2024");
  }

  @Test
  void timesAreInTheUsersZone() {
    Instant at = Instant.parse("2024-07-01T05:30:00Z"); // 07:30 in Berlin (CEST)
    assertThat(german.time(at)).isEqualTo("07:30");
    assertThat(german.dateTime(at)).isEqualTo("01.07.2024, 07:30");
  }

  @Test
  void sourcesReadAsPeopleNameThem() {
    assertThat(metric.source(new SourceRef("apple_health", "Apple Watch")))
        .isEqualTo("Apple Watch");
    assertThat(metric.source(new SourceRef("oura", ""))).isEqualTo("Oura");
  }
}
