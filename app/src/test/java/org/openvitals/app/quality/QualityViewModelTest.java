package org.openvitals.app.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

class QualityViewModelTest {
  static final SourceRef SCALE = new SourceRef("withings", "Withings Body+");
  static final SourceRef PHONE = new SourceRef("apple_health", "iPhone");
  static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate DAY = LocalDate.of(2024, 3, 5);

  @TempDir Path dir;
  AppContext context;
  QualityViewModel model;

  /**
   * On {@link #DAY}: the scale weighs 70 kg, the phone has 75 kg typed in (7 % apart, 2 % allowed);
   * the watch reads a heart rate of 400 at 10:00 among normal ones. Ten days earlier the scale and
   * the phone agree.
   */
  static void seed(Path dir) {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      OffsetDateTime seven = DAY.atTime(7, 0).atZone(BERLIN).toOffsetDateTime();
      OffsetDateTime ten = DAY.atTime(10, 0).atZone(BERLIN).toOffsetDateTime();
      store.upsert(
          List.of(
              Sample.of(MetricType.BODY_MASS, seven, seven, 70, SCALE),
              Sample.of(MetricType.BODY_MASS, seven.plusHours(1), seven.plusHours(1), 75, PHONE),
              Sample.of(MetricType.BODY_MASS, seven.minusDays(10), seven.minusDays(10), 71, SCALE),
              Sample.of(
                  MetricType.BODY_MASS, seven.minusDays(10), seven.minusDays(10), 71.2, PHONE),
              Sample.of(MetricType.HEART_RATE, ten, ten, 400, WATCH),
              Sample.of(MetricType.HEART_RATE, ten.plusMinutes(5), ten.plusMinutes(5), 62, WATCH),
              Sample.of(
                  MetricType.HEART_RATE, ten.plusMinutes(10), ten.plusMinutes(10), 64, WATCH)));
    }
  }

  @BeforeEach
  void open() {
    seed(dir);
    Clock clock = Clock.fixed(DAY.plusDays(1).atTime(12, 0).atZone(BERLIN).toInstant(), BERLIN);
    context = new AppContext(StoreConfig.sqlite(dir), clock, TaskExecutor.immediate());
    model = new QualityViewModel(context);
    model.reload();
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void listsTheDisagreementAndTheImplausibleSampleOfTheLast30DaysOfData() {
    assertThat(model.toProperty().get()).isEqualTo(DAY);
    assertThat(model.fromProperty().get()).isEqualTo(DAY.minusDays(29));
    List<Finding> all = List.copyOf(model.allFindings());

    assertThat(all)
        .filteredOn(f -> f.kind() == Finding.Kind.DISAGREEMENT)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.metric()).isEqualTo(MetricType.BODY_MASS);
          assertThat(f.day()).isEqualTo(DAY);
          assertThat(f.sources()).containsExactly(SCALE, PHONE);
          assertThat(f.problem()).contains("Withings Body+").contains("iPhone").contains("7 %");
        });
    assertThat(all)
        .filteredOn(f -> f.kind() == Finding.Kind.IMPLAUSIBLE)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.metric()).isEqualTo(MetricType.HEART_RATE);
          assertThat(f.day()).isEqualTo(DAY);
          assertThat(f.sources()).containsExactly(WATCH);
          assertThat(f.at().toLocalTime()).hasToString("10:00");
          assertThat(f.problem())
              .isEqualTo(
                  "Heart rate of 400 bpm is outside the plausible range (25 bpm to 250 bpm)");
        });
    assertThat(model.progressProperty().get()).isEqualTo(1.0);
    assertThat(model.scanningProperty().get()).isFalse();
    assertThat(model.summaryProperty().get())
        .contains("1 disagreement,")
        .contains("1 implausible sample");
  }

  @Test
  void theFilterShowsOneKindAndSelectingARowExplainsItsDay() {
    model.showProperty().set(QualityViewModel.Show.DISAGREEMENTS);
    List<Finding> shown = List.copyOf(model.findings());
    assertThat(shown).extracting(Finding::kind).containsOnly(Finding.Kind.DISAGREEMENT);

    model.selectedProperty().set(shown.getFirst());

    assertThat(model.explanationProperty().get())
        .contains("Weight (body_mass) on Mar 5, 2024")
        .contains("Sources disagree:")
        .contains("Withings Body+ 70.0 kg vs iPhone 75.0 kg");
  }

  @Test
  void aPeriodWithoutTheBadDayFindsNothingThere() {
    model.setPeriod(DAY.minusDays(12), DAY.minusDays(8));

    assertThat(List.copyOf(model.allFindings()))
        .extracting(Finding::kind)
        .doesNotContain(Finding.Kind.DISAGREEMENT, Finding.Kind.IMPLAUSIBLE);
  }

  @Test
  void newDataIsPickedUpWhenTheDataVersionMoves() {
    OffsetDateTime noon = DAY.atTime(12, 0).atZone(BERLIN).toOffsetDateTime();
    context.store().upsert(List.of(Sample.of(MetricType.HEART_RATE, noon, noon, 10, WATCH)));
    context.dataChanged();

    assertThat(model.allFindings())
        .filteredOn(f -> f.kind() == Finding.Kind.IMPLAUSIBLE)
        .hasSize(2);
  }
}
