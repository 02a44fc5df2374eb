package org.openvitals.app.dashboard;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.shell.Screen;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.Explanation;

/**
 * The dashboard: a tile per metric with data for the chosen period (value, source, trend,
 * sparkline; Enter or a click opens the explanation), and a chart of one metric's days or, for
 * minute-level metrics, of every reading.
 */
public final class DashboardView extends ScrollPane implements Disposable {
  private final DashboardViewModel model;
  private final FlowPane tiles = new FlowPane(12, 12);
  private final Map<MetricType, MetricTile> tileByMetric = new EnumMap<>(MetricType.class);
  private final VBox chartBox = new VBox(8);

  /** Built when there is first something to chart: ChartFX is heavy to load, tiles come first. */
  private DashboardChart chart;

  private final ToggleButton everyReading = new ToggleButton("Every reading");
  private final Label chartNote = new Label();

  public DashboardView(AppContext context) {
    this(new DashboardViewModel(context, DashboardSettings.forUser()));
    model.reload();
  }

  /** A view on a model the caller loads (tests and the benchmark). */
  public DashboardView(DashboardViewModel model) {
    this.model = model;
    getStyleClass().addAll("dashboard", "edge-to-edge");
    setFitToWidth(true);

    Label title = new Label(Screen.DASHBOARD.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);
    ProgressIndicator busy = new ProgressIndicator();
    busy.setId("dashboard-loading");
    busy.setPrefSize(24, 24);
    busy.visibleProperty().bind(model.loadingProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox header = new HBox(12, title, busy, spacer, periods());
    header.setAlignment(Pos.CENTER_LEFT);

    Label message = new Label();
    message.setId("dashboard-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    message.visibleProperty().bind(message.textProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());

    tiles.setId("dashboard-tiles");
    VBox chartSection = chartSection();
    chartSection.visibleProperty().bind(model.chartMetricProperty().isNotNull());
    chartSection.managedProperty().bind(chartSection.visibleProperty());

    VBox page = new VBox(20, header, message, tiles, chartSection);
    page.setPadding(new Insets(0, 8, 8, 0));
    setContent(page);

    model
        .summaries()
        .addListener((javafx.collections.ListChangeListener<MetricSummary>) c -> showTiles());
    model
        .formatProperty()
        .addListener((p, b, n) -> {
          showTiles();
          showChart();
        });
    // The chart after the tiles are on screen, so the first values never wait for it.
    model.chartDaysProperty().addListener((p, b, n) -> Platform.runLater(this::showChart));
    everyReading.selectedProperty().addListener((p, b, n) -> showChart());
    showTiles();
  }

  public DashboardViewModel model() {
    return model;
  }

  @Override
  public void dispose() {
    model.dispose();
  }

  private HBox periods() {
    ToggleGroup group = new ToggleGroup();
    HBox box = new HBox();
    box.setId("dashboard-periods");
    Period[] all = Period.values();
    for (int i = 0; i < all.length; i++) {
      Period p = all[i];
      ToggleButton b = new ToggleButton(p.label());
      b.setId("period-" + p.name().toLowerCase(Locale.ROOT));
      b.setToggleGroup(group);
      b.getStyleClass()
          .add(
              i == 0
                  ? Styles.LEFT_PILL
                  : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
      b.setSelected(model.periodProperty().get() == p);
      b.setOnAction(e -> {
        model.periodProperty().set(p);
        b.setSelected(true); // a second click keeps the period chosen
      });
      box.getChildren().add(b);
    }
    return box;
  }

  private VBox chartSection() {
    Label heading = new Label("Over time");
    heading.getStyleClass().add(Styles.TITLE_3);
    heading.setMinWidth(Region.USE_PREF_SIZE);
    ComboBox<MetricType> metric = new ComboBox<>(model.metrics());
    metric.setId("chart-metric");
    metric.setAccessibleText("Metric in the chart");
    metric.setCellFactory(l -> new MetricCell());
    metric.setButtonCell(new MetricCell());
    metric.valueProperty().bindBidirectional(model.chartMetricProperty());
    everyReading.setId("chart-readings");
    everyReading.setMinWidth(Region.USE_PREF_SIZE);
    everyReading.setMnemonicParsing(true);
    everyReading.setText("_Every reading");
    everyReading
        .disableProperty()
        .bind(
            javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !DashboardData.hasReadings(model.chartMetricProperty().get()),
                model.chartMetricProperty()));
    chartNote.setId("chart-note");
    chartNote.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    HBox controls = new HBox(12, heading, metric, everyReading, chartNote);
    controls.setAlignment(Pos.CENTER_LEFT);
    chartBox.getChildren().add(controls);
    return chartBox;
  }

  /** Updates the tiles in place; only metrics that appear or vanish add or remove a tile. */
  private void showTiles() {
    DisplayFormat format = model.formatProperty().get();
    List<MetricTile> shown = new ArrayList<>();
    for (MetricSummary s : model.summaries()) {
      MetricTile tile = tileByMetric.computeIfAbsent(s.metric(), this::newTile);
      tile.show(s, format);
      shown.add(tile);
    }
    tileByMetric.keySet().retainAll(shown.stream().map(t -> t.summary().metric()).toList());
    if (!tiles.getChildren().equals(shown)) {
      tiles.getChildren().setAll(shown);
    }
  }

  private MetricTile newTile(MetricType metric) {
    MetricTile tile = new MetricTile(metric);
    tile.setOnMouseClicked(e -> explain(tile.summary()));
    tile.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
        explain(tile.summary());
        e.consume();
      }
    });
    return tile;
  }

  private void showChart() {
    MetricType metric = model.chartMetricProperty().get();
    model.cancelReadings();
    if (metric == null) {
      return;
    }
    if (chart == null) {
      chart = new DashboardChart();
      chartBox.getChildren().add(chart);
    }
    DashboardChart chart = this.chart;
    DisplayFormat format = model.formatProperty().get();
    if (everyReading.isSelected() && DashboardData.hasReadings(metric)) {
      chartNote.setText("Reading every stored value...");
      model.readings(
          metric,
          r -> {
            chart.showReadings(r, format);
            chartNote.setText(
                String.format(
                    Locale.US, "%,d readings; drag to zoom, right-click to zoom out", r.count()));
          });
    } else {
      chart.showDays(metric, model.chartDaysProperty().get(), format);
      chartNote.setText("Each day's value, coloured by the source it came from");
    }
  }

  private void explain(MetricSummary s) {
    if (!s.hasValue()) {
      return;
    }
    DisplayFormat format = model.formatProperty().get();
    model.explain(s.metric(), s.valueDay(), e -> showExplanation(e, format));
  }

  private void showExplanation(Explanation e, DisplayFormat format) {
    Dialog<Void> dialog = new Dialog<>();
    dialog.setTitle("Why this value");
    if (getScene() != null) {
      dialog.initOwner(getScene().getWindow());
    }
    dialog.getDialogPane().setContent(new ExplanationPane(e, format));
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog.getDialogPane().setPrefWidth(720);
    dialog.setResizable(true);
    dialog.show();
  }

  private static final class MetricCell extends ListCell<MetricType> {
    @Override
    protected void updateItem(MetricType item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : MetricTile.name(item));
    }
  }
}
