package org.openvitals.app.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

class SourceColorsTest {
  @TempDir Path dir;

  private static void addSource(SampleStore store, SourceRef source) {
    OffsetDateTime at = OffsetDateTime.parse("2024-05-02T09:00:00+02:00");
    store.upsert(List.of(Sample.of(MetricType.STEPS, at, at.plusMinutes(1), 10, source)));
  }

  @Test
  void everySourceGetsItsOwnColourAndKeepsItWhenOthersArriveAndAfterARestart() {
    List<SourceRef> first =
        IntStream.range(0, 8).mapToObj(i -> new SourceRef("app", "Source " + i)).toList();
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      first.forEach(s -> addSource(store, s));

      assertThat(SourceColors.load(store)).isTrue();
      assertThat(first.stream().map(SourceColors::css).distinct()).hasSize(8);
      String colourOfFirst = SourceColors.css(first.getFirst());

      SourceRef newcomer = new SourceRef("oura", "Oura Ring");
      addSource(store, newcomer);
      assertThat(SourceColors.load(store)).isTrue();
      assertThat(first.stream().map(SourceColors::css)).doesNotContain(SourceColors.css(newcomer));
      assertThat(SourceColors.css(first.getFirst())).isEqualTo(colourOfFirst);
      assertThat(SourceColors.load(store)).as("nothing new the second time").isFalse();
    }
    try (SampleStore reopened = Stores.open(StoreConfig.sqlite(dir))) {
      String before = SourceColors.css(first.get(3));
      assertThat(SourceColors.load(reopened)).isFalse();
      assertThat(SourceColors.css(first.get(3))).isEqualTo(before);
    }
  }
}
