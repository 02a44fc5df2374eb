package org.openvitals.app.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.CallCountingStore;

class SourceColorsTest {
  static final SourceRef OURA = new SourceRef("oura", "Oura Ring");
  static final SourceRef WITHINGS = new SourceRef("withings", "Body+");

  @TempDir Path dir;

  private static void addSource(SampleStore store, SourceRef source) {
    OffsetDateTime at = OffsetDateTime.parse("2024-05-02T09:00:00+02:00");
    store.upsert(List.of(Sample.of(MetricType.STEPS, at, at.plusMinutes(1), 10, source)));
  }

  /** A store in {@code folder} whose sources arrived in the order given (first: first colour). */
  private static StoreConfig storeWith(Path folder, SourceRef... sources) {
    StoreConfig config = StoreConfig.sqlite(folder);
    try (SampleStore store = Stores.open(config)) {
      for (SourceRef s : sources) {
        addSource(store, s);
        SourceColors.load(store); // each gets its colour as it arrives
      }
    }
    return config;
  }

  @Test
  void openingNamesTheSourcesWithoutSummingTheirRollups() {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      addSource(store, OURA);
      CallCountingStore summing = CallCountingStore.counting(store, "sources");

      SourceColors colours = SourceColors.load(summing.store());

      assertThat(colours.css(OURA)).isNotNull();
      // On a five-year store that sum took longer than the rest of opening it, before the window.
      assertThat(summing.calls()).as("sources() read on the store's opening path").isZero();
    }
  }

  @Test
  void everySourceGetsItsOwnColourAndKeepsItWhenOthersArriveAndAfterARestart() {
    List<SourceRef> first =
        IntStream.range(0, 8).mapToObj(i -> new SourceRef("app", "Source " + i)).toList();
    String colourOfFourth;
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      first.forEach(s -> addSource(store, s));
      SourceColors colours = SourceColors.load(store);

      assertThat(first.stream().map(colours::css).distinct()).hasSize(8);
      String colourOfFirst = colours.css(first.getFirst());
      colourOfFourth = colours.css(first.get(3));

      addSource(store, OURA);
      assertThat(colours.refresh()).isTrue();
      assertThat(first.stream().map(colours::css)).doesNotContain(colours.css(OURA));
      assertThat(colours.css(first.getFirst())).isEqualTo(colourOfFirst);
      assertThat(colours.refresh()).as("nothing new the second time").isFalse();
    }
    try (SampleStore reopened = Stores.open(StoreConfig.sqlite(dir))) {
      SourceColors colours = SourceColors.load(reopened);
      assertThat(colours.refresh()).isFalse();
      assertThat(colours.css(first.get(3))).isEqualTo(colourOfFourth);
    }
  }

  @Test
  void switchingStoresGivesTheNewStoresColours(@TempDir Path other) {
    // Oura came first in one store and second in the other, so it has another colour there.
    StoreConfig ouraFirst = storeWith(dir, OURA, WITHINGS);
    StoreConfig withingsFirst = storeWith(other, WITHINGS, OURA);
    try (AppContext context =
        new AppContext(ouraFirst, Clock.systemUTC(), TaskExecutor.immediate())) {
      String inFirst = context.current().colours().css(OURA);

      context.switchStore(withingsFirst);

      String inSecond = context.current().colours().css(OURA);
      assertThat(inSecond).isNotEqualTo(inFirst);
      try (SampleStore store = Stores.open(withingsFirst)) {
        assertThat(inSecond).isEqualTo(SourceColors.load(store).css(OURA));
      }
    }
  }

  @Test
  void twoContextsDoNotShareColours(@TempDir Path other) {
    StoreConfig ouraFirst = storeWith(dir, OURA, WITHINGS);
    StoreConfig withingsFirst = storeWith(other, WITHINGS, OURA);
    try (AppContext one = new AppContext(ouraFirst, Clock.systemUTC(), TaskExecutor.immediate());
        AppContext two =
            new AppContext(withingsFirst, Clock.systemUTC(), TaskExecutor.immediate())) {

      assertThat(one.current().colours().css(OURA))
          .as("the context opened first keeps its own store's colours")
          .isNotEqualTo(two.current().colours().css(OURA));
      assertThat(one.current().colours().css(WITHINGS))
          .isEqualTo(two.current().colours().css(OURA));
    }
  }
}
