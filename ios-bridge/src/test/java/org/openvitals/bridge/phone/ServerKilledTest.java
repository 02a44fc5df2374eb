package org.openvitals.bridge.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.connectors.applehealth.AppleHealthImporter;
import org.openvitals.connectors.applehealth.ExportGenerator;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * The desktop's JVM is killed while a batch is on its way into the store (before the commit, or
 * after it but before the answer); a new desktop starts on the same folder and port; the phone
 * sends the same batch again. Nothing is lost and nothing is stored twice.
 */
class ServerKilledTest {
  @TempDir static Path shared;
  @TempDir Path dataDir;

  static Path export;
  static Map<MetricType, Integer> imported;

  private final List<Process> children = new ArrayList<>();

  @BeforeAll
  static void generate() throws Exception {
    export = ExportGenerator.writeZip(shared.resolve("export.zip"), 300_000, 11).path();
    try (SampleStore store = Stores.open(StoreConfig.sqlite(shared.resolve("imported")))) {
      new AppleHealthImporter().importFile(export, store, null);
      imported = PhoneSimTest.counts(store);
    }
  }

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  @ParameterizedTest
  @ValueSource(strings = {"before-commit", "after-commit"})
  void thePhoneSendsTheBatchAgainAndEverySampleIsStoredOnce(String mode) throws Exception {
    Process first = start(0, mode, 3);
    int port = Integer.parseInt(waitFor(dataDir.resolve("endpoint.port")));
    PairingPayload payload = PairingPayload.parse(waitFor(dataDir.resolve("pairing.txt")));
    Files.delete(dataDir.resolve("endpoint.port"));
    List<String> log = new CopyOnWriteArrayList<>();

    var phone =
        CompletableFuture.supplyAsync(() -> {
          try {
            return PhoneSim.run(payload, export, new PhoneSim.Options(100, 0, "Anna", 0), log::add);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("the desktop died on batch 3").isTrue();
    assertThat(first.exitValue()).isEqualTo(137);
    Process second = start(port, "none", 0);
    waitFor(dataDir.resolve("endpoint.port"));

    PhoneSim.Report r = phone.get(180, TimeUnit.SECONDS);
    second.destroy();
    second.waitFor(30, TimeUnit.SECONDS);

    assertThat(r.retried()).as(String.join("\n", log)).isPositive();
    assertThat(r.rejected()).isZero();
    assertThat(r.acknowledged()).isEqualTo(r.sent());
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dataDir))) {
      assertThat(PhoneSimTest.counts(store)).isEqualTo(imported);
    }
  }

  private Process start(int port, String mode, int haltAt) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                KillableEndpoint.class.getName(),
                dataDir.toString(),
                Integer.toString(port),
                mode,
                Integer.toString(haltAt))
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("child-" + children.size() + ".log").toFile())
            .start();
    children.add(p);
    return p;
  }

  private static String waitFor(Path file) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Files.exists(file) && Files.size(file) > 0) {
        return Files.readString(file).strip();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the child desktop did not start: no " + file);
  }
}
