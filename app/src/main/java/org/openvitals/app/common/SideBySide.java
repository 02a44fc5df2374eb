package org.openvitals.app.common;

import javafx.geometry.HPos;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Two parts of a page beside each other when the page is at least {@code breakpoint} wide, the
 * second below the first when it is narrower, so a narrow window never has to scroll sideways.
 * Beside each other, the first gets {@code firstShare} of the width (never less than its minimum)
 * and both are as tall as the pane; stacked, the second gets its preferred height and the first
 * what is left, never less than its minimum.
 */
public final class SideBySide extends Region {
  private final Node first;
  private final Node second;
  private final double breakpoint;
  private final double firstShare;
  private final double gap;

  public SideBySide(Node first, Node second, double breakpoint, double firstShare, double gap) {
    this.first = first;
    this.second = second;
    this.breakpoint = breakpoint;
    this.firstShare = firstShare;
    this.gap = gap;
    getChildren().addAll(first, second);
  }

  /** Whether the parts stand beside each other at {@code width} (the pane's, with its insets). */
  public boolean besideAt(double width) {
    return width < 0 || width >= breakpoint;
  }

  @Override
  public Orientation getContentBias() {
    return Orientation.HORIZONTAL;
  }

  @Override
  protected double computeMinWidth(double height) {
    return horizontalInsets() + Math.max(first.minWidth(-1), second.minWidth(-1));
  }

  @Override
  protected double computePrefWidth(double height) {
    return horizontalInsets() + first.prefWidth(-1) + gap + second.prefWidth(-1);
  }

  @Override
  protected double computeMinHeight(double width) {
    return height(width, true);
  }

  @Override
  protected double computePrefHeight(double width) {
    return height(width, false);
  }

  private double height(double width, boolean min) {
    double inside = width < 0 ? -1 : width - horizontalInsets();
    double firstHeight;
    double secondHeight;
    if (besideAt(width)) {
      double firstWidth = inside < 0 ? -1 : firstWidth(inside);
      double secondWidth = inside < 0 ? -1 : inside - gap - firstWidth;
      firstHeight = min ? first.minHeight(firstWidth) : first.prefHeight(firstWidth);
      secondHeight = min ? second.minHeight(secondWidth) : second.prefHeight(secondWidth);
      return verticalInsets() + Math.max(firstHeight, secondHeight);
    }
    firstHeight = min ? first.minHeight(inside) : first.prefHeight(inside);
    // Stacked, the second part always shows all of itself; only the first gives up height.
    secondHeight = second.prefHeight(inside);
    return verticalInsets() + firstHeight + gap + secondHeight;
  }

  private double firstWidth(double inside) {
    double share = snapSizeX((inside - gap) * firstShare);
    double atMost = inside - gap - second.minWidth(-1);
    return Math.max(first.minWidth(-1), Math.min(share, atMost));
  }

  @Override
  protected void layoutChildren() {
    double x = snappedLeftInset();
    double y = snappedTopInset();
    double inside = getWidth() - horizontalInsets();
    double tall = getHeight() - verticalInsets();
    if (besideAt(getWidth())) {
      double firstWidth = firstWidth(inside);
      layoutInArea(first, x, y, firstWidth, tall, 0, HPos.LEFT, VPos.TOP);
      double secondX = snapPositionX(x + firstWidth + gap);
      layoutInArea(second, secondX, y, x + inside - secondX, tall, 0, HPos.LEFT, VPos.TOP);
    } else {
      double secondHeight = snapSizeY(second.prefHeight(inside));
      double firstHeight = Math.max(first.minHeight(inside), tall - gap - secondHeight);
      layoutInArea(first, x, y, inside, firstHeight, 0, HPos.LEFT, VPos.TOP);
      layoutInArea(
          second,
          x,
          snapPositionY(y + firstHeight + gap),
          inside,
          secondHeight,
          0,
          HPos.LEFT,
          VPos.TOP);
    }
  }

  private double horizontalInsets() {
    return snappedLeftInset() + snappedRightInset();
  }

  private double verticalInsets() {
    return snappedTopInset() + snappedBottomInset();
  }
}
