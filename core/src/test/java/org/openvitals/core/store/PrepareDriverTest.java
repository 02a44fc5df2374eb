package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.store.sqlite.SqliteSampleStore;
import org.openvitals.core.testing.IsolatedClassLoader;

/**
 * {@link SqliteSampleStore#prepareDriver()}, which the command line runs on a second thread while
 * it reads its arguments (docs/architecture.md, "Start-up of the command line"), does the driver's
 * once-a-process work, the date formats every configuration builds among it, and touches no store.
 */
class PrepareDriverTest {
  @TempDir Path dir;

  @Test
  void makesTheDriversDateFormatsAndALaterOpenWorks() throws Exception {
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      Function<String, String> probe = loader.probe(Probe.class);

      probe.apply("prepare");
      assertThat(loader.loaded("org.sqlite.date.FastDatePrinter"))
          .as("sqlite-jdbc's date formats, made for every configuration")
          .isTrue();
      assertThat(loader.loaded("org.sqlite.core.NativeDB")).as("the native database").isTrue();
      assertThat(dir).isEmptyDirectory();

      assertThat(probe.apply("open " + dir)).isEqualTo("opened");
    }
  }

  /** Runs inside an {@link IsolatedClassLoader}: "prepare" or "open DIR". */
  public static final class Probe implements Function<String, String> {
    @Override
    public String apply(String command) {
      if (command.equals("prepare")) {
        SqliteSampleStore.prepareDriver();
        return "prepared";
      }
      try (SampleStore store = Stores.open(StoreConfig.sqlite(Path.of(command.substring(5))))) {
        return store.sources().isEmpty() ? "opened" : "not empty";
      }
    }
  }
}
