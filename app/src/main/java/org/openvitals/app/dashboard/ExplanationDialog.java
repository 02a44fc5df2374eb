package org.openvitals.app.dashboard;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The explanation in a dialog that asks, before it opens, for the room its content needs: a
 * comfortable line of text wide (less on a small screen) and as tall as the explanation up to most
 * of the screen's height, beyond which the explanation scrolls and Close stays in view. Opening the
 * full text makes it grow again, within the same limit.
 *
 * <p>The room is worked out from the content's preferred size at the dialog's width, not from a
 * laid-out height (0 before the first layout), and the explanation's area never gets less: the
 * dialog pane sizes itself while its window opens, and left the area one line high (seen under Xvfb
 * at 100 % and 200 %; {@code ExplanationDialogTest} at render scale 2).
 */
final class ExplanationDialog {
  /** The explanation's width on a large enough screen (logical pixels). */
  static final double WIDTH = 720;

  private ExplanationDialog() {}

  /** The dialog for {@code pane}, centred on {@code owner} (null: the primary screen). */
  static Dialog<Void> create(Window owner, ExplanationPane pane) {
    Rectangle2D screen = screenOf(owner).getVisualBounds();
    double width = Math.min(WIDTH, screen.getWidth() * 0.9);
    double tallest = Math.max(240, screen.getHeight() * 0.6);

    Dialog<Void> dialog = new Dialog<>();
    dialog.setTitle("Why this value");
    if (owner != null) {
      dialog.initOwner(owner);
    }
    ScrollPane scroll = new FittedScroll(pane, tallest);
    scroll.setId("explanation-scroll");
    scroll.setPrefWidth(width);
    dialog.getDialogPane().setContent(scroll);
    // Lifts AtlantaFX's 600-pixel cap on dialogs, whichever stylesheets the window has: the width
    // asked for above. (Set in code, the theme's stylesheet would override it.)
    dialog.getDialogPane().setStyle("-fx-max-width: -1;");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.setResizable(true);
    // Opening the full text makes the content taller: the window follows, within the limit.
    pane.heightProperty()
        .addListener((p, before, now) -> {
          if (dialog.isShowing()) {
            dialog.getDialogPane().getScene().getWindow().sizeToScene();
          }
        });
    return dialog;
  }

  private static Screen screenOf(Window owner) {
    if (owner == null) {
      return Screen.getPrimary();
    }
    return Screen.getScreensForRectangle(
            owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight())
        .stream()
        .findFirst()
        .orElse(Screen.getPrimary());
  }

  /** A scroll pane that prefers its content's height at its width, up to {@code tallest}. */
  private static final class FittedScroll extends ScrollPane {
    private final Region content;
    private final double tallest;

    FittedScroll(Region content, double tallest) {
      super(content);
      this.content = content;
      this.tallest = tallest;
      setFitToWidth(true);
      getStyleClass().add("edge-to-edge");
    }

    /** As tall as it prefers (up to {@code tallest}): see the class comment. */
    @Override
    protected double computeMinHeight(double width) {
      return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
      double outer = width >= 0 ? width : getPrefWidth();
      double inner = outer - snappedLeftInset() - snappedRightInset();
      return snappedTopInset()
          + Math.min(content.prefHeight(inner), tallest)
          + snappedBottomInset();
    }
  }
}
