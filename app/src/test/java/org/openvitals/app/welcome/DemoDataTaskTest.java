package org.openvitals.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.testing.TestProgress;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

class DemoDataTaskTest {
  static final LocalDate END = LocalDate.parse("2026-03-10");
  @TempDir Path folder;

  @Test
  void writesTheSyntheticPersonIntoItsOwnStoreAndReusesACompleteOne() throws Exception {
    DemoDataTask first = new DemoDataTask(folder, 2, END, ZoneOffset.UTC);
    StoreConfig config = first.call(new TestProgress());
    long samples;
    try (SampleStore store = Stores.open(config)) {
      samples = store.info().liveSamples();
      assertThat(samples).isGreaterThan(1000);
      // Several overlapping sources (not every one logs on every day).
      assertThat(store.sources())
          .hasSizeGreaterThanOrEqualTo(5)
          .allSatisfy(s -> assertThat(SyntheticData.SOURCES).containsKey(s.source()));
      assertThat(store.state(SyntheticData.STATE_KEY)).contains("seed=1;end=2026-03-10;days=2");
    }

    DemoDataTask again = new DemoDataTask(folder, 2, END, ZoneOffset.UTC);
    assertThat(again.call(new TestProgress())).isEqualTo(config);
    try (SampleStore store = Stores.open(config)) {
      assertThat(store.info().liveSamples()).isEqualTo(samples);
    }
  }

  @Test
  void aCancelledRunIsNotMarkedComplete() throws Exception {
    DemoDataTask task = new DemoDataTask(folder, 2, END, ZoneOffset.UTC);
    task.call(new TestProgress().cancel());

    try (SampleStore store = Stores.open(StoreConfig.sqlite(folder))) {
      assertThat(store.state(SyntheticData.STATE_KEY)).isEmpty();
    }
  }
}
