package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;

/** Apple's documented types land on catalog metrics, converted from the units Apple writes. */
class HealthKitTypesTest {
  /** Each metric's identifier names a HealthKit type that maps back to that metric. */
  @Test
  void everyIdentifierMapsBackToItsMetric() {
    int found = 0;
    for (MetricType m : MetricType.values()) {
      String id = HealthKitTypes.identifier(m);
      if (id == null) {
        continue;
      }
      found++;
      if (id.equals(HealthKitTypes.SLEEP_ANALYSIS)) {
        assertThat(HealthKitTypes.sleepValue(m)).as(m.id()).isNotNull();
      } else if (id.startsWith(HealthKitTypes.QUANTITY)) {
        assertThat(HealthKitTypes.quantity(id)).as(id).isEqualTo(m);
        assertThat(id).isNotEqualTo(HealthKitTypes.BASAL_BODY_TEMPERATURE);
      } else {
        assertThat(HealthKitTypes.category(id).metric()).as(id).isEqualTo(m);
      }
    }
    assertThat(HealthKitTypes.identifier(MetricType.STEPS))
        .isEqualTo("HKQuantityTypeIdentifierStepCount");
    assertThat(HealthKitTypes.identifier(MetricType.BODY_TEMPERATURE))
        .isEqualTo("HKQuantityTypeIdentifierBodyTemperature");
    assertThat(found).isGreaterThan(50);
  }

  private static final OffsetDateTime AT = OffsetDateTime.parse("2025-03-01T08:00:00Z");

  /**
   * The HKQuantityTypeIdentifier list of Apple's HealthKit documentation (iOS 18), each with the
   * unit its export writes and a value.
   */
  private static final List<String[]> QUANTITIES =
      List.of(
          new String[] {"StepCount", "count", "10", "steps", "10"},
          new String[] {"DistanceWheelchair", "km", "1.5", "wheelchair_distance", "1500"},
          new String[] {"PushCount", "count", "30", "push_count", "30"},
          new String[] {"SwimmingStrokeCount", "count", "40", "swimming_strokes", "40"},
          new String[] {"AppleMoveTime", "min", "12", "move_time", "12"},
          new String[] {"AppleStandTime", "min", "3", "stand_time", "3"},
          new String[] {"PhysicalEffort", "kcal/hr·kg", "4.2", "physical_effort", "4.2"},
          new String[] {"RunningSpeed", "km/hr", "10.8", "running_speed", "3"},
          new String[] {"RunningPower", "W", "250", "running_power", "250"},
          new String[] {
            "RunningGroundContactTime", "ms", "240", "running_ground_contact_time", "240"
          },
          new String[] {
            "RunningVerticalOscillation", "cm", "8.5", "running_vertical_oscillation", "8.5"
          },
          new String[] {"CyclingCadence", "count/min", "85", "cycling_cadence", "85"},
          new String[] {"VO2Max", "mL/min·kg", "41.2", "vo2_max", "41.2"},
          new String[] {
            "HeartRateRecoveryOneMinute", "count/min", "22", "heart_rate_recovery", "22"
          },
          new String[] {"AtrialFibrillationBurden", "%", "0.02", "atrial_fibrillation_burden", "2"},
          new String[] {"AppleWalkingSteadiness", "%", "0.85", "walking_steadiness", "85"},
          new String[] {"WalkingSpeed", "km/hr", "3.6", "walking_speed", "1"},
          new String[] {"WalkingStepLength", "cm", "70", "walking_step_length", "70"},
          new String[] {"WalkingAsymmetryPercentage", "%", "0.04", "walking_asymmetry", "4"},
          new String[] {
            "WalkingDoubleSupportPercentage", "%", "0.28", "walking_double_support", "28"
          },
          new String[] {"SixMinuteWalkTestDistance", "m", "520", "six_minute_walk_distance", "520"},
          new String[] {
            "EnvironmentalAudioExposure", "dBASPL", "65", "environmental_audio_exposure", "65"
          },
          new String[] {
            "HeadphoneAudioExposure", "dBASPL", "71.2", "headphone_audio_exposure", "71.2"
          },
          new String[] {"ForcedExpiratoryVolume1", "L", "3.2", "forced_expiratory_volume_1", "3.2"},
          new String[] {
            "PeakExpiratoryFlowRate", "L/min", "450", "peak_expiratory_flow_rate", "450"
          },
          new String[] {"TimeInDaylight", "min", "42", "time_in_daylight", "42"},
          new String[] {"UVExposure", "count", "6", "uv_exposure", "6"},
          new String[] {"BloodAlcoholContent", "%", "0.0008", "blood_alcohol_content", "0.08"},
          new String[] {"InsulinDelivery", "IU", "4", "insulin_delivery", "4"},
          new String[] {"NumberOfTimesFallen", "count", "1", "times_fallen", "1"},
          new String[] {"ElectrodermalActivity", "mcS", "2.5", "electrodermal_activity", "2.5"},
          new String[] {"DietaryMagnesium", "mg", "120", "magnesium", "120"},
          new String[] {"DietaryVitaminD", "mcg", "10", "vitamin_d", "10"},
          new String[] {"DietaryZinc", "mg", "3", "zinc", "3"},
          new String[] {"DietaryFolate", "mcg", "200", "folate", "200"},
          new String[] {"DietarySelenium", "mcg", "55", "selenium", "55"},
          new String[] {"DietaryFatPolyunsaturated", "g", "4", "fat_polyunsaturated", "4"});

  @Test
  void documentedQuantityTypesMapWithTheirUnits() {
    for (String[] q : QUANTITIES) {
      MetricType type = HealthKitTypes.quantity(HealthKitTypes.QUANTITY + q[0]);
      assertThat(type).as(q[0]).isNotNull();
      assertThat(type.id()).as(q[0]).isEqualTo(q[3]);
      assertThat(HealthKitTypes.canonical(type, Double.parseDouble(q[2]), q[1]))
          .as(q[0])
          .isCloseTo(Double.parseDouble(q[4]), org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  @Test
  void categoryTypesCountEventsTimeSessionsAndStandHours() {
    var stand = HealthKitTypes.category("HKCategoryTypeIdentifierAppleStandHour");
    assertThat(stand.metric()).isEqualTo(MetricType.STAND_HOURS);
    assertThat(stand.value("HKCategoryValueAppleStandHourStood", AT, AT.plusHours(1))).isEqualTo(1);
    assertThat(stand.value("HKCategoryValueAppleStandHourIdle", AT, AT.plusHours(1))).isZero();

    var mindful = HealthKitTypes.category("HKCategoryTypeIdentifierMindfulSession");
    assertThat(mindful.metric()).isEqualTo(MetricType.MINDFUL_MINUTES);
    assertThat(mindful.value("HKCategoryValueNotApplicable", AT, AT.plusMinutes(7))).isEqualTo(7);

    var wash = HealthKitTypes.category("HKCategoryTypeIdentifierHandwashingEvent");
    assertThat(wash.metric()).isEqualTo(MetricType.HANDWASHING);
    assertThat(wash.value("HKCategoryValueNotApplicable", AT, AT.plusSeconds(25))).isEqualTo(1);

    assertThat(HealthKitTypes.category("HKCategoryTypeIdentifierHeadache").metric())
        .isEqualTo(MetricType.SYMPTOM_HEADACHE);
    assertThat(HealthKitTypes.category("HKCategoryTypeIdentifierMenstrualFlow").metric())
        .isEqualTo(MetricType.MENSTRUAL_FLOW);
    assertThat(HealthKitTypes.category("HKCategoryTypeIdentifierAudioExposureEvent").metric())
        .isEqualTo(MetricType.ENVIRONMENTAL_AUDIO_EXPOSURE_EVENTS);
    assertThat(HealthKitTypes.category("HKCategoryTypeIdentifierNotAType")).isNull();
    assertThat(HealthKitTypes.canonical(MetricType.UV_EXPOSURE, 6, "")).isEqualTo(6);
  }
}
