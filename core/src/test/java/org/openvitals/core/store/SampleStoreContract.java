package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.sql.Migrations;
import org.openvitals.core.time.DayBoundaries;

/**
 * The behaviour every {@link SampleStore} engine must show. A subclass per engine supplies the
 * config and a raw JDBC connection (used only to damage a store on purpose).
 */
public abstract class SampleStoreContract {

  protected static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");
  protected static final SourceRef PHONE = new SourceRef("apple_health", "iPhone");
  protected static final SourceRef SCALE = new SourceRef("withings", "Body+ scale");
  protected static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  protected static final ZoneOffset CET = ZoneOffset.ofHours(1);

  @TempDir protected Path dir;
  protected SampleStore store;

  /** The config that opens this engine's store in {@code dataDir}. */
  protected abstract StoreConfig config(Path dataDir);

  /** A plain JDBC connection to the store's database, opened while the store is closed. */
  protected abstract Connection rawConnection(Path dataDir) throws SQLException;

  /** This engine's migrations over the store's database in {@code dataDir}. */
  protected abstract FluentConfiguration migrations(Path dataDir);

  @BeforeEach
  void openStore() {
    store = Stores.open(config(dir));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected void reopen() {
    store.close();
    store = Stores.open(config(dir));
  }

  // ---------------------------------------------------------------- helpers

  protected static OffsetDateTime t(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset);
  }

  protected static Sample steps(SourceRef src, String start, int minutes, double value) {
    OffsetDateTime s = t(start);
    return Sample.of(MetricType.STEPS, s, s.plusMinutes(minutes), value, src);
  }

  protected static Sample heartRate(SourceRef src, OffsetDateTime at, double bpm) {
    return Sample.of(MetricType.HEART_RATE, at, at, bpm, src);
  }

  protected static Sample withId(
      MetricType type, SourceRef src, String id, String start, double value) {
    OffsetDateTime s = t(start);
    return new Sample(type, s, s, value, src, null, id, Map.of());
  }

  /** Minute-level heart rate from one source, starting at {@code from}. */
  protected static List<Sample> minuteHeartRate(SourceRef src, OffsetDateTime from, int minutes) {
    List<Sample> out = new ArrayList<>(minutes);
    for (int i = 0; i < minutes; i++) {
      out.add(heartRate(src, from.plusMinutes(i), 50 + i % 60));
    }
    return out;
  }

  private DailyRollup onlyRollup(MetricType type, LocalDate day) {
    List<DailyRollup> rollups = store.daily(type, day, day);
    assertThat(rollups).hasSize(1);
    return rollups.getFirst();
  }

  // ---------------------------------------------------------------- upsert

  @Test
  void sameBatchTwiceInsertsNothingTheSecondTime() {
    List<Sample> batch = new ArrayList<>(minuteHeartRate(WATCH, t("2024-05-01T08:00Z"), 120));
    batch.add(withId(MetricType.BODY_MASS, SCALE, "w-1", "2024-05-01T07:00+02:00", 72.4));
    batch.add(
        new Sample(
            MetricType.STEPS,
            t("2024-05-01T09:00+02:00"),
            t("2024-05-01T09:10+02:00"),
            800,
            PHONE,
            "iPhone 15",
            null,
            Map.of("motion", "walking", "app", "Health")));

    WriteResult first = store.upsert(batch);
    WriteResult second = store.upsert(batch);

    assertThat(first).isEqualTo(new WriteResult(122, 0, 0));
    assertThat(second).isEqualTo(new WriteResult(0, 0, 122));
    assertThat(store.samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now())).hasSize(120);
    assertThat(store.info().liveSamples()).isEqualTo(122);
    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.device()).isEqualTo("iPhone 15");
          assertThat(s.metadata()).containsEntry("motion", "walking").hasSize(2);
          assertThat(s.start()).isEqualTo(t("2024-05-01T09:00+02:00"));
          assertThat(s.start().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        });
  }

  @Test
  void theSameKeyTwiceInOneBatchKeepsTheLaterSample() {
    WriteResult result =
        store.upsert(
            List.of(
                withId(MetricType.BODY_MASS, SCALE, "w-1", "2024-05-01T07:00Z", 72.4),
                withId(MetricType.BODY_MASS, SCALE, "w-1", "2024-05-01T07:00Z", 72.4),
                withId(MetricType.BODY_MASS, SCALE, "w-1", "2024-05-01T07:00Z", 72.9)));

    assertThat(result).isEqualTo(new WriteResult(1, 1, 1));
    assertThat(store.samples(MetricType.BODY_MASS, Instant.EPOCH, Instant.now()))
        .extracting(Sample::value)
        .containsExactly(72.9);
    assertThat(onlyRollup(MetricType.BODY_MASS, LocalDate.parse("2024-05-01")).sum())
        .isEqualTo(72.9);
  }

  @Test
  void aSampleWithAKnownExternalIdIsUpdated() {
    store.upsert(List.of(withId(MetricType.BODY_MASS, SCALE, "w-1", "2024-05-01T07:00Z", 72.4)));

    WriteResult changed =
        store.upsert(
            List.of(withId(MetricType.BODY_MASS, SCALE, "w-1", "2024-05-01T07:05Z", 71.8)));

    assertThat(changed).isEqualTo(new WriteResult(0, 1, 0));
    List<Sample> stored = store.samples(MetricType.BODY_MASS, Instant.EPOCH, Instant.now());
    assertThat(stored)
        .singleElement()
        .satisfies(s -> {
          assertThat(s.value()).isEqualTo(71.8);
          assertThat(s.start()).isEqualTo(t("2024-05-01T07:05Z"));
          assertThat(s.externalId()).isEqualTo("w-1");
        });
    // The same id under another type or source is another sample.
    WriteResult other =
        store.upsert(
            List.of(
                withId(MetricType.BODY_FAT_PERCENTAGE, SCALE, "w-1", "2024-05-01T07:05Z", 18),
                withId(MetricType.BODY_MASS, WATCH, "w-1", "2024-05-01T07:05Z", 71.8)));
    assertThat(other.inserted()).isEqualTo(2);
  }

  @Test
  void metadataAndDeviceChangesAreUpdatesRegardlessOfMapOrder() {
    Map<String, String> one = new HashMap<>();
    one.put("a", "1");
    one.put("b", "2");
    OffsetDateTime at = t("2024-05-01T07:00Z");
    Sample original = new Sample(MetricType.BODY_MASS, at, at, 70, SCALE, "Body+", "x", one);
    store.upsert(List.of(original));

    Map<String, String> sameOtherOrder = new java.util.LinkedHashMap<>();
    sameOtherOrder.put("b", "2");
    sameOtherOrder.put("a", "1");
    assertThat(
            store.upsert(
                List.of(
                    new Sample(
                        MetricType.BODY_MASS, at, at, 70, SCALE, "Body+", "x", sameOtherOrder))))
        .isEqualTo(new WriteResult(0, 0, 1));
    assertThat(
            store.upsert(
                List.of(
                    new Sample(
                        MetricType.BODY_MASS, at, at, 70, SCALE, "Body+", "x", Map.of("a", "1")))))
        .isEqualTo(new WriteResult(0, 1, 0));
    assertThat(
            store.upsert(
                List.of(
                    new Sample(
                        MetricType.BODY_MASS,
                        at,
                        at,
                        70,
                        SCALE,
                        "Body Cardio",
                        "x",
                        Map.of("a", "1")))))
        .isEqualTo(new WriteResult(0, 1, 0));
    assertThat(store.samples(MetricType.BODY_MASS, Instant.EPOCH, Instant.now()))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.device()).isEqualTo("Body Cardio");
          assertThat(s.metadata()).isEqualTo(Map.of("a", "1"));
        });
  }

  @Test
  void valueKeysIgnoreTheUtcOffsetTheSampleWasWrittenWith() {
    store.upsert(List.of(steps(PHONE, "2024-05-01T10:00+02:00", 5, 300)));

    WriteResult sameMoment = store.upsert(List.of(steps(PHONE, "2024-05-01T08:00Z", 5, 300)));
    WriteResult otherValue = store.upsert(List.of(steps(PHONE, "2024-05-01T08:00Z", 5, 301)));

    assertThat(sameMoment).isEqualTo(new WriteResult(0, 0, 1));
    // Without an external id the value is part of the key: another value is another sample.
    assertThat(otherValue).isEqualTo(new WriteResult(1, 0, 0));
    List<Sample> stored = store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now());
    assertThat(stored).extracting(Sample::value).containsExactly(300.0, 301.0);
    assertThat(stored.getFirst().start().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
  }

  // ---------------------------------------------------------------- tombstones

  @Test
  void tombstonedSamplesVanishAndStayDeleted() {
    Sample a = withId(MetricType.HEART_RATE, WATCH, "hk-a", "2024-05-01T08:00Z", 61);
    Sample b = withId(MetricType.HEART_RATE, WATCH, "hk-b", "2024-05-01T09:00Z", 75);
    store.upsert(List.of(a, b));

    int deleted =
        store.tombstone(WATCH, MetricType.HEART_RATE, List.of("hk-a", "hk-unknown"), Map.of());

    assertThat(deleted).isEqualTo(1);
    assertThat(store.samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now()))
        .containsExactly(b);
    DailyRollup day = onlyRollup(MetricType.HEART_RATE, LocalDate.parse("2024-05-01"));
    assertThat(day.count()).isEqualTo(1);
    assertThat(day.min()).isEqualTo(75);

    // A later copy of a deleted sample, even with another value, does not come back ...
    Sample aAgain = withId(MetricType.HEART_RATE, WATCH, "hk-a", "2024-05-01T08:00Z", 62);
    assertThat(store.upsert(List.of(aAgain))).isEqualTo(new WriteResult(0, 0, 1));
    // ... nor does one that was deleted before it ever arrived.
    Sample late = withId(MetricType.HEART_RATE, WATCH, "hk-unknown", "2024-05-01T10:00Z", 90);
    assertThat(store.upsert(List.of(late))).isEqualTo(new WriteResult(0, 0, 1));
    assertThat(store.samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now()))
        .containsExactly(b);
    assertThat(store.tombstone(WATCH, MetricType.HEART_RATE, List.of("hk-a"), Map.of())).isZero();

    StoreInfo info = store.info();
    assertThat(info.liveSamples()).isEqualTo(1);
    assertThat(info.tombstones()).isEqualTo(2);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void aSampleAPersonDeletedStaysDeletedWhenTheSameFileIsImportedAgain() {
    // Samples without an id (a CSV row) are matched by source, type, times and value.
    Sample morning = steps(PHONE, "2024-05-01T08:00+02:00", 10, 500);
    Sample noon = steps(PHONE, "2024-05-01T12:00+02:00", 10, 700);
    Sample other = steps(WATCH, "2024-05-01T08:00+02:00", 10, 480);
    store.upsert(List.of(morning, noon, other));
    Sample stored =
        store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()).stream()
            .filter(s -> s.value() == 500)
            .findFirst()
            .orElseThrow();

    assertThat(store.tombstone(List.of(stored))).isEqualTo(1);
    assertThat(store.tombstone(List.of(stored))).isZero();

    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .containsExactlyInAnyOrder(noon, other);
    assertThat(store.daily(MetricType.STEPS, LocalDate.MIN, LocalDate.MAX))
        .filteredOn(r -> r.source().equals(PHONE))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.count()).isEqualTo(1);
          assertThat(r.sum()).isEqualTo(700);
        });
    // The same file imported again: the deleted row stays deleted, the rest are unchanged.
    assertThat(store.upsert(List.of(morning, noon, other))).isEqualTo(new WriteResult(0, 0, 3));
    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .containsExactlyInAnyOrder(noon, other);
    assertThat(store.info().tombstones()).isEqualTo(1);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void tombstoningTheLastSampleOfADayRemovesItsRollup() {
    store.upsert(List.of(withId(MetricType.BODY_MASS, SCALE, "m", "2024-05-01T07:00Z", 70)));
    store.tombstone(SCALE, MetricType.BODY_MASS, List.of("m"), Map.of("cursor", "7"));

    assertThat(store.daily(MetricType.BODY_MASS, LocalDate.MIN, LocalDate.MAX)).isEmpty();
    assertThat(store.state("cursor")).contains("7");
    assertThat(store.sources())
        .filteredOn(s -> s.source().equals(SCALE))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.sampleCount()).isZero();
          assertThat(s.first()).isNull();
          assertThat(s.last()).isNull();
        });
  }

  // ---------------------------------------------------------------- reads

  @Test
  void rangeQueriesAreHalfOpenAndOrderedByStart() {
    OffsetDateTime nine = t("2024-05-01T09:00Z");
    store.upsert(
        List.of(
            heartRate(WATCH, nine.plusMinutes(30), 70),
            heartRate(PHONE, nine, 60),
            heartRate(WATCH, nine.plusHours(1), 80),
            heartRate(WATCH, nine.minusSeconds(1), 59),
            steps(WATCH, "2024-05-01T09:10Z", 1, 50)));

    List<Sample> found =
        store.samples(MetricType.HEART_RATE, nine.toInstant(), nine.plusHours(1).toInstant());

    assertThat(found).extracting(Sample::value).containsExactly(60.0, 70.0);
    assertThat(found.getFirst().source()).isEqualTo(PHONE);
    assertThat(store.samples(MetricType.HEART_RATE, nine.toInstant(), nine.toInstant())).isEmpty();
  }

  @Test
  void forEachSampleStreamsByTypeThenStartWithOptionalFilters() {
    store.upsert(
        List.of(
            steps(WATCH, "2024-05-02T09:00Z", 1, 20),
            heartRate(WATCH, t("2024-05-01T09:00Z"), 60),
            steps(WATCH, "2024-05-01T09:00Z", 1, 10),
            heartRate(WATCH, t("2024-05-02T09:00Z"), 62)));

    List<String> all = new ArrayList<>();
    store.forEachSample(null, null, null, s -> all.add(s.type().id() + "@" + s.start()));
    List<Double> steps = new ArrayList<>();
    store.forEachSample(MetricType.STEPS, null, null, s -> steps.add(s.value()));
    List<Double> secondDay = new ArrayList<>();
    store.forEachSample(
        null, Instant.parse("2024-05-02T00:00:00Z"), null, s -> secondDay.add(s.value()));
    List<Double> firstDay = new ArrayList<>();
    store.forEachSample(
        null, null, Instant.parse("2024-05-02T00:00:00Z"), s -> firstDay.add(s.value()));

    assertThat(all)
        .containsExactly(
            "steps@2024-05-01T09:00Z",
            "steps@2024-05-02T09:00Z",
            "heart_rate@2024-05-01T09:00Z",
            "heart_rate@2024-05-02T09:00Z");
    assertThat(steps).containsExactly(10.0, 20.0);
    assertThat(secondDay).containsExactly(20.0, 62.0);
    assertThat(firstDay).containsExactly(10.0, 60.0);
  }

  @Test
  void aStreamingReadCanReadAgainInsideItsSink() {
    store.upsert(minuteHeartRate(WATCH, t("2024-05-01T00:00Z"), 50));
    long[] nested = {0};
    store.forEachSample(
        MetricType.HEART_RATE,
        null,
        null,
        s ->
            nested[0] +=
                store
                    .samples(
                        MetricType.HEART_RATE,
                        s.start().toInstant(),
                        s.start().toInstant().plusSeconds(61))
                    .size());
    assertThat(nested[0]).isEqualTo(49 * 2 + 1);
  }

  @Test
  void sourcesListCountsFirstAndLastAndGuessedDeviceClass() {
    store.upsert(
        List.of(
            heartRate(WATCH, t("2024-05-01T09:00Z"), 60),
            steps(WATCH, "2024-05-03T09:00Z", 10, 100),
            steps(PHONE, "2024-05-02T10:00Z", 5, 40)));
    store.tombstone(PHONE, MetricType.STEPS, List.of("never-seen"), Map.of());

    List<SourceSummary> sources = store.sources();

    assertThat(sources).extracting(SourceSummary::source).containsExactly(WATCH, PHONE);
    SourceSummary watch = sources.getFirst();
    assertThat(watch.deviceClass()).isEqualTo(DeviceClass.WATCH);
    assertThat(watch.sampleCount()).isEqualTo(2);
    assertThat(watch.first()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
    assertThat(watch.last()).isEqualTo(Instant.parse("2024-05-03T09:10:00Z"));
    assertThat(sources.get(1).deviceClass()).isEqualTo(DeviceClass.PHONE);
    assertThat(sources.get(1).sampleCount()).isEqualTo(1);

    store.setDeviceClass(PHONE, DeviceClass.MANUAL);
    reopen();
    assertThat(store.sources().get(1).deviceClass()).isEqualTo(DeviceClass.MANUAL);
  }

  @Test
  void sourceRefsNameTheListedSourcesInTheirOrder() {
    assertThat(store.sourceRefs()).isEmpty();
    store.upsert(
        List.of(
            steps(WATCH, "2024-05-03T09:00Z", 10, 100), steps(PHONE, "2024-05-02T10:00Z", 5, 40)));

    assertThat(store.sourceRefs())
        .containsExactlyElementsOf(store.sources().stream().map(SourceSummary::source).toList())
        .containsExactly(WATCH, PHONE);
  }

  // ---------------------------------------------------------------- rollups

  @Test
  void rollupsFollowInsertsUpdatesAndTombstones() {
    LocalDate may1 = LocalDate.parse("2024-05-01");
    store.upsert(
        List.of(
            withId(MetricType.HEART_RATE, WATCH, "a", "2024-05-01T08:00Z", 60),
            withId(MetricType.HEART_RATE, WATCH, "b", "2024-05-01T12:00Z", 90),
            withId(MetricType.HEART_RATE, WATCH, "c", "2024-05-01T23:59:59Z", 70),
            withId(MetricType.HEART_RATE, PHONE, "d", "2024-05-01T12:00Z", 100),
            withId(MetricType.HEART_RATE, WATCH, "e", "2024-05-02T00:00Z", 50)));

    List<DailyRollup> first = store.daily(MetricType.HEART_RATE, may1, may1);
    assertThat(first).extracting(DailyRollup::source).containsExactly(WATCH, PHONE);
    assertThat(first.getFirst())
        .isEqualTo(new DailyRollup(MetricType.HEART_RATE, WATCH, may1, 3, 220, 60, 90));

    // An incremental insert into an existing day.
    store.upsert(List.of(withId(MetricType.HEART_RATE, WATCH, "f", "2024-05-01T13:00Z", 40)));
    assertThat(store.daily(MetricType.HEART_RATE, may1, may1).getFirst())
        .isEqualTo(new DailyRollup(MetricType.HEART_RATE, WATCH, may1, 4, 260, 40, 90));

    // Lowering the maximum can only be seen by recomputing the day.
    store.upsert(List.of(withId(MetricType.HEART_RATE, WATCH, "b", "2024-05-01T12:00Z", 65)));
    assertThat(store.daily(MetricType.HEART_RATE, may1, may1).getFirst())
        .isEqualTo(new DailyRollup(MetricType.HEART_RATE, WATCH, may1, 4, 235, 40, 70));

    // Moving a sample to the next day changes both days.
    store.upsert(List.of(withId(MetricType.HEART_RATE, WATCH, "c", "2024-05-02T06:00Z", 70)));
    store.tombstone(WATCH, MetricType.HEART_RATE, List.of("f"), Map.of());
    assertThat(store.daily(MetricType.HEART_RATE, may1, may1.plusDays(1)))
        .containsExactly(
            new DailyRollup(MetricType.HEART_RATE, WATCH, may1, 2, 125, 60, 65),
            new DailyRollup(MetricType.HEART_RATE, PHONE, may1, 1, 100, 100, 100),
            new DailyRollup(MetricType.HEART_RATE, WATCH, may1.plusDays(1), 2, 120, 50, 70));
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void dstDaysInBerlinHave23And25Hours() {
    store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
    List<Sample> hourly = new ArrayList<>();
    // Hourly readings through both 2024 transitions, written in UTC.
    for (String day : List.of("2024-03-30", "2024-10-26")) {
      OffsetDateTime from = LocalDate.parse(day).atStartOfDay(BERLIN).toOffsetDateTime();
      for (int h = 0; h < 24 * 3; h++) {
        hourly.add(
            steps(PHONE, from.plusHours(h).withOffsetSameInstant(ZoneOffset.UTC).toString(), 1, 1));
      }
    }
    store.upsert(hourly);

    assertThat(
            store.daily(
                MetricType.STEPS, LocalDate.parse("2024-03-30"), LocalDate.parse("2024-04-01")))
        .extracting(DailyRollup::count)
        .containsExactly(24L, 23L, 24L);
    assertThat(
            store.daily(
                MetricType.STEPS, LocalDate.parse("2024-10-26"), LocalDate.parse("2024-10-28")))
        .extracting(DailyRollup::count)
        .containsExactly(24L, 25L, 23L);
  }

  @Test
  void aTripAcrossZonesUsesEachSamplesOwnOffsetWithSampleLocalDays() {
    // Berlin evening, then Tokyo: 01:00 on 2 May in Tokyo is still 1 May in Berlin and in UTC.
    List<Sample> trip =
        List.of(
            steps(PHONE, "2024-05-01T21:00+02:00", 10, 100),
            steps(PHONE, "2024-05-02T01:00+09:00", 10, 200),
            steps(PHONE, "2024-05-02T23:30+09:00", 10, 400));
    store.upsert(trip);
    LocalDate may1 = LocalDate.parse("2024-05-01");
    assertThat(store.daily(MetricType.STEPS, may1, may1.plusDays(2)))
        .extracting(DailyRollup::day, DailyRollup::sum)
        .containsExactly(tuple(may1, 300.0), tuple(may1.plusDays(1), 400.0));

    store.setDayBoundaries(new DayBoundaries.SampleLocal(ZoneOffset.UTC));

    assertThat(store.daily(MetricType.STEPS, may1, may1.plusDays(2)))
        .extracting(DailyRollup::day, DailyRollup::sum)
        .containsExactly(tuple(may1, 100.0), tuple(may1.plusDays(1), 600.0));
    // Incremental writes use the same rule: an update in Tokyo's day recomputes that day.
    store.upsert(List.of(withId(MetricType.STEPS, PHONE, "s1", "2024-05-02T23:59+09:00", 9)));
    store.upsert(List.of(withId(MetricType.STEPS, PHONE, "s1", "2024-05-02T23:59+09:00", 5)));
    assertThat(store.daily(MetricType.STEPS, may1.plusDays(1), may1.plusDays(1)))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.sum()).isEqualTo(605);
          assertThat(r.count()).isEqualTo(3);
        });
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void changingDayBoundariesRebuildsRollupsAndIsRemembered() {
    store.upsert(
        List.of(
            steps(PHONE, "2024-05-01T22:30Z", 10, 100), steps(PHONE, "2024-05-01T12:00Z", 10, 1)));
    LocalDate may1 = LocalDate.parse("2024-05-01");
    assertThat(store.daily(MetricType.STEPS, may1, may1))
        .singleElement()
        .extracting(DailyRollup::sum)
        .isEqualTo(101.0);

    store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));

    assertThat(store.daily(MetricType.STEPS, may1, may1.plusDays(1)))
        .extracting(DailyRollup::sum)
        .containsExactly(1.0, 100.0);
    reopen();
    assertThat(store.dayBoundaries()).isEqualTo(new DayBoundaries.FixedZone(BERLIN));
    assertThat(store.info().dayBoundaries()).isEqualTo("Europe/Berlin");
    store.upsert(List.of(steps(PHONE, "2024-05-01T22:45Z", 10, 10)));
    assertThat(store.daily(MetricType.STEPS, may1.plusDays(1), may1.plusDays(1)))
        .singleElement()
        .extracting(DailyRollup::sum)
        .isEqualTo(110.0);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void preparedSamplesAreStoredLikeSamplesAndPreparingTouchesNothing() {
    Sample morning =
        new Sample(
            MetricType.STEPS,
            t("2024-05-01T08:00+02:00"),
            t("2024-05-01T08:10+02:00"),
            120,
            WATCH,
            "Apple Watch",
            null,
            Map.of("HKTimeZone", "Europe/Berlin"));
    Sample weight = withId(MetricType.BODY_MASS, SCALE, "w-1", "2024-05-01T07:00Z", 72.5);

    PreparedSamples prepared = store.prepare(List.of(morning, weight, morning));
    assertThat(prepared.size()).isEqualTo(3);
    assertThat(store.sources()).isEmpty();

    assertThat(store.upsert(prepared, Map.of("cursor", "1"))).isEqualTo(new WriteResult(2, 0, 1));
    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .containsExactly(morning);
    assertThat(store.state("cursor")).contains("1");
    assertThat(store.upsert(store.prepare(List.of(weight, morning)), Map.of()))
        .isEqualTo(new WriteResult(0, 0, 2));
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void samplesPreparedBeforeADayBoundaryChangeCountInTheNewDays() {
    PreparedSamples prepared = store.prepare(List.of(steps(PHONE, "2024-05-01T22:30Z", 10, 100)));
    store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));

    store.upsert(prepared, Map.of());

    LocalDate may2 = LocalDate.parse("2024-05-02");
    assertThat(store.daily(MetricType.STEPS, LocalDate.MIN, LocalDate.MAX))
        .singleElement()
        .extracting(DailyRollup::day, DailyRollup::sum)
        .containsExactly(may2, 100.0);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void samplesPreparedByAnotherStoreAreRefused() {
    Path otherDir = dir.resolve("other");
    try (SampleStore other = Stores.open(config(otherDir))) {
      PreparedSamples foreign = other.prepare(List.of(steps(PHONE, "2024-05-01T08:00Z", 1, 5)));
      assertThatThrownBy(() -> store.upsert(foreign, Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another store");
    }
  }

  @Test
  void samplesPreparedOnManyThreadsAtOnceAreAllStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<PreparedSamples>> batches = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        OffsetDateTime from = t("2024-05-01T00:00Z").plusHours(t);
        batches.add(
            CompletableFuture.supplyAsync(
                () -> {
                  List<Sample> hour = new ArrayList<>();
                  for (int m = 0; m < 60; m++) {
                    OffsetDateTime at = from.plusMinutes(m);
                    hour.add(
                        new Sample(
                            MetricType.HEART_RATE,
                            at,
                            at,
                            60 + m % 5,
                            WATCH,
                            null,
                            null,
                            Map.of("motion", String.valueOf(m % 3))));
                  }
                  return store.prepare(hour);
                },
                pool));
      }
      for (CompletableFuture<PreparedSamples> batch : batches) {
        store.upsert(batch.get(10, TimeUnit.SECONDS), Map.of());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Sample> stored = store.samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now());
    assertThat(stored).hasSize(480);
    assertThat(stored)
        .allSatisfy(s ->
            assertThat(s.metadata())
                .containsEntry("motion", String.valueOf(s.start().getMinute() % 3)));
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  // ---------------------------------------------------------------- state and atomicity

  @Test
  void stateEntriesAreKeptSortedAndRemovable() {
    store.putState("sync.oura.cursor", "abc");
    store.putState("sync.withings.cursor", "42");
    store.putState("sync.oura.cursor", "def");
    store.putState("import.last", "x");
    store.upsert(List.of(), Map.of("sync.fitbit.cursor", "9"));

    assertThat(store.state("sync.oura.cursor")).contains("def");
    assertThat(store.state("missing")).isEmpty();
    assertThat(store.stateWithPrefix("sync."))
        .containsExactly(
            Map.entry("sync.fitbit.cursor", "9"),
            Map.entry("sync.oura.cursor", "def"),
            Map.entry("sync.withings.cursor", "42"));
    store.removeState("sync.oura.cursor");
    assertThat(store.stateWithPrefix("sync."))
        .containsOnlyKeys("sync.fitbit.cursor", "sync.withings.cursor");
  }

  @Test
  void aFailingWriteLeavesNeitherSamplesNorState() {
    store.upsert(List.of(steps(PHONE, "2024-05-01T08:00Z", 1, 5)), Map.of("cursor", "1"));
    Map<String, String> broken = new HashMap<>();
    broken.put("cursor", "2");
    broken.put("checkpoint", null); // rejected by the database after the samples were written

    assertThatThrownBy(() ->
            store.upsert(
                List.of(
                    steps(PHONE, "2024-05-01T09:00Z", 1, 7),
                    steps(WATCH, "2024-05-01T09:00Z", 1, 7)),
                broken))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Could not store 2 samples");

    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .extracting(Sample::value)
        .containsExactly(5.0);
    assertThat(store.state("cursor")).contains("1");
    assertThat(store.state("checkpoint")).isEmpty();
    assertThat(store.sources()).extracting(SourceSummary::source).containsExactly(PHONE);
    assertThat(store.daily(MetricType.STEPS, LocalDate.MIN, LocalDate.MAX))
        .singleElement()
        .extracting(DailyRollup::sum)
        .isEqualTo(5.0);
    // The store is still usable, and the rolled-back source can be created again.
    assertThat(store.upsert(List.of(steps(WATCH, "2024-05-01T09:00Z", 1, 7))).inserted())
        .isEqualTo(1);
    assertThat(store.sources()).hasSize(2);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void readsRunWhileAWriteIsInProgressAndSeeOnlyCommittedData() throws Exception {
    store.upsert(minuteHeartRate(WATCH, t("2024-05-01T00:00Z"), 10));
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Sample> pending = minuteHeartRate(PHONE, t("2024-05-01T00:00Z"), 2_000);
    // The write resolves each sample's source as it iterates, so it holds an open transaction
    // (with PHONE already inserted into sources) while it waits here.
    Iterable<Sample> slow =
        () ->
            new Iterator<>() {
              int next = 0;

              @Override
              public boolean hasNext() {
                return next < pending.size();
              }

              @Override
              public Sample next() {
                if (next == 1) {
                  writing.countDown();
                  await(release);
                }
                return pending.get(next++);
              }
            };
    // Own threads: the common pool may have a single thread on a small machine.
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    CompletableFuture<WriteResult> write =
        CompletableFuture.supplyAsync(
            () -> store.upsert(asCollection(slow, pending.size())), threads);
    try {
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

      List<Sample> seen =
          CompletableFuture.supplyAsync(
                  () -> store.samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now()), threads)
              .get(10, TimeUnit.SECONDS);
      List<SourceSummary> sources =
          CompletableFuture.supplyAsync(store::sources, threads).get(10, TimeUnit.SECONDS);

      assertThat(write).isNotDone();
      assertThat(seen).hasSize(10);
      assertThat(sources).extracting(SourceSummary::source).containsExactly(WATCH);
    } finally {
      release.countDown();
      threads.shutdown();
    }
    assertThat(write.get(30, TimeUnit.SECONDS).inserted()).isEqualTo(2_000);
    assertThat(store.samples(MetricType.HEART_RATE, Instant.EPOCH, Instant.now())).hasSize(2_010);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test latch never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> java.util.Collection<T> asCollection(Iterable<T> items, int size) {
    return new AbstractCollection<>() {
      @Override
      public Iterator<T> iterator() {
        return items.iterator();
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  // ---------------------------------------------------------------- lifecycle

  @Test
  void everythingSurvivesCloseAndReopen() {
    store.upsert(
        List.of(
            withId(MetricType.BODY_MASS, SCALE, "w", "2024-05-01T07:00+02:00", 72.5),
            steps(PHONE, "2024-05-01T09:00-05:00", 10, 999)),
        Map.of("cursor", "c1"));
    store.tombstone(SCALE, MetricType.BODY_MASS, List.of("gone"), Map.of());

    reopen();

    assertThat(store.samples(MetricType.BODY_MASS, Instant.EPOCH, Instant.now()))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.value()).isEqualTo(72.5);
          assertThat(s.start()).isEqualTo(t("2024-05-01T07:00+02:00"));
          assertThat(s.start().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
        });
    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .singleElement()
        .extracting(s -> s.end().getOffset())
        .isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(store.state("cursor")).contains("c1");
    assertThat(
            store.upsert(
                List.of(withId(MetricType.BODY_MASS, SCALE, "gone", "2024-05-01T07:00Z", 1))))
        .isEqualTo(new WriteResult(0, 0, 1));
    assertThat(store.sources()).hasSize(2);
  }

  /** The store looks up only samples not after the latest stored start: earlier ones must match. */
  @Test
  void samplesBeforeAndAfterTheLatestStoredStartAreAllRecognised() {
    Sample eight = steps(PHONE, "2024-05-01T08:00Z", 1, 5);
    Sample ten = steps(PHONE, "2024-05-01T10:00Z", 1, 7);
    store.upsert(List.of(ten, eight));

    Sample nine = steps(PHONE, "2024-05-01T09:00Z", 1, 1);
    Sample eleven = steps(PHONE, "2024-05-01T11:00Z", 1, 2);
    Sample tenOnAnotherDevice =
        new Sample(
            ten.type(), ten.start(), ten.end(), ten.value(), PHONE, "iPhone 15", null, Map.of());
    WriteResult second = store.upsert(List.of(eight, nine, eleven, eleven, tenOnAnotherDevice));

    assertThat(second).isEqualTo(new WriteResult(2, 1, 2));
    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .extracting(Sample::value, Sample::device)
        .containsExactly(
            tuple(5.0, null), tuple(1.0, null), tuple(7.0, "iPhone 15"), tuple(2.0, null));
    assertThat(store.daily(MetricType.STEPS, LocalDate.MIN, LocalDate.MAX))
        .singleElement()
        .extracting(DailyRollup::sum)
        .isEqualTo(15.0);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  /**
   * Into a store written by an older version: the steps type as metric type 7 and an Apple Health
   * iPhone as source 3, rows every version's schema has kept alike.
   */
  protected static void insertStepsAndAnIphone(Statement st) throws SQLException {
    st.executeUpdate(
        "INSERT INTO metric_types (id, code) VALUES (7, '" + MetricType.STEPS.id() + "')");
    st.executeUpdate(
        "INSERT INTO sources (id, provider, name, device_class) VALUES (3, 'apple_health',"
            + " 'iPhone', '"
            + DeviceClass.PHONE.id()
            + "')");
  }

  @Test
  void aVersion1StoreKeepsItsSamplesAndDevicesWhenUpgraded() throws Exception {
    Path old = Files.createDirectories(dir.resolve("written-by-v1"));
    migrations(old).target("1").load().migrate();
    long start = Instant.parse("2024-05-01T08:00:00Z").toEpochMilli();
    try (Connection c = rawConnection(old);
        Statement st = c.createStatement()) {
      insertStepsAndAnIphone(st);
      String[] devices = {"'iPhone 15'", "'Apple Watch'", "NULL", "'iPhone 15'"};
      for (int i = 0; i < devices.length; i++) {
        long at = start + i * 60_000L;
        st.executeUpdate(
            "INSERT INTO samples (id, type_id, source_id, start_ms, start_offset, end_ms,"
                + " end_offset, val, device, external_id, metadata, deleted) VALUES ("
                + (i + 1)
                + ", 7, 3, "
                + at
                + ", 0, "
                + (at + 60_000)
                + ", 0, "
                + (10 + i)
                + ", "
                + devices[i]
                + ", NULL, NULL, 0)");
      }
    }

    try (SampleStore upgraded = Stores.open(config(old))) {
      upgraded.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
      List<Sample> stored = upgraded.samples(MetricType.STEPS, Instant.EPOCH, Instant.now());
      assertThat(stored)
          .extracting(Sample::device)
          .containsExactly("iPhone 15", "Apple Watch", null, "iPhone 15");
      assertThat(stored).extracting(Sample::value).containsExactly(10.0, 11.0, 12.0, 13.0);
      assertThat(upgraded.checkIntegrity().problems()).isEmpty();

      // The same samples again are recognised as unchanged; a new device is a change.
      assertThat(upgraded.upsert(stored)).isEqualTo(new WriteResult(0, 0, 4));
      Sample moved = stored.get(2);
      Sample withDevice =
          new Sample(
              moved.type(),
              moved.start(),
              moved.end(),
              moved.value(),
              moved.source(),
              "iPad",
              null,
              Map.of());
      assertThat(upgraded.upsert(List.of(withDevice))).isEqualTo(new WriteResult(0, 1, 0));
    }
    try (SampleStore reopened = Stores.open(config(old))) {
      assertThat(reopened.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
          .extracting(Sample::device)
          .containsExactly("iPhone 15", "Apple Watch", "iPad", "iPhone 15");
    }
  }

  @Test
  void aClosedStoreRefusesWork() {
    store.close();
    assertThatThrownBy(() -> store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    store.close(); // closing twice is harmless
  }

  @Test
  void infoReportsEngineSchemaAndCounts() {
    store.upsert(
        List.of(steps(PHONE, "2024-05-01T08:00Z", 1, 5), steps(WATCH, "2024-05-01T08:00Z", 1, 6)));

    StoreInfo info = store.info();

    assertThat(info.engine()).isEqualTo(config(dir).engine());
    assertThat(info.encrypted()).isEqualTo(config(dir).encrypted());
    assertThat(info.location()).startsWith(dir);
    assertThat(info.location().getFileName().toString()).isEqualTo(Stores.fileName(info.engine()));
    assertThat(info.schemaVersion()).matches("[1-9][0-9]*(\\.[0-9]+)*");
    assertThat(info.engineVersion()).isNotBlank();
    assertThat(info.liveSamples()).isEqualTo(2);
    assertThat(info.tombstones()).isZero();
    assertThat(info.sources()).isEqualTo(2);
    assertThat(info.dayBoundaries()).isEqualTo("Z");
    assertThat(Stores.detectEngine(dir)).contains(info.engine());
  }

  @Test
  void integrityCheckFindsARollupThatDisagreesWithItsSamples() throws SQLException {
    store.upsert(minuteHeartRate(WATCH, t("2024-05-01T00:00Z"), 30));
    assertThat(store.checkIntegrity().ok()).isTrue();
    store.close();
    try (Connection c = rawConnection(dir);
        Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE daily_rollups SET sample_count = 99");
    }
    store = Stores.open(config(dir));

    IntegrityReport report = store.checkIntegrity();

    assertThat(report.ok()).isFalse();
    assertThat(report.problems())
        .singleElement()
        .asString()
        .contains("heart_rate / apple_health/Anna's Apple Watch / 2024-05-01")
        .contains("count 99")
        .contains("count 30");
  }

  @Test
  void anotherEnginesFolderIsNotOpenedByMistake() {
    Engine other = config(dir).engine() == Engine.SQLITE ? Engine.H2 : Engine.SQLITE;
    StoreConfig wrong = new StoreConfig(dir, other, null);
    assertThatThrownBy(() -> Stores.open(wrong))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("holds an")
        .hasMessageContaining("open it with the " + config(dir).engine().id() + " engine");
  }

  @Test
  void largeBatchesSpanManyDaysAndSources() {
    List<Sample> batch = new ArrayList<>();
    for (SourceRef src : List.of(WATCH, PHONE)) {
      batch.addAll(minuteHeartRate(src, t("2024-05-01T00:00Z"), 3 * 1440));
    }
    assertThat(store.upsert(batch).inserted()).isEqualTo(6 * 1440);
    assertThat(store.daily(MetricType.HEART_RATE, LocalDate.MIN, LocalDate.MAX))
        .hasSize(6)
        .allSatisfy(r -> assertThat(r.count()).isEqualTo(1440));
    assertThat(
            store.samples(
                MetricType.HEART_RATE,
                Instant.parse("2024-05-02T00:00:00Z"),
                Instant.parse("2024-05-02T00:00:00Z").plus(Duration.ofHours(1))))
        .hasSize(120);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void reimportsOfManyKeysAreMatchedWhateverTheirNumberPerType() {
    // Key lists of many lengths (1, 3, 500, 501, 1,234 ...) go to differently sized statements.
    List<Sample> first = new ArrayList<>();
    int[] perSource = {1, 3, 500, 501, 1234};
    for (int s = 0; s < perSource.length; s++) {
      SourceRef src = new SourceRef("apple_health", "app " + s);
      for (int i = 0; i < perSource[s]; i++) {
        String at = t("2024-05-01T00:00Z").plusMinutes(i).toString();
        first.add(withId(MetricType.BODY_MASS, src, "w-" + i, at, 70 + i % 7));
        first.add(steps(src, at, 1, i));
      }
    }
    store.upsert(first);
    List<Sample> again = new ArrayList<>(first);
    // A later copy of the 400th weight of the 1,234 with a corrected value.
    Sample corrected = again.get(again.size() - 2 * 834);
    again.set(
        again.size() - 2 * 834,
        withId(
            MetricType.BODY_MASS,
            corrected.source(),
            corrected.externalId(),
            corrected.start().toString(),
            99.9));

    WriteResult second = store.upsert(again);

    assertThat(second).isEqualTo(new WriteResult(0, 1, first.size() - 1));
    assertThat(store.info().liveSamples()).isEqualTo(first.size());
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  // ---------------------------------------------------------------- resolved days

  private ResolvedDays resolvedDays() {
    assertThat(store).isInstanceOf(ResolvedDays.class);
    return (ResolvedDays) store;
  }

  @Test
  void resolvedDaysAreKeptPerMetricAndDayEachReplacingTheLast() {
    LocalDate may1 = LocalDate.parse("2024-05-01");
    LocalDate may2 = may1.plusDays(1);
    resolvedDays()
        .putResolvedDays(
            MetricType.STEPS,
            Map.of(
                may1, new ResolvedDays.Entry("fp-1", "{\"v\":1}"),
                may2, new ResolvedDays.Entry("fp-2", "{\"v\":2}")));
    resolvedDays()
        .putResolvedDays(
            MetricType.HEART_RATE, Map.of(may1, new ResolvedDays.Entry("fp-h", "{\"v\":60}")));
    resolvedDays()
        .putResolvedDays(
            MetricType.STEPS, Map.of(may1, new ResolvedDays.Entry("fp-3", "{\"v\":3}")));

    reopen();

    assertThat(resolvedDays().resolvedDays(MetricType.STEPS, LocalDate.MIN, LocalDate.MAX))
        .containsOnly(
            Map.entry(may1, new ResolvedDays.Entry("fp-3", "{\"v\":3}")),
            Map.entry(may2, new ResolvedDays.Entry("fp-2", "{\"v\":2}")));
    assertThat(resolvedDays().resolvedDays(MetricType.STEPS, may2, may2)).containsOnlyKeys(may2);
    assertThat(resolvedDays().resolvedDays(MetricType.STEPS, may1.minusDays(9), may1.minusDays(1)))
        .isEmpty();
    assertThat(resolvedDays().resolvedDays(MetricType.HEART_RATE, may1, may2))
        .containsOnly(Map.entry(may1, new ResolvedDays.Entry("fp-h", "{\"v\":60}")));
    assertThat(store.stateWithPrefix("")).as("kept apart from the state").isEmpty();
  }

  @Test
  void aFailingWriteOfResolvedDaysKeepsThePreviousOnes() {
    LocalDate may1 = LocalDate.parse("2024-05-01");
    ResolvedDays.Entry kept = new ResolvedDays.Entry("fp-1", "{}");
    resolvedDays().putResolvedDays(MetricType.STEPS, Map.of(may1, kept));
    Map<LocalDate, ResolvedDays.Entry> broken = new java.util.LinkedHashMap<>();
    broken.put(may1, new ResolvedDays.Entry("fp-2", "{}"));
    broken.put(may1.plusDays(1), new ResolvedDays.Entry(null, "{}")); // refused by the database

    assertThatThrownBy(() -> resolvedDays().putResolvedDays(MetricType.STEPS, broken))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Could not store 2 resolved days of steps");

    assertThat(resolvedDays().resolvedDays(MetricType.STEPS, LocalDate.MIN, LocalDate.MAX))
        .containsOnly(Map.entry(may1, kept));
  }

  @Test
  void version7KeysFitbitExercisesAndWhoopRecordsByKindAndStartMinute() throws Exception {
    SourceRef fitbit = new SourceRef("fitbit", "Fitbit");
    SourceRef whoop = new SourceRef("whoop", "WHOOP");
    OffsetDateTime run = OffsetDateTime.parse("2024-05-01T07:30:12.345+02:00");
    OffsetDateTime night = OffsetDateTime.parse("2024-05-01T22:41:05-04:00");
    // As versions before 7 keyed them: Takeout by Fitbit's log id, the Google Health API by its
    // data point id (the same run, imported both ways), WHOOP's API by WHOOP's ids.
    store.upsert(
        List.of(
            new Sample(
                MetricType.WORKOUT,
                run,
                run.plusMinutes(45),
                45,
                fitbit,
                null,
                "38162559441",
                Map.of("activity", "Run")),
            new Sample(
                MetricType.WORKOUT,
                run,
                run.plusMinutes(45),
                44.5,
                fitbit,
                null,
                "4321551211811",
                Map.of("activity", "Run")),
            new Sample(
                MetricType.WORKOUT,
                run.plusDays(1),
                run.plusDays(1).plusMinutes(30),
                30,
                fitbit,
                null,
                "38200000000",
                Map.of()),
            new Sample(
                MetricType.SLEEP_IN_BED,
                night,
                night.plusHours(8),
                480,
                whoop,
                null,
                "ecfc6a15-4661-442f-a9a4-f160dd7afae8",
                Map.of()),
            new Sample(
                MetricType.HRV_RMSSD,
                night,
                night.plusHours(8),
                61,
                whoop,
                null,
                "ecfc6a15-4661-442f-a9a4-f160dd7afae8",
                Map.of()),
            new Sample(
                MetricType.WORKOUT,
                run,
                run.plusMinutes(20),
                20,
                whoop,
                null,
                "b3a0d4c2-5e1f-4a6b-9c7d-8e9f0a1b2c3d",
                Map.of()),
            new Sample(
                MetricType.DAY_STRAIN,
                night,
                night.plusHours(24),
                12.5,
                whoop,
                null,
                "93845",
                Map.of()),
            new Sample(
                MetricType.WORKOUT,
                run,
                run.plusMinutes(45),
                45,
                WATCH,
                null,
                "38162559441",
                Map.of())));
    store.close();
    try (Connection c = rawConnection(dir);
        Statement st = c.createStatement()) {
      // Forgotten with the later ones: Flyway runs only migrations newer than the newest applied.
      st.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('7', '8')");
    }

    store = Stores.open(config(dir));

    Instant from = run.toInstant().minus(Duration.ofDays(1));
    Instant to = run.toInstant().plus(Duration.ofDays(3));
    assertThat(store.samples(MetricType.WORKOUT, from, to))
        .extracting(s -> s.source().provider(), Sample::externalId, Sample::value)
        .containsExactlyInAnyOrder(
            tuple("fitbit", "exercise/2024-05-01T05:30:00Z", 45.0),
            tuple("fitbit", "exercise/2024-05-02T05:30:00Z", 30.0),
            tuple("whoop", "workout/2024-05-01T05:30:00Z", 20.0),
            tuple("apple_health", "38162559441", 45.0));
    assertThat(store.samples(MetricType.HRV_RMSSD, from, to))
        .extracting(Sample::externalId)
        .containsExactly("sleep/2024-05-02T02:41:00Z");
    assertThat(store.samples(MetricType.SLEEP_IN_BED, from, to))
        .extracting(Sample::externalId)
        .containsExactly("sleep/2024-05-02T02:41:00Z");
    assertThat(store.samples(MetricType.DAY_STRAIN, from, to))
        .extracting(Sample::externalId)
        .containsExactly("93845");
    LocalDate may1 = LocalDate.parse("2024-05-01");
    assertThat(store.daily(MetricType.WORKOUT, may1, may1))
        .filteredOn(r -> r.source().equals(fitbit))
        .extracting(DailyRollup::count, DailyRollup::sum)
        .containsExactly(tuple(1L, 45.0));
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void aBackupFromBeforeVersion7IsRestoredWithTheKeysOfVersion7() throws Exception {
    SourceRef whoop = new SourceRef("whoop", "WHOOP");
    OffsetDateTime night = OffsetDateTime.parse("2024-05-01T22:41:05-04:00");
    store.upsert(
        List.of(
            new Sample(
                MetricType.SLEEP_IN_BED,
                night,
                night.plusHours(8),
                480,
                whoop,
                null,
                "ecfc6a15-4661-442f-a9a4-f160dd7afae8",
                Map.of())));
    Path archive = dir.resolve("backup.zip");
    org.openvitals.core.backup.StoreBackup.write(store, archive);
    // As a version-6 store wrote it: the same rows under the manifest's older schema version.
    try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(archive)) {
      Path manifest = zip.getPath(org.openvitals.core.backup.StoreBackup.MANIFEST);
      String json = Files.readString(manifest);
      Files.writeString(
          manifest, json.replaceFirst("(\"schema_version\"\\s*:\\s*)\"\\d+\"", "$1\"6\""));
      assertThat(Files.readString(manifest)).isNotEqualTo(json);
    }
    Path restored = dir.resolve("restored");

    org.openvitals.core.backup.StoreBackup.restore(archive, config(restored));

    try (SampleStore copy = Stores.open(config(restored))) {
      assertThat(
              copy.samples(
                  MetricType.SLEEP_IN_BED,
                  night.toInstant().minusSeconds(60),
                  night.toInstant().plusSeconds(60)))
          .extracting(Sample::externalId)
          .containsExactly("sleep/2024-05-02T02:41:00Z");
    }
  }

  @Test
  void aVersion2StoreDropsOnlyTheResolvedResultsItKeptInItsStateWhenUpgraded() throws Exception {
    Path old = Files.createDirectories(dir.resolve("written-by-v2"));
    migrations(old).target("2").load().migrate();
    try (Connection c = rawConnection(old);
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO state (state_key, state_value) VALUES"
              + " ('rules.resolved.steps.2024-05-01', '{\"fp\":\"x\",\"value\":1.0}'),"
              + " ('rules.resolved.heart_rate.2024-05-02', '{}'),"
              + " ('rules.preferences.current', '7'),"
              + " ('sync.oura.cursor', 'abc')");
    }

    try (SampleStore upgraded = Stores.open(config(old))) {
      assertThat(upgraded.info().schemaVersion()).isEqualTo(Migrations.LATEST);
      assertThat(upgraded.stateWithPrefix(""))
          .containsOnly(
              Map.entry("rules.preferences.current", "7"), Map.entry("sync.oura.cursor", "abc"));
      ResolvedDays results = (ResolvedDays) upgraded;
      LocalDate may1 = LocalDate.parse("2024-05-01");
      results.putResolvedDays(MetricType.STEPS, Map.of(may1, new ResolvedDays.Entry("fp", "{}")));
      assertThat(results.resolvedDays(MetricType.STEPS, may1, may1)).containsOnlyKeys(may1);
    }
  }

  // ---- records of types the catalog does not know (docs/decisions/0008-unknown-types.md)

  private static OtherSample mindful(OffsetDateTime start, String externalId) {
    return new OtherSample(
        "HKCategoryTypeIdentifierMindfulSession",
        null,
        start,
        start.plusMinutes(10),
        "HKCategoryValueNotApplicable",
        PHONE,
        "iPhone 15",
        externalId,
        Map.of("HKTimeZone", "Europe/Berlin"));
  }

  @Test
  void recordsOfOtherTypesAreKeptOnceEachAndSurviveAReopen() {
    OffsetDateTime at = t("2024-05-01T07:00Z");
    assertThat(store.upsertOther(List.of(mindful(at, null), mindful(at.plusHours(1), "u-1"))))
        .isEqualTo(2);
    // The same records again, one with another offset: nothing new.
    assertThat(
            store.upsertOther(
                List.of(
                    mindful(at.withOffsetSameInstant(CET), null), mindful(at.plusHours(1), "u-1"))))
        .isZero();
    reopen();
    List<OtherSample> kept = new ArrayList<>();
    store.forEachOther(kept::add);
    assertThat(kept).containsExactly(mindful(at, null), mindful(at.plusHours(1), "u-1"));
    assertThat(store.otherTypes())
        .extracting(OtherTypeSummary::source, OtherTypeSummary::type, OtherTypeSummary::count)
        .containsExactly(tuple(PHONE, "HKCategoryTypeIdentifierMindfulSession", 2L));
    assertThat(store.sources()).extracting(SourceSummary::source).contains(PHONE);
  }

  @Test
  void promotingOtherRecordsMakesThemSamplesWithRollups() {
    OffsetDateTime at = t("2024-05-01T07:00Z");
    store.upsertOther(
        List.of(
            new OtherSample(
                "HKQuantityTypeIdentifierFuture", "g", at, at, "12.5", PHONE, null, null, Map.of()),
            new OtherSample(
                "HKQuantityTypeIdentifierFuture",
                "g",
                at.plusHours(2),
                at.plusHours(2),
                "7.5",
                PHONE,
                null,
                null,
                Map.of()),
            mindful(at, null)));

    WriteResult promoted =
        store.promoteOther(
            PHONE,
            "HKQuantityTypeIdentifierFuture",
            o ->
                Optional.of(
                    new Sample(
                        MetricType.PROTEIN,
                        o.start(),
                        o.end(),
                        o.number(),
                        o.source(),
                        null,
                        null,
                        Map.of())));

    assertThat(promoted.inserted()).isEqualTo(2);
    assertThat(store.daily(MetricType.PROTEIN, LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 1)))
        .extracting(DailyRollup::sum)
        .containsExactly(20.0);
    assertThat(store.otherTypes())
        .extracting(OtherTypeSummary::type)
        .containsExactly("HKCategoryTypeIdentifierMindfulSession");
    // A mapping that does not know the type leaves its records alone.
    assertThat(
            store.promoteOther(
                PHONE, "HKCategoryTypeIdentifierMindfulSession", o -> Optional.empty()))
        .isEqualTo(WriteResult.EMPTY);
    assertThat(store.otherTypes()).hasSize(1);
  }
}
