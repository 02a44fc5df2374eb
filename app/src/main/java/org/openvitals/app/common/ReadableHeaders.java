package org.openvitals.app.common;

import javafx.scene.Node;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.control.skin.TableViewSkin;

/**
 * A table whose column headers are never cut to "Sam…": each column is at least as wide as its
 * header's text (in the font the theme gives it, with the sort arrow when sorted). When the columns
 * do not all fit, the table scrolls sideways inside itself, as desktop tables do; the page around
 * it keeps to the window's width.
 */
public final class ReadableHeaders {
  private ReadableHeaders() {}

  /** Gives {@code table} the skin that keeps its headers readable. */
  public static <S> void keep(TableView<S> table) {
    table.setSkin(new Skin<>(table));
  }

  private static final class Skin<S> extends TableViewSkin<S> {
    Skin(TableView<S> table) {
      super(table);
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
      super.layoutChildren(x, y, w, h);
      // Headers exist and are styled only now; a wider minimum lays the table out once more.
      for (Node node : getSkinnable().lookupAll(".column-header")) {
        if (node instanceof TableColumnHeader header
            && header.getTableColumn() != null
            && header.getTableColumn().getColumns().isEmpty()) {
          TableColumnBase<?, ?> column = header.getTableColumn();
          double needed = snapSizeX(headerWidth(header));
          if (needed > column.getMinWidth() + 0.5) {
            column.setMinWidth(needed);
          }
        }
      }
    }

    /** The header's insets, its label's text and, when the column is sorted, its arrow. */
    private static double headerWidth(TableColumnHeader header) {
      double width = header.snappedLeftInset() + header.snappedRightInset();
      for (Node child : header.getChildrenUnmodifiable()) {
        if (child.isVisible() && child.isManaged()) {
          width += child.prefWidth(-1);
        }
      }
      return width;
    }
  }
}
