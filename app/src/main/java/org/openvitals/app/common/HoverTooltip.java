package org.openvitals.app.common;

import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A tooltip made when the pointer first reaches its control (it then shows as usual, after its
 * delay), its text the control's accessible help from the start. Each tooltip is a popup window of
 * its own: the sidebar's eleven and the dashboard's tiles' made theirs before the values were laid
 * out, most of which nobody ever points at (docs/architecture.md, "Start-up").
 */
public final class HoverTooltip {
  private HoverTooltip() {}

  /** {@code text} as {@code control}'s accessible help now and its tooltip on the first hover. */
  public static void install(Control control, String text) {
    control.setAccessibleHelp(text);
    onFirstHover(control, () -> control.setTooltip(new Tooltip(text)));
  }

  /** The same with a text that changes: help and tooltip follow it. */
  public static void install(Control control, ObservableValue<String> text) {
    control.accessibleHelpProperty().bind(text);
    onFirstHover(
        control,
        () -> {
          Tooltip tooltip = new Tooltip();
          tooltip.textProperty().bind(text);
          control.setTooltip(tooltip);
        });
  }

  private static void onFirstHover(Control control, Runnable make) {
    control.addEventHandler(
        MouseEvent.MOUSE_ENTERED,
        new EventHandler<>() {
          @Override
          public void handle(MouseEvent entered) {
            control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
            make.run();
          }
        });
  }
}
