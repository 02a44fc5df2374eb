package org.openvitals.app.common;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The bar that steps through time on the dashboard, detail, sleep and workouts pages: Earlier, the
 * period shown, Later, Latest and a spinner while a read runs. It holds no state: the page's view
 * model says what the period is, whether it is the first or the latest with data (the step that
 * would leave the data is disabled, and Latest while there) and whether it is reading. A page may
 * put its own controls in front ({@link #lead}). In a narrow window the pieces flow onto more
 * lines, Earlier, the period and Later staying together.
 *
 * <p>Ids: {@code <page>-earlier}, {@code <page>-period}, {@code <page>-later}, {@code
 * <page>-latest}, {@code <page>-loading}.
 */
public final class PeriodNavigation extends FlowPane {
  private final Button earlier = new Button("\u2039 Earlier");
  private final Button later = new Button("Later \u203a");
  private final Button latest = new Button("Latest");
  private final Label period = new Label();
  private final ProgressIndicator loading = new ProgressIndicator();
  private final HBox bar = new HBox(8);

  /** The bar of {@code page} (the id prefix) with its three actions. */
  public PeriodNavigation(String page, Runnable toEarlier, Runnable toLater, Runnable toLatest) {
    super(12, 8);
    setId(page + "-navigation");
    getStyleClass().add("period-navigation");
    setAlignment(Pos.CENTER_LEFT);
    earlier.setId(page + "-earlier");
    earlier.setOnAction(e -> toEarlier.run());
    later.setId(page + "-later");
    later.setOnAction(e -> toLater.run());
    latest.setId(page + "-latest");
    latest.setOnAction(e -> toLatest.run());
    // The arrows are not read out; the tooltips say what a step does.
    earlier.setAccessibleText("Earlier");
    HoverTooltip.install(earlier, "Show the period before this one");
    later.setAccessibleText("Later");
    HoverTooltip.install(later, "Show the period after this one");
    HoverTooltip.install(latest, "Go to the latest day with data");
    for (Button b : List.of(earlier, later, latest)) {
      b.getStyleClass().add(Styles.SMALL);
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    period.setId(page + "-period");
    period.getStyleClass().add(Styles.TEXT_BOLD);
    period.setMinWidth(Region.USE_PREF_SIZE);
    loading.setId(page + "-loading");
    loading.setPrefSize(18, 18);
    loading.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    loading.setVisible(false);
    bar.getChildren().addAll(earlier, period, later);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setMinWidth(Region.USE_PREF_SIZE);
    getChildren().addAll(bar, latest, loading);
  }

  /**
   * Shows {@code text} as the period, and disables Earlier while {@code atEarliest}, Later and
   * Latest while {@code atLatest}: the view model's state, bound, not copied.
   */
  public PeriodNavigation bind(
      ObservableStringValue text,
      ObservableBooleanValue atEarliest,
      ObservableBooleanValue atLatest,
      ObservableBooleanValue reading) {
    period.textProperty().bind(text);
    earlier.disableProperty().bind(atEarliest);
    later.disableProperty().bind(atLatest);
    latest.disableProperty().bind(atLatest);
    loading.visibleProperty().bind(reading);
    return this;
  }

  /** Puts {@code nodes} (a page's own choosers) in front of the bar, flowing with it. */
  public PeriodNavigation lead(Node... nodes) {
    getChildren().addAll(0, List.of(nodes));
    return this;
  }
}
