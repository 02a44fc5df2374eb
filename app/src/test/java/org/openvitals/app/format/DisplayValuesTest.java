package org.openvitals.app.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.core.model.MetricType;

class DisplayValuesTest {
  private static Locale before;

  @BeforeAll
  static void english() {
    before = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
  }

  @AfterAll
  static void restore() {
    Locale.setDefault(Locale.Category.FORMAT, before);
  }

  @Test
  void metricValuesReadAsPeopleWriteThem() {
    assertThat(DisplayValues.format(MetricType.STEPS, 12418, UnitSystem.METRIC))
        .isEqualTo("12,418 steps");
    assertThat(DisplayValues.format(MetricType.DISTANCE, 9190, UnitSystem.METRIC))
        .isEqualTo("9.19 km");
    assertThat(DisplayValues.format(MetricType.DISTANCE, 420, UnitSystem.METRIC))
        .isEqualTo("420 m");
    assertThat(DisplayValues.format(MetricType.SLEEP_ASLEEP, 521, UnitSystem.METRIC))
        .isEqualTo("8 h 41 min");
    assertThat(DisplayValues.format(MetricType.HEART_RATE, 61.6, UnitSystem.METRIC))
        .isEqualTo("62 bpm");
    assertThat(DisplayValues.format(MetricType.RESPIRATORY_RATE, 14, UnitSystem.METRIC))
        .isEqualTo("14 /min");
    assertThat(DisplayValues.format(MetricType.BLOOD_PRESSURE_SYSTOLIC, 121, UnitSystem.METRIC))
        .isEqualTo("121 mmHg");
  }

  @Test
  void imperialConvertsMassDistanceLengthAndTemperature() {
    assertThat(DisplayValues.format(MetricType.BODY_MASS, 70, UnitSystem.IMPERIAL))
        .isEqualTo("154.3 lb");
    assertThat(DisplayValues.format(MetricType.DISTANCE, 1609.344, UnitSystem.IMPERIAL))
        .isEqualTo("1.00 mi");
    assertThat(DisplayValues.format(MetricType.HEIGHT, 180, UnitSystem.IMPERIAL))
        .isEqualTo("70.9 in");
    assertThat(DisplayValues.format(MetricType.BODY_TEMPERATURE, 37, UnitSystem.IMPERIAL))
        .isEqualTo("98.6 °F");
    // A deviation is a difference: scaled, not shifted by 32.
    assertThat(
            DisplayValues.format(MetricType.SKIN_TEMPERATURE_DEVIATION, -0.5, UnitSystem.IMPERIAL))
        .isEqualTo("-0.9 °F");
    assertThat(DisplayValues.format(MetricType.BODY_MASS, 70, UnitSystem.METRIC))
        .isEqualTo("70.0 kg");
  }
}
