package org.openvitals.connectors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * Mutated and crafted inputs for the Apple Health, CSV (generic, Cronometer, MyFitnessPal) and
 * Fitbit JSON importers, imported into a real SQLite store: each ends in a report or an {@link
 * ImportException} (exit 0 or 1), never another exception (exit 70), within a time limit, and the
 * store opens healthy afterwards.
 */
class ImportFuzzTest {

  private static final Path RESOURCES = Path.of("src/test/resources");
  private static final List<Path> CORPUS =
      List.of(
          RESOURCES.resolve("applehealth/v14_export.xml"),
          RESOURCES.resolve("applehealth/bad_rows.xml"),
          RESOURCES.resolve("cronometer/dailysummary.csv"),
          RESOURCES.resolve(
              "myfitnesspal/File-Export-2024-07-02-to-2024-07-04/"
                  + "Measurement-Summary-2024-07-02-to-2024-07-04.csv"),
          RESOURCES.resolve("fitbit/Takeout/Fitbit/Global Export Data/steps-2021-01-02.json"),
          RESOURCES.resolve("fitbit/Takeout/Fitbit/Global Export Data/sleep-2021-01-02.json"),
          RESOURCES.resolve("fuzz/steps.csv"));

  @Property(tries = 120, seed = "20261202")
  void aMutatedFileImportsOrFailsWithAReasonAndTheStoreStaysHealthy(
      @ForAll @IntRange(min = 0, max = 6) int seedFile, @ForAll long mutationSeed)
      throws IOException {
    Path seed = CORPUS.get(seedFile);
    byte[] mutant = mutate(Files.readAllBytes(seed), new Random(mutationSeed));
    Path dir = Files.createTempDirectory("fuzz");
    try {
      Path file = Files.write(dir.resolve(seed.getFileName()), mutant);
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            try (SampleStore store = Stores.open(StoreConfig.sqlite(dir.resolve("store")))) {
              Optional<FileImporter> importer = FileImporters.detect(file);
              if (importer.isPresent()) {
                try {
                  importer.get().importFile(file, store, ImportListener.NONE);
                } catch (ImportException expected) {
                  assertThat(expected.getMessage()).isNotBlank().doesNotContain("(null)");
                }
              }
            }
          },
          () -> "mutant of " + seed + " (seed " + mutationSeed + ")");
      try (SampleStore store = Stores.open(StoreConfig.sqlite(dir.resolve("store")))) {
        assertThat(store.checkIntegrity().problems()).isEmpty();
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * One to four mutations: flipped bytes, a cut, random bytes inserted, a run repeated, a long
   * value.
   */
  static byte[] mutate(byte[] in, Random r) {
    byte[] b = in;
    for (int n = 1 + r.nextInt(4); n > 0 && b.length > 0; n--) {
      int at = r.nextInt(b.length);
      b =
          switch (r.nextInt(5)) {
            case 0 -> {
              byte[] c = b.clone();
              for (int i = 0; i < 1 + r.nextInt(8); i++) {
                c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
              }
              yield c;
            }
            case 1 -> Arrays.copyOf(b, at);
            case 2 -> {
              byte[] noise = new byte[1 + r.nextInt(64)];
              r.nextBytes(noise);
              yield splice(b, at, noise);
            }
            case 3 -> {
              int len = Math.min(b.length - at, 1 + r.nextInt(200));
              yield splice(b, at, Arrays.copyOfRange(b, at, at + len));
            }
            default ->
                splice(
                    b,
                    at,
                    "9".repeat(100_000 + r.nextInt(400_000)).getBytes(StandardCharsets.US_ASCII));
          };
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, byte[] inserted) {
    byte[] out = new byte[b.length + inserted.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(b, at, out, at + inserted.length, b.length - at);
    return out;
  }
}
