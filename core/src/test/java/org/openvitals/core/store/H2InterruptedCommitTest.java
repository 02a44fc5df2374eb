package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.TransactionStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvitals.core.model.Sample;

/**
 * The H2 state behind issue 14's "rollups disagree" and "Timeout trying to lock table": MVStore
 * saves its file when its unsaved pages pass a share of the heap, also in the middle of a commit
 * (after H2 has marked the undo log committed, before it has finished the rows). A process that
 * dies right after such a save (a kill, or a full disk failing the next save) leaves a commit that
 * H2 2.5 never finishes at the next open. The child here has a small heap, so such saves happen in
 * every batch, and it halts itself (like SIGKILL: no shutdown hooks, no H2 close) just after one.
 */
class H2InterruptedCommitTest {

  private static final String CHECKPOINT = "crash-test.checkpoint";
  private static final int BATCHES = 6;
  private static final String PASSWORD = "two words";
  private static final int HALTED = 3;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "h2-encrypted"})
  void aCommitCutShortBySaveAndKillIsFinishedAtTheNextOpen(String variant) throws Exception {
    int halts = 0;
    for (int attempt = 0; attempt < 6 && halts < 2; attempt++) {
      Process child = startChild(variant);
      assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the child ended").isTrue();
      if (child.exitValue() == HALTED) {
        halts++;
        // Without the repair the integrity check finds samples whose rollups are missing, and the
        // next run's writes wait on the rows of that commit until they time out.
        try (SampleStore store = Stores.open(config(variant))) {
          assertThat(store.checkIntegrity().problems()).as("after halt %d", halts).isEmpty();
        }
      } else {
        assertThat(child.exitValue()).as("the child's exit").isZero();
        break;
      }
    }
    assertThat(halts).as("halts in the middle of a commit").isGreaterThanOrEqualTo(1);

    Process last = startChild(variant, "--no-halt");
    assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("the last run finished").isTrue();
    assertThat(last.exitValue()).isZero();
    try (SampleStore store = Stores.open(config(variant))) {
      assertThat(store.checkIntegrity().problems()).isEmpty();
      Map<String, Double> stored = new HashMap<>();
      store.forEachSample(
          null, null, null, s -> assertThat(stored.put(s.externalId(), s.value())).isNull());
      assertThat(stored).isEqualTo(expected());
    }
  }

  private static Map<String, Double> expected() {
    Map<String, Double> values = new HashMap<>();
    for (int b = 1; b <= BATCHES; b++) {
      for (Sample s : CrashSafetyTest.batch(b)) {
        values.put(s.externalId(), s.value());
      }
    }
    return values;
  }

  private StoreConfig config(String variant) {
    return new StoreConfig(
        dir, Engine.H2, variant.equals("h2-encrypted") ? PASSWORD.toCharArray() : null);
  }

  private Process startChild(String variant, String... more) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                // H2's save limit is 64 KB of unsaved pages per MB of heap: 2 MB here, so a
                // batch's commit is saved part-way several times. (The last run, which opens a
                // larger file with H2's 64 MB cache, gets the default heap.)
                more.length == 0 ? "-Xmx32m" : "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                HaltingWriter.class.getName(),
                dir.toString(),
                variant));
    command.addAll(List.of(more));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * Writes the batches after the checkpoint; a watcher halts the JVM a moment after MVStore has
   * saved a chunk while a commit is still being finished.
   */
  public static final class HaltingWriter {
    public static void main(String[] args) throws Exception {
      H2InterruptedCommitTest test = new H2InterruptedCommitTest();
      test.dir = Path.of(args[0]);
      boolean halt = args.length < 3;
      Connection second = null;
      try (SampleStore store = Stores.open(test.config(args[1]))) {
        if (halt) {
          second = openSecondConnection(test.dir, args[1].equals("h2-encrypted"));
          watch(second);
        }
        int from = store.state(CHECKPOINT).map(Integer::parseInt).orElse(0) + 1;
        for (int b = from; b <= BATCHES; b++) {
          store.upsert(CrashSafetyTest.batch(b), Map.of(CHECKPOINT, String.valueOf(b)));
        }
      } finally {
        if (second != null) {
          second.close(); // the last connection: H2 closes the file
        }
      }
    }

    /** A connection to the same in-process database as the store's, to reach its MVStore. */
    private static Connection openSecondConnection(Path dir, boolean encrypted) throws Exception {
      String url =
          "jdbc:h2:file:"
              + dir.toAbsolutePath().resolve("openvitals")
              + (encrypted ? ";CIPHER=AES" : "")
              + ";DB_CLOSE_ON_EXIT=FALSE";
      String password = "";
      if (encrypted) {
        String key = HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_8));
        password = key + " " + key;
      }
      return DriverManager.getConnection(url, "openvitals", password);
    }

    private static void watch(Connection c) throws Exception {
      SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
      MVStore mv = session.getDatabase().getStore().getMvStore();
      TransactionStore ts = session.getDatabase().getStore().getTransactionStore();
      Field committingField = TransactionStore.class.getDeclaredField("committingTransactions");
      committingField.setAccessible(true);
      AtomicReference<?> committing = (AtomicReference<?>) committingField.get(ts);
      Field bitsField = committing.get().getClass().getDeclaredField("bits");
      bitsField.setAccessible(true);
      Thread watcher =
          new Thread(() -> {
            long chunkAtStart = -1;
            long savedAt = 0;
            while (true) {
              boolean inCommit = false;
              try {
                for (long word : (long[]) bitsField.get(committing.get())) {
                  inCommit |= word != 0;
                }
              } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
              }
              long chunk = mv.getFileStore().lastChunkVersion();
              if (!inCommit) {
                chunkAtStart = -1;
                savedAt = 0;
              } else if (chunkAtStart < 0) {
                chunkAtStart = chunk;
              } else if (chunk > chunkAtStart && savedAt == 0) {
                savedAt = System.nanoTime();
              } else if (savedAt != 0 && System.nanoTime() - savedAt > 20_000_000L) {
                // A chunk was saved in this commit 20 ms ago and the commit is still going.
                Runtime.getRuntime().halt(HALTED);
              }
              Thread.onSpinWait();
            }
          });
      watcher.setDaemon(true);
      watcher.start();
    }
  }
}
