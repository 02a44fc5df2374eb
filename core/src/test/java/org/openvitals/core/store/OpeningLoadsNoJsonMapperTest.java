package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.testing.IsolatedClassLoader;

/**
 * Opening a store and its rules, which every app start waits for, makes no Jackson mapper: the
 * first one loads some 350 classes. The mapper comes with the first stored day read or written,
 * which the app does in the background while the window is built (docs/architecture.md,
 * "Start-up").
 */
class OpeningLoadsNoJsonMapperTest {
  private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

  @TempDir Path dir;

  @Test
  void openingAStoreWithItsRulesLoadsNoObjectMapperAndReadingADayDoes() throws Exception {
    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      Function<String, String> probe = loader.probe(Probe.class);

      probe.apply("open " + dir);
      assertThat(loader.loaded(MAPPER)).as("loaded by opening the store and its rules").isFalse();

      // The check can see a mapper: resolving a day stores it as JSON.
      probe.apply("resolve " + dir);
      assertThat(loader.loaded(MAPPER)).as("loaded by resolving a day").isTrue();
    }
  }

  /** Runs inside an {@link IsolatedClassLoader}: "open DIR" or "resolve DIR". */
  public static final class Probe implements Function<String, String> {
    @Override
    public String apply(String command) {
      String[] parts = command.split(" ", 2);
      try (SampleStore store = Stores.open(StoreConfig.sqlite(Path.of(parts[1])))) {
        RulesService rules = new RulesService(store, Clock.systemUTC());
        store.sources();
        if (parts[0].equals("resolve")) {
          OffsetDateTime start = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);
          store.upsert(
              List.of(
                  Sample.of(
                      MetricType.STEPS,
                      start,
                      start.plusMinutes(1),
                      80,
                      new SourceRef("csv", "Pedometer"))));
          LocalDate day = LocalDate.of(2026, 3, 1);
          return rules.daily(MetricType.STEPS, day, day).toString();
        }
        return "";
      }
    }
  }
}
