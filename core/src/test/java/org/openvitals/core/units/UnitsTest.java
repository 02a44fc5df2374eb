package org.openvitals.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;

class UnitsTest {

  @Test
  void everyCatalogUnitIsKnownAndConvertsToItself() {
    for (MetricType type : MetricType.values()) {
      assertThat(Units.isKnown(type.unit())).as(type.id() + " unit " + type.unit()).isTrue();
      assertThat(Units.toCanonical(type, 12.5, type.unit())).as(type.id()).isEqualTo(12.5);
    }
  }

  @Test
  void theCatalogIsBroadAndItsIdsAreStableSnakeCase() {
    assertThat(MetricType.values()).hasSizeGreaterThanOrEqualTo(40);
    Set<Category> categories = new HashSet<>();
    for (MetricType type : MetricType.values()) {
      assertThat(type.id()).matches("[a-z][a-z0-9_]*");
      assertThat(MetricType.fromId(type.id())).isSameAs(type);
      categories.add(type.category());
    }
    assertThat(categories).containsExactlyInAnyOrder(Category.values());
    assertThat(Arrays.stream(MetricType.values()).map(MetricType::id))
        .contains(
            "steps",
            "distance",
            "active_energy",
            "flights_climbed",
            "heart_rate",
            "resting_heart_rate",
            "hrv_sdnn",
            "oxygen_saturation",
            "body_mass",
            "body_fat_percentage",
            "lean_body_mass",
            "blood_pressure_systolic",
            "blood_pressure_diastolic",
            "blood_glucose",
            "sleep_asleep",
            "sleep_in_bed",
            "dietary_energy",
            "protein",
            "carbohydrates",
            "fat_total",
            "water");
    assertThatThrownBy(() -> MetricType.fromId("stepz")).hasMessageContaining("'stepz'");
  }

  @Test
  void massConvertsFromPoundsAndStone() {
    assertThat(Units.toCanonical(MetricType.BODY_MASS, 150, "lb")).isCloseTo(68.0389, within(1e-4));
    assertThat(Units.toCanonical(MetricType.BODY_MASS, 11, "st")).isCloseTo(69.8532, within(1e-4));
    assertThat(Units.fromCanonical(MetricType.BODY_MASS, 1, "lb")).isCloseTo(2.20462, within(1e-5));
  }

  @Test
  void energyConvertsFromKilojoulesAndFoodCalories() {
    assertThat(Units.toCanonical(MetricType.DIETARY_ENERGY, 418.4, "kJ"))
        .isCloseTo(100, within(1e-9));
    assertThat(Units.toCanonical(MetricType.ACTIVE_ENERGY, 250, "Cal")).isEqualTo(250);
    // A small calorie is a thousandth of a food Calorie; the two must never be folded together.
    assertThat(Units.toCanonical(MetricType.ACTIVE_ENERGY, 1000, "cal")).isEqualTo(1);
  }

  @Test
  void lengthConvertsFromMilesAndFeet() {
    assertThat(Units.toCanonical(MetricType.DISTANCE, 1, "mi")).isEqualTo(1609.344);
    assertThat(Units.toCanonical(MetricType.DISTANCE, 10, "ft")).isCloseTo(3.048, within(1e-12));
    assertThat(Units.toCanonical(MetricType.HEIGHT, 6, "ft")).isCloseTo(182.88, within(1e-9));
  }

  @Test
  void glucoseConvertsWithMolarMass18016() {
    assertThat(Units.toCanonical(MetricType.BLOOD_GLUCOSE, 5.5, "mmol/L"))
        .isCloseTo(99.088, within(1e-9));
    assertThat(Units.fromCanonical(MetricType.BLOOD_GLUCOSE, 180.16, "mmol/L"))
        .isCloseTo(10, within(1e-12));
    assertThat(Units.toCanonical(MetricType.BLOOD_GLUCOSE, 5.5, "mmol<180.1558800000541>/L"))
        .isCloseTo(99.0857, within(1e-4));
  }

  @Test
  void temperatureConvertsFromFahrenheit() {
    assertThat(Units.toCanonical(MetricType.BODY_TEMPERATURE, 98.6, "degF"))
        .isCloseTo(37, within(1e-9));
    assertThat(Units.fromCanonical(MetricType.BODY_TEMPERATURE, 100, "degF"))
        .isCloseTo(212, within(1e-9));
  }

  @Test
  void unknownAndMismatchedUnitsAreErrorsNamingTheUnit() {
    assertThatThrownBy(() -> Units.toCanonical(MetricType.BODY_MASS, 1, "furlong"))
        .isInstanceOf(UnitException.class)
        .hasMessageContaining("'furlong'")
        .hasMessageContaining("body_mass");
    assertThatThrownBy(() -> Units.toCanonical(MetricType.BODY_MASS, 1, "km"))
        .isInstanceOf(UnitException.class)
        .hasMessageContaining("'km'");
    assertThat(Units.isKnown(null)).isFalse();
  }
}
