package org.openvitals.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.RangeSlider;
import org.controlsfx.control.SearchableComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.testing.Fx;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.ResolvedDay;

/**
 * The chart library's and ControlsFX's style sheets derive colours from Modena's looked-up colours
 * (-fx-background, -fx-control-inner-background ...), which AtlantaFX does not define: without the
 * app's definitions every start logged "cannot be cast to class javafx.scene.paint.Color".
 */
class StyleSheetsTest {
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler collect =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          String text = r.getMessage() + " " + (r.getThrown() == null ? "" : r.getThrown());
          if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
              text += " " + p;
            }
          }
          warnings.add(text);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void toolkit() {
    Fx.start();
  }

  @AfterEach
  void detach() {
    Logger.getLogger("").removeHandler(collect);
    Fx.run(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theChartAndControlsFxStyleWithoutWarnings(boolean dark) {
    Logger.getLogger("").addHandler(collect);
    SourceRef watch = new SourceRef("apple_health", "Apple Watch");
    List<ResolvedDay> days = new ArrayList<>();
    LocalDate first = LocalDate.of(2024, 7, 1);
    for (int i = 0; i < 7; i++) {
      days.add(
          new ResolvedDay(
              MetricType.STEPS,
              first.plusDays(i),
              9000,
              null,
              null,
              null,
              null,
              1,
              watch,
              Map.of(watch, 9000.0)));
    }
    Fx.run(() -> {
      Application.setUserAgentStylesheet(
          dark
              ? new PrimerDark().getUserAgentStylesheet()
              : new PrimerLight().getUserAgentStylesheet());
      DisplayFormat format = new DisplayFormat(UnitSystem.METRIC);
      DashboardChart chart = new DashboardChart(format);
      chart.showDays(MetricType.STEPS, days, DayRange.ending(first.plusDays(6), 7), format);
      VBox root = new VBox(chart, new SearchableComboBox<String>(), new RangeSlider(0, 10, 2, 8));
      Scene scene = new Scene(root, 800, 600);
      scene
          .getStylesheets()
          .add(
              StyleSheetsTest.class
                  .getResource("/org/openvitals/app/theme/openvitals.css")
                  .toExternalForm());
      Stage stage = new Stage();
      stage.setScene(scene);
      stage.show();
      root.applyCss();
      root.layout();
      stage.close();
    });

    assertThat(warnings).noneMatch(w -> w.contains("cannot be cast"));
    Fx.assertNothingThrown();
  }
}
