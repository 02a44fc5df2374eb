package org.openvitals.app.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.openvitals.core.testing.IsolatedClassLoader;

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
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      loader.probe(Probe.class).apply(dir.toString());
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
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      loader.probe(Probe.class).apply(dir.toString());
      assertThat(loader.loaded(IMPORTERS)).as("importers asked to promote").isTrue();
    }
  }

  /**
   * Runs inside an {@link IsolatedClassLoader}: opens the app's context on the folder given, then
   * closes it.
   */
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
