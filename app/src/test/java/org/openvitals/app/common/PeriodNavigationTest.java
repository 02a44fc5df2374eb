package org.openvitals.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvitals.app.testing.Fx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The shared Earlier / period / Later / Latest bar, bound to plain properties. */
@ExtendWith(ApplicationExtension.class)
class PeriodNavigationTest {
  private final List<String> asked = new ArrayList<>();
  private final SimpleStringProperty period = new SimpleStringProperty("Mar 1 – Mar 28, 2026");
  private final SimpleBooleanProperty atEarliest = new SimpleBooleanProperty(false);
  private final SimpleBooleanProperty atLatest = new SimpleBooleanProperty(true);
  private final SimpleBooleanProperty reading = new SimpleBooleanProperty(false);
  private PeriodNavigation bar;

  @Start
  void start(Stage stage) {
    bar =
        new PeriodNavigation(
                "test",
                () -> asked.add("earlier"),
                () -> asked.add("later"),
                () -> asked.add("latest"))
            .bind(period, atEarliest, atLatest, reading)
            .lead(new ToggleButton("Day"));
    stage.setScene(new Scene(bar, 600, 100));
    stage.show();
  }

  @Test
  void theButtonsAskTheirActionAndTheStateComesFromTheBoundProperties(FxRobot robot) {
    assertThat(robot.lookup("#test-period").queryAs(Label.class).getText())
        .isEqualTo("Mar 1 – Mar 28, 2026");
    assertThat(robot.lookup("#test-later").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(robot.lookup("#test-earlier").queryAs(Button.class).isDisabled()).isFalse();
    assertThat(robot.lookup("#test-latest").queryAs(Button.class).isDisabled()).isTrue();
    Button earlier = robot.lookup("#test-earlier").queryAs(Button.class);
    assertThat(earlier.getTooltip()).isNull(); // made on the first hover, not for the first frame
    assertThat(Fx.call(() -> earlier.queryAccessibleAttribute(AccessibleAttribute.HELP)))
        .isEqualTo("Show the period before this one");
    assertThat(robot.lookup("#test-earlier").queryAs(Button.class).getAccessibleText())
        .isEqualTo("Earlier");
    assertThat(robot.lookup("#test-later").queryAs(Button.class).getAccessibleText())
        .isEqualTo("Later");
    assertThat(robot.lookup("#test-loading").queryAs(ProgressIndicator.class).isVisible())
        .isFalse();
    // The page's own controls come first, then Earlier, the period and Later in one piece, Latest.
    assertThat(bar.getChildren())
        .extracting(n -> n instanceof javafx.scene.control.Labeled l ? l.getText() : n.getId())
        .containsExactly("Day", null, "Latest", "test-loading");
    assertThat(((javafx.scene.Parent) bar.getChildren().get(1)).getChildrenUnmodifiable())
        .extracting(n -> ((javafx.scene.control.Labeled) n).getText())
        .containsExactly("‹ Earlier", "Mar 1 – Mar 28, 2026", "Later ›");

    robot.clickOn("#test-earlier");
    assertThat(earlier.getTooltip().getText()).isEqualTo("Show the period before this one");
    robot.clickOn("#test-later"); // disabled: asks nothing
    robot.clickOn("#test-latest"); // disabled at the latest: asks nothing
    assertThat(asked).containsExactly("earlier");

    robot.interact(() -> {
      period.set("Feb 1 – Feb 28, 2026");
      atLatest.set(false);
      atEarliest.set(true);
      reading.set(true);
    });
    assertThat(robot.lookup("#test-period").queryAs(Label.class).getText())
        .isEqualTo("Feb 1 – Feb 28, 2026");
    assertThat(robot.lookup("#test-earlier").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(robot.lookup("#test-loading").queryAs(ProgressIndicator.class).isVisible()).isTrue();
    robot.clickOn("#test-later");
    robot.clickOn("#test-latest");
    robot.clickOn("#test-earlier"); // disabled now
    assertThat(asked).containsExactly("earlier", "later", "latest");
  }
}
