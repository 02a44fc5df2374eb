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
 * Nothing is cut short, from the window's minimum size up, at render scale 1 and 2 (200 %): on the
 * dashboard every label in a tile and every button shows all of its text, on every other screen
 * every button and every table's column header does (a Labeled whose displayed text differs from
 * its text has been cut with an ellipsis). A source with a long name wraps instead. No screen's
 * page is wider than its area: pages scroll down, never sideways.
 *
 * <p>JavaFX's headless screen has scale 1, but a window's render scale can be set: layout then
 * snaps sizes and positions to half pixels, as it does on a 200 % screen. What 200 % changes
 * besides (the screen holds half as many logical pixels) is covered by the small window sizes; the
 * real window at 200 % is looked at under Xvfb (README, "Screenshots").
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

  @ParameterizedTest(name = "{0}x{1} at scale {2}")
  // JavaFX's headless screen is 1000x1000: larger windows are looked at under Xvfb (README).
  @CsvSource({
    "640, 420, 1", "800, 600, 1", "1000, 700, 1", "980, 960, 1",
    "640, 420, 2", "800, 600, 2", "1000, 700, 2", "980, 960, 2"
  })
  void nothingIsCutShort(int width, int height, double scale, FxRobot robot) throws Exception {
    size(robot, width, height, scale);
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

    assertThat(cut)
        .as("labels and buttons cut short at %dx%d, scale %s", width, height, scale)
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}x{1} at scale {2}")
  @CsvSource({"640, 420, 1", "640, 420, 2", "1000, 700, 1", "1000, 700, 2"})
  void noButtonIsCutShortOnAnyScreen(int width, int height, double scale, FxRobot robot)
      throws Exception {
    size(robot, width, height, scale);
    List<String> cut = new ArrayList<>();
    for (Screen screen : Screen.values()) {
      robot.interact(() ->
          robot
              .lookup("#nav-" + screen.name().toLowerCase(java.util.Locale.ROOT))
              .queryAs(ButtonBase.class)
              .fire());
      // Pages read their data in the background; their buttons are there from the start, but
      // some (Latest, Cancel) appear with the data.
      Thread.sleep(400);
      WaitForAsyncUtils.waitForFxEvents();
      robot.interact(() -> {
        Parent root = stage.getScene().getRoot();
        root.applyCss();
        root.layout();
        List<String> here = new ArrayList<>();
        collect(root, here);
        // A page taller than the window scrolls down: the content area grows with it, so the
        // page never runs past the area's edge, where it would be cut. Sideways it must fit: a
        // page wider than the window's area would scroll sideways, which no reader expects.
        var content = (javafx.scene.layout.Region) root.lookup("#content");
        var scroller = (javafx.scene.control.ScrollPane) root.lookup("#content-scroller");
        double viewport = scroller.getViewportBounds().getWidth();
        if (content.getWidth() > viewport + 0.5) {
          here.add(
              "page is %.0f wide, its area %.0f: it scrolls sideways"
                  .formatted(content.getWidth(), viewport));
        }
        Node page = content.getChildrenUnmodifiable().getFirst();
        var pageBounds = page.getBoundsInParent();
        if (pageBounds.getMaxX() > content.getWidth() + 0.5
            || pageBounds.getMaxY() > content.getHeight() + 0.5) {
          here.add(
              "page runs to %.0fx%.0f past its %.0fx%.0f area"
                  .formatted(
                      pageBounds.getMaxX(),
                      pageBounds.getMaxY(),
                      content.getWidth(),
                      content.getHeight()));
        }
        here.forEach(c -> cut.add(screen.title() + " " + c));
      });
    }
    assertThat(cut).as("buttons cut short at %dx%d, scale %s", width, height, scale).isEmpty();
  }

  /** The window at {@code width}x{@code height} with layout snapped at {@code scale}. */
  private void size(FxRobot robot, int width, int height, double scale) {
    robot.interact(() -> {
      stage.setRenderScaleX(scale);
      stage.setRenderScaleY(scale);
      stage.setX(0);
      stage.setY(0);
      stage.setWidth(width);
      stage.setHeight(height);
    });
    WaitForAsyncUtils.waitForFxEvents();
    // Layout follows the render scale: a third of a pixel snaps to 0 at 1 and to 1/2 at 2.
    robot.interact(() -> {
      var root = (javafx.scene.layout.Region) stage.getScene().getRoot();
      assertThat(stage.getRenderScaleX()).isEqualTo(scale);
      assertThat(root.snapPositionX(1 / 3.0)).isEqualTo(Math.round(scale / 3) / scale);
    });
  }

  /** Tile labels, table column headers and buttons, shown, whose displayed text is not theirs. */
  private static void collect(Node node, List<String> cut) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Labeled l
        && (l instanceof ButtonBase || within(l, "metric-tile") || within(l, "column-header"))
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

  /** Whether {@code node} is inside a node of {@code styleClass} (a tile, a table's header). */
  private static boolean within(Node node, String styleClass) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n.getStyleClass().contains(styleClass)) {
        return true;
      }
    }
    return false;
  }
}
