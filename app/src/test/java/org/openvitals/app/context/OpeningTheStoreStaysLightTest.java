package org.openvitals.app.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * Opening the app's store (what the window waits for at start: the store, records of other types
 * promoted, the rules, the source colours) builds no importer when there is nothing to promote,
 * makes no Jackson mapper, whose first instance loads some 350 classes, and leaves the rule code's
 * fingerprint (reading and hashing the rules' class files) to the first day read
 * (docs/architecture.md, "Start-up"). Each case runs in a class loader of its own, which says what
 * it loaded.
 */
class OpeningTheStoreStaysLightTest {
  private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
  private static final String IMPORTERS = "org.openvitals.connectors.files.FileImporters";
  private static final String RULES_CODE = "org.openvitals.core.rules.RulesCode$Running";

  @TempDir Path dir;

  @Test
  void aStoreWithNothingToPromoteOpensWithoutImportersOrAMapper() throws Exception {
    try (SampleStore created = Stores.open(StoreConfig.sqlite(dir))) {
      assertThat(created.otherTypes()).isEmpty(); // created outside the loader under test
    }
    try (Isolated loader = new Isolated()) {
      loader.probe().apply(dir.toString());
      assertThat(loader.loaded(IMPORTERS)).as("importers built").isFalse();
      assertThat(loader.loaded(MAPPER)).as("a Jackson mapper made").isFalse();
      assertThat(loader.loaded(RULES_CODE)).as("the rule code's fingerprint computed").isFalse();
    }
  }

  @Test
  void aStoreWithRecordsOfOtherTypesStillHasThemPromoted() throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      OffsetDateTime at = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);
      store.upsertOther(
          List.of(
              new OtherSample(
                  "HKQuantityTypeIdentifierSomethingNew",
                  "count",
                  at,
                  at,
                  "1",
                  new SourceRef("apple_health", "Watch"),
                  null,
                  null,
                  Map.of())));
    }
    try (Isolated loader = new Isolated()) {
      loader.probe().apply(dir.toString());
      assertThat(loader.loaded(IMPORTERS)).as("importers asked to promote").isTrue();
    }
  }

  /** Loads the test's class path itself (not from the parent), so it can say what it loaded. */
  private static final class Isolated extends URLClassLoader {
    Isolated() {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }

    /** The probe, run with this loader as the context loader (importers are found through it). */
    @SuppressWarnings("unchecked")
    Function<String, String> probe() throws ReflectiveOperationException {
      Function<String, String> probe =
          (Function<String, String>)
              loadClass(Probe.class.getName()).getConstructor().newInstance();
      return folder -> {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
          return probe.apply(folder);
        } finally {
          thread.setContextClassLoader(before);
        }
      };
    }

    private static URL[] classPath() {
      return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(e -> {
            try {
              return Path.of(e).toUri().toURL();
            } catch (MalformedURLException ex) {
              throw new IllegalStateException(ex);
            }
          })
          .toArray(URL[]::new);
    }
  }

  /** Runs inside {@link Isolated}: opens the app's context on the folder given, then closes it. */
  public static final class Probe implements Function<String, String> {
    @Override
    public String apply(String folder) {
      try (AppContext context =
          new AppContext(
              StoreConfig.sqlite(Path.of(folder)), Clock.systemUTC(), TaskExecutor.immediate())) {
        return context.current().colours().toString();
      }
    }
  }
}
