package org.openvitals.bridge.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.bridge.EndpointFixture;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.connectors.applehealth.AppleHealthImporter;
import org.openvitals.connectors.applehealth.ExportGenerator;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/** The reference phone against a live desktop: the whole wire, a real store, a generated export. */
class PhoneSimTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  static Path export;

  /** Live samples per metric after a plain import of the same export: what the phone must match. */
  static Map<MetricType, Integer> imported;

  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void generateAndImport() throws Exception {
    export = ExportGenerator.writeZip(shared.resolve("export.zip"), 600_000, 7).path();
    try (SampleStore store = Stores.open(StoreConfig.sqlite(shared.resolve("imported")))) {
      new AppleHealthImporter().importFile(export, store, null);
      imported = counts(store);
    }
    assertThat(imported.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(1_000);
  }

  static Map<MetricType, Integer> counts(SampleStore store) {
    Map<MetricType, Integer> counts = new EnumMap<>(MetricType.class);
    for (MetricType t : MetricType.values()) {
      int n =
          store
              .samples(t, java.time.Instant.EPOCH, java.time.Instant.parse("2100-01-01T00:00:00Z"))
              .size();
      if (n > 0) {
        counts.put(t, n);
      }
    }
    return counts;
  }

  static int total(Map<MetricType, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  private PhoneSim.Report send(EndpointFixture fx, PhoneSim.Options options) throws Exception {
    return PhoneSim.run(fx.payload(), export, options, log::add);
  }

  @Test
  void aBatchGoesOutEarlyWhenItsJsonReachesTheByteLimit() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      PhoneSim.Report r = send(fx, new PhoneSim.Options(10_000, 0, "Anna", 0, 64 * 1024));

      assertThat(r.rejected()).as(String.join("\n", log)).isZero();
      assertThat(r.acknowledged()).isEqualTo(r.sent());
      assertThat(counts(fx.store)).isEqualTo(imported);
      // Every batch held at most what fits in 64 KiB plus one sample, far under 10,000 samples.
      assertThat(fx.uploads).allMatch(u -> u.result().samplesReceived() < 400);
      assertThat(r.batches()).isGreaterThan(r.acknowledgedByType().size());
    }
  }

  @Test
  void aRestartedPhoneResumesFromTheAnchorsAndEverySampleIsStoredOnce() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      PhoneSim.Report r = send(fx, new PhoneSim.Options(200, 0, "Anna", 4));

      assertThat(r.restarts()).isEqualTo(1);
      // What was acknowledged before the restart is not sent again.
      assertThat(r.sent()).isEqualTo(new AppleHealthImporter().dryRun(export, null).stored());
      assertThat(log).anyMatch(l -> l.startsWith("restarted; resuming"));
      assertThat(r.rejected()).as(String.join("\n", log)).isZero();
      assertThat(r.acknowledged()).isEqualTo(r.sent());
      assertThat(counts(fx.store)).isEqualTo(imported);
      // The anchors the desktop acknowledged are the phone's last ones, per type.
      assertThat(fx.endpoint.devices().list())
          .singleElement()
          .satisfies(d -> {
            assertThat(d.name()).isEqualTo("Anna");
            assertThat(d.samplesReceived()).isEqualTo(r.acknowledged());
            assertThat(d.lastUpload()).isNotNull();
          });
    }
  }

  @Test
  void deletionsSentAfterwardsRemoveTheirSamples() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      PhoneSim.Report r = send(fx, new PhoneSim.Options(500, 25, "Anna", 0));

      assertThat(r.deleted()).isEqualTo(25);
      assertThat(total(counts(fx.store))).isEqualTo(total(imported) - 25);
    }
  }

  @Test
  void aDesktopShowingAnotherKeyIsRefusedBeforePairing() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      PairingPayload real = fx.payload();
      PairingPayload wrongPin =
          new PairingPayload(
              real.hosts(), real.port(), Base64Url.random(32), real.secret(), real.name());

      assertThatThrownBy(() ->
              PhoneSim.run(wrongPin, export, new PhoneSim.Options(500, 0, "Anna", 0), log::add))
          .isInstanceOf(PhoneSim.PhoneException.class)
          .hasMessageContaining("does not match the pairing code");
      assertThat(fx.endpoint.devices().list()).isEmpty();
      assertThat(total(counts(fx.store))).isZero();
    }
  }

  @Test
  void anExportImportedBeforeThePhoneSendsItAddsNoRow() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      new AppleHealthImporter().importFile(export, fx.store, null);

      PhoneSim.Report r = send(fx, new PhoneSim.Options(1000, 0, "Anna", 0));

      assertThat(r.acknowledged()).isEqualTo(r.sent());
      assertThat(counts(fx.store)).isEqualTo(imported);
      assertThat(fx.uploads.stream().mapToInt(u -> u.result().inserted()).sum()).isZero();
    }
  }

  @Test
  void anExportImportedAfterThePhoneSentItAddsNoRow() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      send(fx, new PhoneSim.Options(1000, 0, "Anna", 0));

      var report = new AppleHealthImporter().importFile(export, fx.store, null);

      assertThat(report.stored()).isZero();
      assertThat(counts(fx.store)).isEqualTo(imported);
    }
  }

  @Test
  void twoPhonesAtOnce() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      PairingPayload first = fx.payload();
      PairingPayload second = fx.payload();
      var a = CompletableFuture.supplyAsync(() -> run(first, "Anna"));
      var b = CompletableFuture.supplyAsync(() -> run(second, "Ben"));

      assertThat(a.get().rejected()).isZero();
      assertThat(b.get().rejected()).isZero();
      assertThat(a.get().deviceId()).isNotEqualTo(b.get().deviceId());
      // The same export from two phones: the same UUIDs, so each sample is still one row.
      assertThat(counts(fx.store)).isEqualTo(imported);
      assertThat(fx.endpoint.devices().list())
          .hasSize(2)
          .allSatisfy(d -> assertThat(d.samplesReceived()).isPositive());
      assertThat(fx.uploads.stream().map(BatchService.Upload::device).map(d -> d.name()).distinct())
          .hasSize(2);
    }
  }

  private PhoneSim.Report run(PairingPayload payload, String name) {
    try {
      return PhoneSim.run(payload, export, new PhoneSim.Options(300, 0, name, 0), log::add);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
