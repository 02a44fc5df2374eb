package org.openvitals.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleStringProperty;
import javafx.event.Event;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvitals.app.testing.Fx;

/** Tooltips made on the first hover, their text read out from the start. */
class HoverTooltipTest {
  @BeforeAll
  static void toolkit() {
    Fx.start();
  }

  @Test
  void aFixedTextIsTheHelpAtOnceAndTheTooltipFromTheFirstHover() throws Exception {
    Button button =
        Fx.call(() -> {
          Button b = new Button("Latest");
          HoverTooltip.install(b, "Go to the latest day with data");
          return b;
        });

    assertThat(button.getTooltip()).isNull();
    assertThat(Fx.call(() -> button.queryAccessibleAttribute(AccessibleAttribute.HELP)))
        .isEqualTo("Go to the latest day with data");

    Fx.run(() -> hover(button));
    assertThat(button.getTooltip().getText()).isEqualTo("Go to the latest day with data");
    var first = button.getTooltip();
    Fx.run(() -> hover(button));
    assertThat(button.getTooltip()).isSameAs(first); // one tooltip, not one per hover
  }

  @Test
  void aChangingTextIsFollowedByTheHelpAndTheTooltip() throws Exception {
    SimpleStringProperty text = new SimpleStringProperty("Watch");
    Label label =
        Fx.call(() -> {
          Label l = new Label();
          l.textProperty().bind(text);
          HoverTooltip.install(l, l.textProperty());
          return l;
        });

    Fx.run(() -> text.set("Watch (3 of 7 days)"));
    assertThat(label.getTooltip()).isNull();
    assertThat(Fx.call(() -> label.queryAccessibleAttribute(AccessibleAttribute.HELP)))
        .isEqualTo("Watch (3 of 7 days)");

    Fx.run(() -> hover(label));
    assertThat(label.getTooltip().getText()).isEqualTo("Watch (3 of 7 days)");
    Fx.run(() -> text.set("Phone"));
    assertThat(label.getTooltip().getText()).isEqualTo("Phone");
    assertThat(Fx.call(() -> label.queryAccessibleAttribute(AccessibleAttribute.HELP)))
        .isEqualTo("Phone");
  }

  private static void hover(javafx.scene.Node node) {
    Event.fireEvent(
        node,
        new MouseEvent(
            MouseEvent.MOUSE_ENTERED,
            1,
            1,
            1,
            1,
            MouseButton.NONE,
            0,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            false,
            null));
  }
}
