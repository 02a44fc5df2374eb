package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.phone.PhoneBatch;
import org.openvitals.core.store.phone.PhoneBatchResult;
import org.openvitals.core.store.phone.PhoneSample;
import org.openvitals.core.store.phone.PhoneSyncStore;
import org.openvitals.core.store.phone.PhoneUploads;
import org.openvitals.core.time.DayBoundaries;

/**
 * The phone protocol's store side ({@link PhoneSyncStore}), on every engine: the engine test
 * classes extend this, so each runs these as well as the {@link SampleStoreContract}.
 */
public abstract class PhoneSyncStoreContract extends SampleStoreContract {

  private static final String IPHONE = "device-1";
  private static final String STEPS_STREAM = "HKQuantityTypeIdentifierStepCount";
  private static final String HR_STREAM = "HKQuantityTypeIdentifierHeartRate";
  private static final Instant NOW = Instant.parse("2024-05-02T10:00:00Z");

  private PhoneSyncStore phones() {
    return PhoneSyncStore.of(store);
  }

  private static UUID uuid(int n) {
    return new UUID(0x0123_4567_89ab_cdefL, n);
  }

  private static PhoneSample phone(int uuid, Sample sample) {
    return new PhoneSample(uuid(uuid), sample);
  }

  private static PhoneBatch batch(
      UUID batchId, String anchor, List<PhoneSample> upserts, List<UUID> deleted) {
    return new PhoneBatch(IPHONE, batchId, STEPS_STREAM, anchor, upserts, deleted, Map.of(), NOW);
  }

  private static PhoneBatch batch(String anchor, List<PhoneSample> upserts, List<UUID> deleted) {
    return batch(UUID.randomUUID(), anchor, upserts, deleted);
  }

  private List<Sample> stepsStored() {
    return store.samples(MetricType.STEPS, Instant.EPOCH, NOW);
  }

  private DailyRollup stepsRollup(String day) {
    List<DailyRollup> rollups =
        store.daily(MetricType.STEPS, LocalDate.parse(day), LocalDate.parse(day));
    assertThat(rollups).hasSize(1);
    return rollups.getFirst();
  }

  // ---------------------------------------------------------------- idempotency

  @Test
  void aRepeatedBatchIdGetsTheSameAnswerAndChangesNothing() {
    UUID batchId = UUID.randomUUID();
    PhoneBatch first =
        batch(
            batchId,
            "anchor-1",
            List.of(
                phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500)),
                phone(2, steps(PHONE, "2024-05-01T09:00Z", 10, 700))),
            List.of());
    PhoneBatchResult answer = phones().applyPhoneBatch(first);
    phones()
        .applyPhoneBatch(
            batch(
                "anchor-2",
                List.of(phone(3, steps(PHONE, "2024-05-01T10:00Z", 10, 900))),
                List.of()));

    // The same id again, even with other content (a client bug), is not applied a second time.
    PhoneBatch again =
        batch(
            batchId,
            "anchor-1",
            List.of(phone(4, steps(PHONE, "2024-05-01T11:00Z", 10, 1))),
            List.of(uuid(1)));
    PhoneBatchResult replay = phones().applyPhoneBatch(again);

    assertThat(answer.replayed()).isFalse();
    assertThat(answer.inserted()).isEqualTo(2);
    assertThat(answer.acknowledgedAnchor()).isEqualTo("anchor-1");
    assertThat(replay.replayed()).isTrue();
    assertThat(replay).isEqualTo(answer.asReplay());
    assertThat(stepsStored()).extracting(Sample::value).containsExactly(500.0, 700.0, 900.0);
    assertThat(phones().phoneAnchors(IPHONE)).containsExactly(Map.entry(STEPS_STREAM, "anchor-2"));
    assertThat(phones().phoneUploads())
        .singleElement()
        .extracting(PhoneUploads::batches, PhoneUploads::samplesReceived)
        .containsExactly(2L, 3L);
  }

  @Test
  void theAnswerSurvivesReopeningTheStore() {
    UUID batchId = UUID.randomUUID();
    PhoneBatch sent =
        new PhoneBatch(
            IPHONE,
            batchId,
            STEPS_STREAM,
            "anchor-1",
            List.of(phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500))),
            List.of(uuid(9)),
            Map.of("HKQuantityTypeIdentifierNumberOfAlcoholicBeverages", 2),
            NOW);
    PhoneBatchResult answer = phones().applyPhoneBatch(sent);

    reopen();

    assertThat(phones().applyPhoneBatch(sent)).isEqualTo(answer.asReplay());
    assertThat(answer.unmapped())
        .containsExactly(Map.entry("HKQuantityTypeIdentifierNumberOfAlcoholicBeverages", 2));
    assertThat(phones().phoneBatches(IPHONE, 10)).containsExactly(answer);
  }

  @Test
  void aBatchIdOfAnotherDeviceIsRefused() {
    UUID batchId = UUID.randomUUID();
    phones().applyPhoneBatch(batch(batchId, "a", List.of(), List.of()));
    PhoneBatch other =
        new PhoneBatch("device-2", batchId, STEPS_STREAM, "b", List.of(), List.of(), Map.of(), NOW);

    assertThatThrownBy(() -> phones().applyPhoneBatch(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another device");
    assertThat(phones().phoneAnchors("device-2")).isEmpty();
  }

  // ---------------------------------------------------------------- UUIDs

  @Test
  void aUuidTwiceInOneBatchIsOneRowWithTheLaterValues() {
    PhoneBatchResult answer =
        phones()
            .applyPhoneBatch(
                batch(
                    "a",
                    List.of(
                        phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500)),
                        phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 550))),
                    List.of()));

    assertThat(stepsStored()).extracting(Sample::value).containsExactly(550.0);
    assertThat(answer.inserted()).isEqualTo(1);
    assertThat(answer.samplesReceived()).isEqualTo(2);
    assertThat(stepsRollup("2024-05-01").sum()).isEqualTo(550.0);
  }

  @Test
  void aUuidSentAgainIsOneRowAndItsChangedValuesUpdateIt() {
    phones()
        .applyPhoneBatch(
            batch("a", List.of(phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500))), List.of()));

    PhoneBatchResult same =
        phones()
            .applyPhoneBatch(
                batch(
                    "b", List.of(phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500))), List.of()));
    PhoneBatchResult changed =
        phones()
            .applyPhoneBatch(
                batch(
                    "c", List.of(phone(1, steps(PHONE, "2024-05-01T08:05Z", 10, 620))), List.of()));

    assertThat(same.unchanged()).isEqualTo(1);
    assertThat(same.inserted()).isZero();
    assertThat(changed.updated()).isEqualTo(1);
    assertThat(changed.inserted()).isZero();
    assertThat(stepsStored())
        .extracting(Sample::start, Sample::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(t("2024-05-01T08:05Z"), 620.0));
    DailyRollup day = stepsRollup("2024-05-01");
    assertThat(day.count()).isEqualTo(1);
    assertThat(day.sum()).isEqualTo(620.0);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  @Test
  void aSyncIdentifierKeysTheSampleAsTheExportImporterDoes() {
    // A third-party app re-saves a sample under the same HKMetadataKeySyncIdentifier with a
    // higher HKMetadataKeySyncVersion: HealthKit gives it a new UUID and deletes the old object.
    Sample version3 = syncSample("oura-steps-08", 1104, "3");
    Sample version4 = syncSample("oura-steps-08", 1120, "4");
    phones().applyPhoneBatch(batch("a", List.of(phone(1, version3)), List.of()));

    PhoneBatchResult replaced =
        phones().applyPhoneBatch(batch("b", List.of(phone(2, version4)), List.of(uuid(1))));

    assertThat(replaced.updated()).isEqualTo(1);
    assertThat(replaced.samplesDeleted()).isZero();
    assertThat(stepsStored()).extracting(Sample::value).containsExactly(1120.0);
    // The export of the same history adds nothing: its copy has the same sync identifier.
    assertThat(store.upsert(List.of(version4)).unchanged()).isEqualTo(1);
    assertThat(stepsStored()).hasSize(1);
  }

  private static Sample syncSample(String syncId, double value, String version) {
    OffsetDateTime start = t("2024-05-01T08:00Z");
    return new Sample(
        MetricType.STEPS,
        start,
        start.plusHours(1),
        value,
        new org.openvitals.core.model.SourceRef("apple_health", "Oura"),
        null,
        syncId,
        Map.of("HKMetadataKeySyncIdentifier", syncId, "HKMetadataKeySyncVersion", version));
  }

  @Test
  void oneUuidMayNameASampleOfEachTypeAndItsDeletionRemovesThemAll() {
    OffsetDateTime at = t("2024-05-01T07:30Z");
    Sample systolic = Sample.of(MetricType.BLOOD_PRESSURE_SYSTOLIC, at, at, 121, PHONE);
    Sample diastolic = Sample.of(MetricType.BLOOD_PRESSURE_DIASTOLIC, at, at, 79, PHONE);
    PhoneBatchResult added =
        phones()
            .applyPhoneBatch(
                batch("a", List.of(phone(1, systolic), phone(1, diastolic)), List.of()));

    PhoneBatchResult removed = phones().applyPhoneBatch(batch("b", List.of(), List.of(uuid(1))));

    assertThat(added.inserted()).isEqualTo(2);
    assertThat(removed.samplesDeleted()).isEqualTo(2);
    assertThat(store.samples(MetricType.BLOOD_PRESSURE_SYSTOLIC, Instant.EPOCH, NOW)).isEmpty();
    assertThat(store.samples(MetricType.BLOOD_PRESSURE_DIASTOLIC, Instant.EPOCH, NOW)).isEmpty();
  }

  @Test
  void aReadingSentUnderTwoUuidsGoesOnlyWhenBothAreDeleted() {
    Sample reading = steps(PHONE, "2024-05-01T08:00Z", 10, 500);
    phones().applyPhoneBatch(batch("a", List.of(phone(1, reading), phone(2, reading)), List.of()));

    PhoneBatchResult first = phones().applyPhoneBatch(batch("b", List.of(), List.of(uuid(1))));
    List<Sample> afterFirst = stepsStored();
    PhoneBatchResult second = phones().applyPhoneBatch(batch("c", List.of(), List.of(uuid(2))));

    assertThat(first.samplesDeleted()).isZero();
    assertThat(afterFirst).hasSize(1);
    assertThat(second.samplesDeleted()).isEqualTo(1);
    assertThat(stepsStored()).isEmpty();
    // A new object with the same reading (entered again) brings it back.
    PhoneBatchResult again =
        phones().applyPhoneBatch(batch("d", List.of(phone(3, reading)), List.of()));
    assertThat(again.updated()).isEqualTo(1);
    assertThat(stepsStored()).hasSize(1);
    assertThat(stepsRollup("2024-05-01").sum()).isEqualTo(500.0);
  }

  // ---------------------------------------------------------------- deletions

  @Test
  void aDeletionWinsWhenItArrivesBeforeItsSample() {
    PhoneBatchResult deletion = phones().applyPhoneBatch(batch("a", List.of(), List.of(uuid(1))));

    PhoneBatchResult late =
        phones()
            .applyPhoneBatch(
                batch(
                    "b", List.of(phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500))), List.of()));

    assertThat(deletion.samplesDeleted()).isZero();
    assertThat(late.suppressed()).isEqualTo(1);
    assertThat(late.inserted()).isZero();
    assertThat(stepsStored()).isEmpty();
    assertThat(store.daily(MetricType.STEPS, LocalDate.MIN, LocalDate.MAX)).isEmpty();
  }

  @Test
  void aDeletionWinsOverItsSampleInTheSameBatch() {
    PhoneBatchResult answer =
        phones()
            .applyPhoneBatch(
                batch(
                    "a",
                    List.of(
                        phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500)),
                        phone(2, steps(PHONE, "2024-05-01T09:00Z", 10, 700))),
                    List.of(uuid(1))));

    assertThat(answer.suppressed()).isEqualTo(1);
    assertThat(answer.inserted()).isEqualTo(1);
    assertThat(stepsStored()).extracting(Sample::value).containsExactly(700.0);
  }

  @Test
  void aDeletionUpdatesRollupsAndTheRulesStoredDays() {
    phones()
        .applyPhoneBatch(
            batch(
                "a",
                List.of(
                    phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500)),
                    phone(2, steps(PHONE, "2024-05-01T09:00Z", 10, 700)),
                    phone(3, steps(PHONE, "2024-05-01T10:00Z", 10, 100))),
                List.of()));
    RulesService rules = new RulesService(store, Clock.fixed(NOW, ZoneOffset.UTC));
    LocalDate day = LocalDate.parse("2024-05-01");
    assertThat(rules.daily(MetricType.STEPS, day, day))
        .singleElement()
        .extracting(ResolvedDay::value)
        .isEqualTo(1300.0);

    PhoneBatchResult answer = phones().applyPhoneBatch(batch("b", List.of(), List.of(uuid(3))));

    assertThat(answer.samplesDeleted()).isEqualTo(1);
    DailyRollup rollup = stepsRollup("2024-05-01");
    assertThat(rollup.count()).isEqualTo(2);
    assertThat(rollup.sum()).isEqualTo(1200.0);
    assertThat(rollup.min()).isEqualTo(500.0);
    assertThat(rules.daily(MetricType.STEPS, day, day))
        .singleElement()
        .extracting(ResolvedDay::value)
        .isEqualTo(1200.0);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  // ---------------------------------------------------------------- export and phone

  @Test
  void aReadingImportedFromAnExportAndThenSentByThePhoneIsOneRow() {
    List<Sample> export =
        List.of(
            steps(PHONE, "2024-05-01T08:00+02:00", 10, 500),
            steps(PHONE, "2024-05-01T09:00+02:00", 10, 700));
    store.upsert(export);

    PhoneBatchResult sent =
        phones()
            .applyPhoneBatch(
                batch("a", List.of(phone(1, export.get(0)), phone(2, export.get(1))), List.of()));

    assertThat(sent.inserted()).isZero();
    assertThat(sent.unchanged()).isEqualTo(2);
    assertThat(stepsStored()).hasSize(2);
    // The row adopted the UUID: the phone's deletion of it removes the exported reading.
    PhoneBatchResult deleted = phones().applyPhoneBatch(batch("b", List.of(), List.of(uuid(1))));
    assertThat(deleted.samplesDeleted()).isEqualTo(1);
    assertThat(stepsStored()).extracting(Sample::value).containsExactly(700.0);
    assertThat(stepsRollup("2024-05-01").count()).isEqualTo(1);
  }

  @Test
  void anExportImportedAfterThePhoneSentItsReadingsAddsNothing() {
    List<Sample> readings = new ArrayList<>();
    List<PhoneSample> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Sample s = steps(PHONE, "2024-05-01T08:00Z", 1, 10 + i);
      Sample shifted =
          new Sample(
              s.type(),
              s.start().plusMinutes(i),
              s.end().plusMinutes(i),
              s.value(),
              s.source(),
              "iPhone 15",
              null,
              Map.of());
      readings.add(shifted);
      sent.add(phone(i, shifted));
    }
    phones().applyPhoneBatch(batch("a", sent, List.of()));

    WriteResult export = store.upsert(readings);

    assertThat(export.inserted()).isZero();
    assertThat(export.unchanged()).isEqualTo(50);
    assertThat(stepsStored()).hasSize(50);
    assertThat(stepsRollup("2024-05-01").count()).isEqualTo(50);
  }

  // ---------------------------------------------------------------- anchors

  @Test
  void anchorsArePerDeviceAndStreamAndAResyncForgetsThemButKeepsTheSamples() {
    phones()
        .applyPhoneBatch(
            batch(
                "steps-1",
                List.of(phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500))),
                List.of()));
    phones()
        .applyPhoneBatch(
            new PhoneBatch(
                IPHONE,
                UUID.randomUUID(),
                HR_STREAM,
                "hr-1",
                List.of(phone(2, heartRate(WATCH, t("2024-05-01T08:00Z"), 61))),
                List.of(),
                Map.of(),
                NOW));
    phones().applyPhoneBatch(batch("steps-2", List.of(), List.of()));
    phones()
        .applyPhoneBatch(
            new PhoneBatch(
                "device-2",
                UUID.randomUUID(),
                STEPS_STREAM,
                "other",
                List.of(),
                List.of(),
                Map.of(),
                NOW));

    assertThat(phones().phoneAnchors(IPHONE))
        .containsExactly(Map.entry(HR_STREAM, "hr-1"), Map.entry(STEPS_STREAM, "steps-2"));

    assertThat(phones().startPhoneResync(IPHONE)).isEqualTo(2);

    assertThat(phones().phoneAnchors(IPHONE)).isEmpty();
    assertThat(phones().phoneAnchors("device-2")).containsExactly(Map.entry(STEPS_STREAM, "other"));
    assertThat(stepsStored()).hasSize(1);
    // The full resend matches every sample by UUID.
    PhoneBatchResult resent =
        phones()
            .applyPhoneBatch(
                batch(
                    "steps-1b",
                    List.of(phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500))),
                    List.of()));
    assertThat(resent.unchanged()).isEqualTo(1);
    assertThat(resent.inserted()).isZero();
    assertThat(phones().phoneAnchors(IPHONE)).containsExactly(Map.entry(STEPS_STREAM, "steps-1b"));
    assertThat(phones().phoneUploads())
        .extracting(PhoneUploads::deviceId, PhoneUploads::batches)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(IPHONE, 4L),
            org.assertj.core.groups.Tuple.tuple("device-2", 1L));
  }

  @Test
  void twoPhonesOfOnePersonSendingTheSameObjectsStoreThemOnce() {
    // HealthKit syncs objects between a person's devices with their UUIDs, so an iPad and an
    // iPhone paired with the same desktop send the same UUIDs.
    List<PhoneSample> shared =
        List.of(
            phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500)),
            phone(2, steps(PHONE, "2024-05-01T09:00Z", 10, 700)));
    PhoneBatchResult first = phones().applyPhoneBatch(batch("phone-a", shared, List.of()));
    PhoneBatchResult second =
        phones()
            .applyPhoneBatch(
                new PhoneBatch(
                    "device-2",
                    UUID.randomUUID(),
                    STEPS_STREAM,
                    "ipad-a",
                    shared,
                    List.of(),
                    Map.of(),
                    NOW));
    PhoneBatchResult deletedOnOne =
        phones()
            .applyPhoneBatch(
                new PhoneBatch(
                    "device-2",
                    UUID.randomUUID(),
                    STEPS_STREAM,
                    "ipad-b",
                    List.of(),
                    List.of(uuid(2)),
                    Map.of(),
                    NOW));

    assertThat(first.inserted()).isEqualTo(2);
    assertThat(second.inserted()).isZero();
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(deletedOnOne.samplesDeleted()).isEqualTo(1);
    assertThat(stepsStored()).extracting(Sample::value).containsExactly(500.0);
    assertThat(phones().phoneAnchors(IPHONE)).containsExactly(Map.entry(STEPS_STREAM, "phone-a"));
    assertThat(phones().phoneAnchors("device-2"))
        .containsExactly(Map.entry(STEPS_STREAM, "ipad-b"));
    // The other phone sends the deleted object again before it hears of the deletion: it stays out.
    assertThat(
            phones()
                .applyPhoneBatch(batch("phone-b", shared.subList(1, 2), List.of()))
                .suppressed())
        .isEqualTo(1);
    assertThat(stepsStored()).hasSize(1);
  }

  // ---------------------------------------------------------------- failure

  @Test
  void aBatchThatFailsPartWayCommitsNothing() throws SQLException {
    phones()
        .applyPhoneBatch(
            batch(
                "a",
                List.of(
                    phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500)),
                    phone(2, steps(PHONE, "2024-05-01T09:00Z", 10, 700))),
                List.of()));
    store.close();
    // A constraint the batch's second sample will break, after its deletion and first sample were
    // written inside the transaction.
    try (Connection c = rawConnection(dir);
        Statement st = c.createStatement()) {
      st.execute("CREATE UNIQUE INDEX damage_one_value_per_type ON samples (type_id, val)");
    }
    reopen();
    UUID batchId = UUID.randomUUID();
    PhoneBatch failing =
        batch(
            batchId,
            "b",
            List.of(
                phone(3, steps(PHONE, "2024-05-01T10:00Z", 10, 900)),
                phone(4, steps(PHONE, "2024-05-01T11:00Z", 10, 700))),
            List.of(uuid(1)));

    assertThatThrownBy(() -> phones().applyPhoneBatch(failing))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("phone batch " + batchId);

    assertThat(stepsStored()).extracting(Sample::value).containsExactly(500.0, 700.0);
    assertThat(stepsRollup("2024-05-01").sum()).isEqualTo(1200.0);
    assertThat(phones().phoneAnchors(IPHONE)).containsExactly(Map.entry(STEPS_STREAM, "a"));
    assertThat(phones().phoneBatches(IPHONE, 10)).hasSize(1);
    // The deletion was not kept either: the sample it named can still be re-sent.
    store.close();
    try (Connection c = rawConnection(dir);
        Statement st = c.createStatement()) {
      st.execute("DROP INDEX damage_one_value_per_type");
    }
    reopen();
    PhoneBatchResult retried = phones().applyPhoneBatch(failing);
    assertThat(retried.replayed()).isFalse();
    assertThat(retried.samplesDeleted()).isEqualTo(1);
    assertThat(stepsStored()).extracting(Sample::value).containsExactly(700.0, 900.0, 700.0);
    assertThat(store.checkIntegrity().problems()).isEmpty();
  }

  // ---------------------------------------------------------------- upgrading a store

  @Test
  void aStoreFromBeforeVersion8KeepsWhatItsUuidsNameWhenUpgraded() throws Exception {
    // A UUID whose high half is negative and differs from uuid(n)'s: the two halves are signed.
    UUID other = new UUID(0x8000_0000_0000_0001L, 5);
    java.nio.file.Path old = java.nio.file.Files.createDirectories(dir.resolve("written-by-v6"));
    migrations(old).target("6").load().migrate();
    long eight = t("2024-05-01T08:00Z").toInstant().toEpochMilli();
    try (Connection c = rawConnection(old);
        Statement st = c.createStatement()) {
      insertStepsAndAnIphone(st);
      double[] values = {500, 700, 900, 300};
      for (int i = 0; i < values.length; i++) {
        long at = eight + i * 3_600_000L;
        st.executeUpdate(
            "INSERT INTO samples (id, type_id, source_id, start_ms, start_offset, end_ms,"
                + " end_offset, val, device_id, external_id, metadata, deleted) VALUES ("
                + (i + 1)
                + ", 7, 3, "
                + at
                + ", 0, "
                + (at + 600_000)
                + ", 0, "
                + values[i]
                + ", NULL, NULL, NULL, 0)");
      }
      // As version 4 to 7 kept them: the UUIDs' text.
      String[] uuids = {uuid(1).toString(), uuid(2).toString(), other.toString()};
      for (int i = 0; i < uuids.length; i++) {
        st.executeUpdate(
            "INSERT INTO sample_uuids (uuid, type_id, sample_id) VALUES ('"
                + uuids[i]
                + "', 7, "
                + (i + 1)
                + ")");
      }
      st.executeUpdate(
          "INSERT INTO uuid_tombstones (uuid, batch_id) VALUES ('"
              + uuid(9)
              + "', '"
              + UUID.randomUUID()
              + "')");
    }

    try (SampleStore upgraded = Stores.open(config(old))) {
      upgraded.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
      PhoneSyncStore phones = PhoneSyncStore.of(upgraded);
      // uuid(1) sent again as it was: re-matched, nothing new.
      PhoneBatchResult same =
          phones.applyPhoneBatch(
              batch(
                  "a-1", List.of(phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500))), List.of()));
      // uuid(2) deleted: its row goes.
      PhoneBatchResult deletion = phones.applyPhoneBatch(batch("a-2", List.of(), List.of(uuid(2))));
      // The other UUID with new content: its old row goes, the new content takes its place.
      PhoneBatchResult moved =
          phones.applyPhoneBatch(
              batch(
                  "a-3",
                  List.of(new PhoneSample(other, steps(PHONE, "2024-05-01T10:00Z", 10, 950))),
                  List.of()));
      // A deletion recorded before the upgrade still wins.
      PhoneBatchResult afterTombstone =
          phones.applyPhoneBatch(
              batch("a-4", List.of(phone(9, steps(PHONE, "2024-05-01T12:00Z", 10, 1))), List.of()));

      assertThat(same.inserted()).isZero();
      assertThat(same.unchanged()).isEqualTo(1);
      assertThat(deletion.samplesDeleted()).isEqualTo(1);
      assertThat(moved.updated()).isEqualTo(1);
      assertThat(moved.samplesDeleted()).isEqualTo(1);
      assertThat(afterTombstone.suppressed()).isEqualTo(1);
      assertThat(upgraded.samples(MetricType.STEPS, Instant.EPOCH, NOW))
          .extracting(Sample::value)
          .containsExactly(500.0, 950.0, 300.0);
    }
    try (Connection c = rawConnection(old);
        Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT uuid_hi, uuid_lo, sample_id FROM sample_uuids ORDER BY uuid_hi, uuid_lo")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(new UUID(rs.getLong(1), rs.getLong(2)) + " " + rs.getLong(3));
      }
      assertThat(rows).containsExactly(other + " 5", uuid(1) + " 1");
    }
  }

  @Test
  void aBackupFromBeforeVersion8IsRestoredWithItsUuids() throws Exception {
    phones()
        .applyPhoneBatch(
            batch(
                "a-1",
                List.of(
                    phone(1, steps(PHONE, "2024-05-01T08:00Z", 10, 500)),
                    phone(2, steps(PHONE, "2024-05-01T09:00Z", 10, 700))),
                List.of()));
    java.nio.file.Path archive = dir.resolve("backup.zip");
    org.openvitals.core.backup.StoreBackup.write(store, archive);
    // As version 7 wrote it: the UUIDs' text, under the manifest's older schema version.
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(archive)) {
      java.nio.file.Path manifest = zip.getPath(org.openvitals.core.backup.StoreBackup.MANIFEST);
      String text = java.nio.file.Files.readString(manifest);
      java.nio.file.Files.writeString(
          manifest, text.replaceFirst("(\"schema_version\"\\s*:\\s*)\"\\d+\"", "$1\"7\""));
      java.nio.file.Path uuids = zip.getPath("tables/sample_uuids.jsonl");
      List<String> lines = java.nio.file.Files.readAllLines(uuids);
      assertThat(json.readTree(lines.getFirst()).toString())
          .isEqualTo("[\"uuid_hi\",\"uuid_lo\",\"type_id\",\"sample_id\"]");
      List<String> older = new ArrayList<>(List.of("[\"uuid\",\"type_id\",\"sample_id\"]"));
      for (String line : lines.subList(1, lines.size())) {
        var row = json.readTree(line);
        UUID uuid = new UUID(row.get(0).asLong(), row.get(1).asLong());
        older.add("[\"" + uuid + "\"," + row.get(2) + "," + row.get(3) + "]");
      }
      assertThat(older).hasSize(3);
      java.nio.file.Files.write(uuids, older);
    }
    java.nio.file.Path restored = dir.resolve("restored");

    org.openvitals.core.backup.StoreBackup.restore(archive, config(restored));

    try (SampleStore copy = Stores.open(config(restored))) {
      copy.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
      PhoneBatchResult deletion =
          PhoneSyncStore.of(copy).applyPhoneBatch(batch("a-2", List.of(), List.of(uuid(2))));
      assertThat(deletion.samplesDeleted()).isEqualTo(1);
      assertThat(copy.samples(MetricType.STEPS, Instant.EPOCH, NOW))
          .extracting(Sample::value)
          .containsExactly(500.0);
    }
  }
}
