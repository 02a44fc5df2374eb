package org.openvitals.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.openvitals.core.files.FileTrees;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/** Fresh stores in temporary folders for the benchmarks. */
public final class BenchStores {
  private BenchStores() {}

  static Path tempDir() {
    try {
      return Files.createTempDirectory("openvitals-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Engine ids: {@code sqlite}, {@code h2}, {@code h2-aes} (encrypted H2). */
  static SampleStore open(String engine, Path dir) {
    StoreConfig config =
        switch (engine) {
          case "sqlite" -> StoreConfig.sqlite(dir);
          case "h2" -> new StoreConfig(dir, Engine.H2, null);
          case "h2-aes" -> new StoreConfig(dir, Engine.H2, "bench password".toCharArray());
          default -> throw new IllegalArgumentException("Unknown engine " + engine);
        };
    SampleStore store = Stores.open(config);
    store.setDayBoundaries(new DayBoundaries.FixedZone(SyntheticSamples.ZONE));
    return store;
  }

  /**
   * A store that read benchmarks share across their forks, filled once by {@code fill} and kept in
   * {@code target/bench-fixtures}: reads do not change it, and filling it again in every fork would
   * dominate the run. Delete the folder to rebuild it.
   */
  public static SampleStore fixture(String engine, String name, Consumer<SampleStore> fill) {
    Path dir = Path.of("target", "bench-fixtures", name + "-" + engine).toAbsolutePath();
    Path complete = dir.resolve("complete");
    if (Files.exists(complete)) {
      return open(engine, dir);
    }
    if (Files.exists(dir)) {
      delete(dir);
    }
    SampleStore store = open(engine, dir);
    fill.accept(store);
    try {
      Files.writeString(complete, "filled\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return store;
  }

  static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
