package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Nothing on the dashboard is cut short, from the window's minimum size up: every label in a tile
 * and every button shows all of its text (a Labeled whose displayed text differs from its text has
 * been cut with an ellipsis). A source with a long name wraps instead.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutTest {
  private static final SourceRef LONG =
      new SourceRef("withings", "Withings Body+ smart scale in the upstairs bathroom");
  private static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");

  @TempDir static Path dataDir;
  private static AppContext context;
  private final MemoryPreferences prefs = new MemoryPreferences();
  private Stage stage;

  @BeforeAll
  static void openStore() {
    context = new AppContext(StoreConfig.sqlite(dataDir), Clock.systemUTC());
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<Sample> samples = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      OffsetDateTime morning = today.minusDays(d).atTime(7, 0).atOffset(ZoneOffset.UTC);
      samples.add(Sample.of(MetricType.STEPS, morning, morning.plusHours(1), 12_345 + d, WATCH));
      samples.add(Sample.of(MetricType.BODY_MASS, morning, morning, 81.2, LONG));
      samples.add(Sample.of(MetricType.BODY_FAT_PERCENTAGE, morning, morning, 21.5, LONG));
      samples.add(Sample.of(MetricType.BLOOD_PRESSURE_SYSTOLIC, morning, morning, 121, LONG));
      samples.add(Sample.of(MetricType.BLOOD_PRESSURE_DIASTOLIC, morning, morning, 79, LONG));
      samples.add(Sample.of(MetricType.RESTING_HEART_RATE, morning, morning, 57, WATCH));
      samples.add(Sample.of(MetricType.RESPIRATORY_RATE, morning, morning, 14.5, WATCH));
      samples.add(
          new Sample(
              MetricType.WORKOUT,
              morning.plusHours(10),
              morning.plusHours(11).plusMinutes(15),
              75,
              WATCH,
              null,
              "w" + d,
              Map.of("activity", "running")));
    }
    context.store().upsert(samples);
  }

  @AfterAll
  static void closeStore() {
    context.close();
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    new OpenVitalsApp(new ShellSettings(prefs), context).start(stage);
  }

  @ParameterizedTest(name = "{0}x{1}")
  // JavaFX's headless screen is 1000x1000: larger windows are looked at under Xvfb (README).
  @CsvSource({"640, 420", "800, 600", "1000, 700", "980, 960"})
  void nothingIsCutShort(int width, int height, FxRobot robot) throws Exception {
    robot.interact(() -> {
      stage.setX(0);
      stage.setY(0);
      stage.setWidth(width);
      stage.setHeight(height);
    });
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            robot.lookup("#value-steps").tryQuery().isPresent()
                && robot.lookup("#value-body_mass").tryQuery().isPresent()
                && !robot.lookup("#dashboard-loading").query().isVisible());
    WaitForAsyncUtils.waitForFxEvents();

    List<String> cut = new ArrayList<>();
    robot.interact(() -> {
      Parent root = stage.getScene().getRoot();
      root.applyCss();
      root.layout();
      collect(root, cut);
    });

    assertThat(cut).as("labels and buttons cut short at %dx%d", width, height).isEmpty();
  }

  /** Tile labels and buttons, shown, whose displayed text is not their text. */
  private static void collect(Node node, List<String> cut) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Labeled l
        && (l instanceof ButtonBase || inTile(l))
        && l.getText() != null
        && !l.getText().isEmpty()) {
      String wanted = l.isMnemonicParsing() ? l.getText().replace("_", "") : l.getText();
      Node shown = l.lookup(".text");
      String displayed = shown instanceof Text t ? t.getText() : null;
      if (displayed != null && !displayed.equals(wanted)) {
        cut.add(
            (l.getId() == null ? l.getClass().getSimpleName() : "#" + l.getId())
                + ": \""
                + wanted
                + "\" shows as \""
                + displayed
                + "\"");
      }
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collect(child, cut);
      }
    }
  }

  private static boolean inTile(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n.getStyleClass().contains("metric-tile")) {
        return true;
      }
    }
    return false;
  }
}
