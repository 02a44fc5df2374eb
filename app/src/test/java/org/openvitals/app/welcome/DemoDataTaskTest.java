package org.openvitals.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.testfx.api.FxToolkit;

class DemoDataTaskTest {
  static final LocalDate END = LocalDate.parse("2026-03-10");
  @TempDir Path folder;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage(); // tasks report progress through the FX thread
  }

  @Test
  void writesTheSyntheticPersonIntoItsOwnStoreAndReusesACompleteOne() throws Exception {
    DemoDataTask first = new DemoDataTask(folder, 2, END, ZoneOffset.UTC);
    first.run();
    StoreConfig config = first.get();
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
    again.run();

    assertThat(again.get()).isEqualTo(config);
    try (SampleStore store = Stores.open(config)) {
      assertThat(store.info().liveSamples()).isEqualTo(samples);
    }
  }

  @Test
  void aRunCancelledWhileWritingStopsAndIsNotMarkedComplete() throws Exception {
    // Long enough that it is still running when the first day is reported; cancelled, it stops
    // at the next day, so only a run that ignores Cancel writes them all.
    DemoDataTask task = new DemoDataTask(folder, 60, END, ZoneOffset.UTC);
    CountDownLatch firstDay = new CountDownLatch(1);
    task.workDoneProperty()
        .addListener((property, before, done) -> {
          if (done.doubleValue() >= 1) {
            firstDay.countDown();
          }
        });
    Thread worker = Thread.ofPlatform().start(task);

    assertThat(firstDay.await(30, TimeUnit.SECONDS)).as("the first day was reported").isTrue();
    assertThat(task.cancel()).as("cancelled while running").isTrue();
    worker.join();

    try (SampleStore store = Stores.open(StoreConfig.sqlite(folder))) {
      assertThat(store.state(SyntheticData.STATE_KEY)).isEmpty();
    }
  }
}
