package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * Processes that open a folder with no store yet at the same moment: the first creates the store,
 * the others wait for its migration and then write; none fails.
 */
class ConcurrentFirstUseTest {

  private static final int PROCESSES = 3;
  private static final int ROUNDS = 4;

  @TempDir Path tmp;

  @Test
  void processesOpeningAFolderWithNoStoreAllSucceed() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path dir = tmp.resolve("round-" + round);
      List<Process> children = new ArrayList<>();
      for (int i = 0; i < PROCESSES; i++) {
        children.add(
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FirstUse.class.getName(),
                    dir.toString(),
                    "process-" + i)
                .redirectErrorStream(true)
                .start());
      }
      for (Process child : children) {
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("round %d: %s", round, out).isZero();
      }
      try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
        assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now()))
            .hasSize(PROCESSES);
        assertThat(store.checkIntegrity().ok()).isTrue();
      }
    }
  }

  /** One process: opens the store (creating it if nobody has yet) and writes one sample. */
  public static final class FirstUse {
    public static void main(String[] args) {
      try (SampleStore store = Stores.open(StoreConfig.sqlite(Path.of(args[0])))) {
        OffsetDateTime t = OffsetDateTime.parse("2024-05-01T08:00:00Z");
        store.upsert(
            List.of(
                Sample.of(MetricType.STEPS, t, t.plusMinutes(1), 5, new SourceRef("t", args[1]))));
      } catch (RuntimeException e) {
        System.out.println(e);
        System.exit(1);
      }
    }
  }
}
