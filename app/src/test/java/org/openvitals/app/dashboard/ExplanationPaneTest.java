package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.Explanation;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What was set aside reads as people know it: source names as the Sources screen shows them and
 * values in words, in the sentences and in the full text alike, never keys or unit codes.
 */
@ExtendWith(ApplicationExtension.class)
class ExplanationPaneTest {
  private static final SourceRef WATCH = new SourceRef("apple_health", "Test Watch");
  private static final SourceRef PHONE = new SourceRef("apple_health", "Test iPhone");
  private static final LocalDate DAY = LocalDate.of(2024, 3, 5);

  @TempDir static Path dir;
  private ExplanationPane pane;

  /** The watch counts 80 steps a minute 09:00-09:20; the phone 2,000 over 09:00-09:40. */
  @Start
  void start(Stage stage) {
    Explanation e;
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
      List<Sample> samples = new ArrayList<>();
      OffsetDateTime nine = DAY.atTime(9, 0).atOffset(ZoneOffset.UTC);
      for (int i = 0; i < 20; i++) {
        samples.add(
            Sample.of(MetricType.STEPS, nine.plusMinutes(i), nine.plusMinutes(i + 1), 80, WATCH));
      }
      samples.add(Sample.of(MetricType.STEPS, nine, nine.plusMinutes(40), 2000, PHONE));
      store.upsert(samples);
      e = new RulesService(store, Clock.systemUTC()).explain(MetricType.STEPS, DAY);
    }
    DisplayFormat format =
        new DisplayFormat(UnitSystem.METRIC, SourceColors.none(), Locale.US, ZoneOffset.UTC);
    pane = new ExplanationPane(e, null, format);
    stage.setScene(new Scene(pane, 900, 700));
    stage.show();
  }

  @Test
  void setAsideSentencesNameSourcesAndWordUnits(FxRobot robot) {
    List<String> labels =
        robot.lookup("#explanation .label").queryAllAs(Label.class).stream()
            .map(Label::getText)
            .toList();
    // The phone's 2,000 less the 1,600 the watch counted in its first 20 minutes was set aside.
    assertThat(labels)
        .contains(
            "Set aside: Test iPhone's 1,600 steps not used: Test Watch ranks higher for Steps and"
                + " has data in 20 min of the same time; where it filled a gap, only what"
                + " higher-ranked sources had not already counted in the same samples' time was"
                + " added");
    assertThat(labels).noneMatch(t -> t.contains("{") || t.contains("apple_health/"));
    // When a source's data stops, in the reader's zone, not as a UTC timestamp.
    assertThat(labels)
        .anyMatch(t ->
            t.matches(
                "Quality \\(Test Watch\\) at 9:20\\hAM: Test Watch's data stops then; nothing newer"
                    + " has arrived"));

    String text = robot.lookup("#explanation-text").queryAs(TextArea.class).getText();
    assertThat(text)
        .contains("Value: 2,000 steps, mostly from Test Watch")
        .contains("  - Test iPhone's 1,600 steps not used: Test Watch ranks higher for Steps")
        .containsPattern("Mar 5, 2024, 9:00\\hAM to 9:20\\hAM  Test Watch  1,600 steps")
        .doesNotContain("{count}");
    // Keys stay only beside the names in the source order, where preferences need them.
    assertThat(text.lines().filter(l -> !l.matches("  \\d\\. .*")))
        .noneMatch(l -> l.contains("apple_health/"));
  }
}
