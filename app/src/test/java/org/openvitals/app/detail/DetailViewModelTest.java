package org.openvitals.app.detail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.detail.DetailFixture.DAY;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.testing.Fixtures;

/** The detail view's state over the known day, without a window. */
class DetailViewModelTest {
  /** The slice rule adds minute slices in floating point. */
  private static final Offset<Double> NEAR = Offset.offset(1e-6);

  @TempDir Path dir;
  private AppContext context;
  private DetailViewModel model;

  @BeforeEach
  void open() {
    context = DetailFixture.open(dir, TaskExecutor.immediate());
    model = new DetailViewModel(context);
  }

  @AfterEach
  void close() {
    model.dispose();
    context.close();
  }

  private List<DetailPoint> points() {
    return model.dataProperty().get().points();
  }

  @Test
  void theDayOfStepsIsHourlyAndAddsUpToTheDaysMergedTotal() {
    model.open(MetricType.STEPS, DAY);

    assertThat(points()).hasSize(24);
    assertThat(points().get(9).value()).isCloseTo(1000, NEAR); // the watch's, not watch + phone
    assertThat(points().get(9).source()).isEqualTo(DetailFixture.WATCH);
    assertThat(points().get(15).value()).isCloseTo(500, NEAR);
    assertThat(points().get(15).source()).isEqualTo(DetailFixture.PHONE);
    assertThat(points().get(22).value()).isEqualTo(300, NEAR);
    assertThat(points().get(23).value()).isEqualTo(300, NEAR);
    double total = points().stream().mapToDouble(DetailPoint::value).sum();
    assertThat(total)
        .isCloseTo(context.rules().daily(MetricType.STEPS, DAY, DAY).getFirst().value(), NEAR);
    assertThat(total).isEqualTo(2100, NEAR);
    assertThat(model.dataProperty().get().bars()).isTrue();
  }

  @Test
  void theDayOfHeartRateHasEveryReadingWithItsTimeAndSource() {
    model.open(MetricType.HEART_RATE, DAY);

    assertThat(points()).extracting(DetailPoint::value).containsExactlyInAnyOrder(61.0, 72.0, 74.0);
    int i = index(72);
    model.selectedProperty().set(i);
    DisplayFormat f = model.formatProperty().get();
    assertThat(model.readoutProperty().get())
        .isEqualTo(
            f.dateTime(DetailFixture.READING_AT.toInstant())
                + ": "
                + f.full(MetricType.HEART_RATE, 72)
                + ", from Test Watch");
    assertThat(model.readoutProperty().get().replace('\u202f', ' '))
        .contains("2:03 PM")
        .contains("72 bpm");
  }

  private int index(double value) {
    for (int i = 0; i < points().size(); i++) {
      if (points().get(i).value() == value) {
        return i;
      }
    }
    throw new AssertionError("no point of " + value);
  }

  @Test
  void aWeekHasItsDaysAndStepsWithDataOnOneDayGoNowhere() {
    model.open(MetricType.STEPS, DAY);
    // The steps' only day is both the first and the latest with data.
    assertThat(model.atEarliestProperty().get()).isTrue();
    assertThat(model.atLatestProperty().get()).isTrue();
    model.previous();
    model.next();
    assertThat(model.anchorProperty().get()).isEqualTo(DAY);
    model.spanProperty().set(Span.WEEK);

    // 2026-03-10 is a Tuesday: the week runs Monday 9 to Sunday 15.
    assertThat(model.dataProperty().get().from()).isEqualTo(DAY.minusDays(1));
    assertThat(model.dataProperty().get().to()).isEqualTo(DAY.plusDays(5));
    assertThat(points())
        .singleElement()
        .satisfies(p -> assertThat(p.value()).isCloseTo(2100, NEAR));
    model.next();
    assertThat(model.anchorProperty().get()).isEqualTo(DAY);
    assertThat(model.messageProperty().get()).isEmpty();
  }

  @Test
  void previousAndNextMoveBySpanAndStopAtTheFirstAndLatestDayWithData() {
    // The scale weighed on ten days, DAY - 9 (Sunday, March 1) to DAY.
    model.open(MetricType.BODY_MASS, DAY.minusDays(1));
    assertThat(model.atLatestProperty().get()).isFalse();
    model.next();
    assertThat(model.anchorProperty().get()).isEqualTo(DAY);
    assertThat(model.atLatestProperty().get()).isTrue();
    model.next();
    assertThat(model.anchorProperty().get()).isEqualTo(DAY);
    assertThat(points()).isNotEmpty();

    model.spanProperty().set(Span.WEEK);
    assertThat(model.atLatestProperty().get()).isTrue();
    assertThat(model.atEarliestProperty().get()).isFalse();
    model.previous(); // Monday 2 to Sunday 8
    assertThat(model.dataProperty().get().from()).isEqualTo(DAY.minusDays(8));
    assertThat(model.atEarliestProperty().get()).isFalse();
    assertThat(model.atLatestProperty().get()).isFalse();
    model.previous(); // February 23 to March 1: holds the first weighing
    assertThat(model.dataProperty().get().to()).isEqualTo(DAY.minusDays(9));
    assertThat(model.atEarliestProperty().get()).isTrue();
    LocalDate first = model.anchorProperty().get();
    model.previous();
    assertThat(model.anchorProperty().get()).isEqualTo(first);

    model.spanProperty().set(Span.ALL);
    assertThat(model.atEarliestProperty().get()).isTrue();
    assertThat(model.atLatestProperty().get()).isTrue();
  }

  @Test
  void itChartsAmountsAndReadingsButNotSleepOrWorkouts() {
    assertThat(model.metrics())
        .contains(MetricType.STEPS, MetricType.HEART_RATE, MetricType.BLOOD_PRESSURE_SYSTOLIC)
        .doesNotContain(
            MetricType.WORKOUT, MetricType.SLEEP_ASLEEP, MetricType.BLOOD_PRESSURE_DIASTOLIC);
  }

  @Test
  void withoutADayItOpensOnTheLatestDayWithData() {
    model.open(MetricType.HEART_RATE, null);
    assertThat(model.anchorProperty().get()).isEqualTo(DAY);
    model.spanProperty().set(Span.ALL);
    // All runs over the metric's own days: heart rate has one, weight ten.
    assertThat(model.dataProperty().get().from()).isEqualTo(DAY);
    assertThat(model.dataProperty().get().to()).isEqualTo(DAY);
    model.open(MetricType.BODY_MASS, null);
    assertThat(model.dataProperty().get().from()).isEqualTo(DAY.minusDays(9));
    assertThat(points()).hasSize(10);
  }

  @Test
  void bloodPressureIsShownAsSystolicDiastolicPairs() {
    model.open(MetricType.BLOOD_PRESSURE_DIASTOLIC, DAY); // either half opens the pair
    assertThat(model.metricProperty().get()).isEqualTo(MetricType.BLOOD_PRESSURE_SYSTOLIC);
    assertThat(points())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.value()).isEqualTo(120);
          assertThat(p.low()).isEqualTo(80);
        });
    assertThat(model.readoutProperty().get()).contains("120/80 mmHg").endsWith("from Test Cuff");

    model.spanProperty().set(Span.WEEK);
    assertThat(points())
        .extracting(p -> p.value() + "/" + p.low())
        .containsExactly("130.0/85.0", "120.0/80.0");
  }

  @Test
  void weightHasASevenDayMovingAverage() {
    model.open(MetricType.BODY_MASS, DAY);
    model.spanProperty().set(Span.MONTH);

    assertThat(points()).hasSize(10);
    double[] average = model.dataProperty().get().movingAverage();
    assertThat(average).hasSize(10);
    assertThat(average[0]).isEqualTo(DetailFixture.weight(0));
    double lastSeven = 0;
    for (int i = 3; i < 10; i++) {
      lastSeven += DetailFixture.weight(i);
    }
    assertThat(average[9]).isEqualTo(lastSeven / 7, NEAR);
    model.spanProperty().set(Span.DAY);
    assertThat(model.dataProperty().get().movingAverage()).isNull();
  }

  @Test
  void showAllDataListsTheSamplesAndADeletedOneStaysDeletedWhenImportedAgain() {
    model.open(MetricType.HEART_RATE, DAY);
    model.showAllData();
    assertThat(model.samples()).extracting(Sample::value).containsExactly(61.0, 72.0, 74.0);
    assertThat(model.samplesNoteProperty().get()).isEqualTo("3 samples stored in this span");
    Sample watch72 = model.samples().get(1);
    long version = context.dataVersionProperty().get();

    model.delete(watch72, n -> assertThat(n).isEqualTo(1));

    assertThat(context.dataVersionProperty().get()).isGreaterThan(version);
    assertThat(model.samples()).extracting(Sample::value).containsExactly(61.0, 74.0);
    assertThat(points()).extracting(DetailPoint::value).containsExactlyInAnyOrder(61.0, 74.0);
    // The merged day follows: its readings are now 61 and 74.
    assertThat(context.rules().daily(MetricType.HEART_RATE, DAY, DAY).getFirst().max())
        .isEqualTo(74);
    // The same sample arriving again (the same file imported again) stays deleted.
    context.store().upsert(List.of(watch72));
    assertThat(
            context.store().samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now()).stream()
                .map(Sample::value))
        .containsExactly(61.0, 74.0);
  }

  @Test
  void aReadingDeletedFromARealExportStaysDeletedWhenTheSameFileIsImportedAgain(@TempDir Path other)
      throws Exception {
    // A real Apple Health export (fixtures/apple_health, dogsheep): one heart rate of 72 at
    // 2018-09-10 02:28:55 -0700, from an Apple Watch, with a metadata entry and no UUID.
    Path export = Fixtures.path("apple_health/dogsheep_healthkit-to-sqlite/export.xml");
    try (AppContext exported =
        new AppContext(StoreConfig.sqlite(other), DetailFixture.CLOCK, TaskExecutor.immediate())) {
      FileImporters.detect(export)
          .orElseThrow()
          .importFile(export, exported.store(), ImportListener.NONE);
      DetailViewModel detail = new DetailViewModel(exported);
      detail.open(MetricType.HEART_RATE, null);
      detail.showAllData();
      assertThat(detail.samples()).extracting(Sample::value).containsExactly(72.0);

      detail.delete(detail.samples().getFirst(), n -> assertThat(n).isEqualTo(1));
      FileImporters.detect(export)
          .orElseThrow()
          .importFile(export, exported.store(), ImportListener.NONE);

      assertThat(exported.store().samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now()))
          .isEmpty();
      assertThat(exported.store().daily(MetricType.HEART_RATE, LocalDate.MIN, LocalDate.MAX))
          .isEmpty();
      assertThat(exported.store().info().tombstones()).isEqualTo(1);
      detail.dispose();
    }
  }

  @Test
  void deletingASystolicReadingTakesItsDiastolicHalf() {
    model.open(MetricType.BLOOD_PRESSURE_SYSTOLIC, DAY);
    model.showAllData();
    model.delete(model.samples().getFirst(), n -> assertThat(n).isEqualTo(2));
    assertThat(
            context
                .store()
                .samples(MetricType.BLOOD_PRESSURE_DIASTOLIC, Instant.EPOCH, Instant.now()))
        .extracting(Sample::value)
        .containsExactly(85.0);
  }
}
