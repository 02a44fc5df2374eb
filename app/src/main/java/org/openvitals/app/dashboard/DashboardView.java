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
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.openvitals.app.common.PeriodNavigation;
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
    this(context, null);
  }

  /** The dashboard of the window, whose first values may have been read already ({@code early}). */
  public DashboardView(AppContext context, DashboardViewModel.EarlyRead early) {
    this(new DashboardViewModel(context, DashboardSettings.forUser(), early));
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
    // A flow of the title and each period button, so in a narrow window the periods move under
    // the title and, narrower still, onto a second line rather than past the window's edge.
    HBox titleRow = new HBox(title); // the spinner is in the period bar, as on the other pages
    titleRow.setAlignment(Pos.CENTER_LEFT);
    titleRow.setPadding(new Insets(0, 24, 0, 0));
    FlowPane header = new FlowPane(0, 8, titleRow);
    header.getChildren().addAll(periods());
    header.setAlignment(Pos.CENTER_LEFT);
    FlowPane when = when();

    Label message = new Label();
    message.setId("dashboard-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    message.visibleProperty().bind(message.textProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());

    tiles.setId("dashboard-tiles");
    chartBox.visibleProperty().bind(model.chartMetricProperty().isNotNull());
    chartBox.managedProperty().bind(chartBox.visibleProperty());

    VBox page = new VBox(16, header, when, message, tiles, chartBox);
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
    // The chart after a pulse has laid out the tiles, so the first values never wait for it (a
    // runLater ran before that pulse: the chart's classes and CSS came first).
    model.chartDaysProperty().addListener((p, b, n) -> afterNextLayout(this::showChart));
    everyReading.selectedProperty().addListener((p, b, n) -> showChart());
    model.stateProperty().addListener((p, b, n) -> showTiles());
    model.readAroundOnScreen(this::afterNextLayout);
    showTiles();
  }

  /**
   * Runs {@code action} once the next pulse has laid out this page (its new tiles), or at once when
   * the page is not in a showing window (no pulse would lay it out).
   */
  private void afterNextLayout(Runnable action) {
    Scene scene = getScene();
    if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
      action.run();
      return;
    }
    Runnable[] laidOut = new Runnable[1];
    laidOut[0] =
        () ->
            // After this pulse, not within it: the listeners are being iterated.
            Platform.runLater(() -> {
              if (laidOut[0] != null) {
                scene.removePostLayoutPulseListener(laidOut[0]);
                laidOut[0] = null;
                action.run();
              }
            });
    scene.addPostLayoutPulseListener(laidOut[0]);
    Platform.requestNextPulse();
  }

  public DashboardViewModel model() {
    return model;
  }

  @Override
  public void dispose() {
    model.dispose();
  }

  private List<ToggleButton> periods() {
    ToggleGroup group = new ToggleGroup();
    List<ToggleButton> buttons = new ArrayList<>();
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
      b.setMinWidth(Region.USE_PREF_SIZE);
      b.setSelected(model.periodProperty().get() == p);
      model.periodProperty().subscribe(now -> b.setSelected(now == p));
      b.setOnAction(e -> {
        model.periodProperty().set(p);
        b.setSelected(true); // a second click keeps the period chosen
      });
      buttons.add(b);
    }
    return buttons;
  }

  /**
   * The days shown with the steps and the jump of every page ({@link PeriodNavigation}) and, for
   * the Range period, the first and last day to show.
   */
  private FlowPane when() {
    PeriodNavigation row =
        new PeriodNavigation(
                "dashboard", () -> model.step(-1), () -> model.step(1), model::showLatest)
            .bind(
                model.rangeTextProperty(),
                model.atEarliestProperty(),
                model.atLatestProperty(),
                model.loadingProperty());
    // The Range's day pickers join the row the first time Range is chosen: most starts never
    // show them, and their skins would cost the first frame.
    model
        .periodProperty()
        .subscribe(p -> {
          if (p == Period.CUSTOM && row.lookup("#range-from") == null) {
            row.getChildren().add(rangePicker());
          }
        });
    return row;
  }

  /** The first and last day of the Range period, shown while Range is chosen. */
  private HBox rangePicker() {
    DatePicker from = new DatePicker();
    from.setId("range-from");
    from.setPromptText("First day");
    DatePicker to = new DatePicker();
    to.setId("range-to");
    to.setPromptText("Last day");
    for (DatePicker p : List.of(from, to)) {
      p.setPrefWidth(150);
      p.setConverter(model.formatProperty().get().dayConverter());
    }
    Button apply = new Button("Show");
    apply.setId("range-show");
    apply.setMinWidth(Region.USE_PREF_SIZE);
    apply.disableProperty().bind(from.valueProperty().isNull().or(to.valueProperty().isNull()));
    apply.setOnAction(e -> model.showRange(from.getValue(), to.getValue()));
    Label dash = new Label("to");
    HBox pick = new HBox(6, from, dash, to, apply);
    pick.setAlignment(Pos.CENTER_LEFT);
    pick.visibleProperty().bind(model.periodProperty().isEqualTo(Period.CUSTOM));
    pick.managedProperty().bind(pick.visibleProperty());
    model
        .periodProperty()
        .subscribe(p -> {
          if (p == Period.CUSTOM) {
            from.setValue(model.rangeProperty().get().from());
            to.setValue(model.rangeProperty().get().to());
          }
        });
    return pick;
  }

  /** The chart's heading and choices, added with the chart itself (see {@link #showChart}). */
  private HBox chartControls() {
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
    chartNote.setWrapText(true);
    HBox controls = new HBox(12, heading, metric, everyReading, chartNote);
    HBox.setHgrow(chartNote, javafx.scene.layout.Priority.ALWAYS);
    controls.setAlignment(Pos.CENTER_LEFT);
    return controls;
  }

  /** Updates the tiles in place; only metrics that appear or vanish add or remove a tile. */
  private void showTiles() {
    DisplayFormat format = model.formatProperty().get();
    List<MetricTile> shown = new ArrayList<>();
    MetricSummary diastolic =
        model.summaries().stream()
            .filter(s -> s.metric() == MetricType.BLOOD_PRESSURE_DIASTOLIC)
            .findFirst()
            .orElse(null);
    for (MetricSummary s : model.summaries()) {
      if (s.metric() == MetricType.BLOOD_PRESSURE_DIASTOLIC
          && model.summaries().stream()
              .anyMatch(o -> o.metric() == MetricType.BLOOD_PRESSURE_SYSTOLIC)) {
        continue; // shown in the systolic tile, as 120/80
      }
      MetricTile tile = tileByMetric.computeIfAbsent(s.metric(), this::newTile);
      tile.show(s, diastolic, format);
      shown.add(tile);
    }
    tileByMetric.keySet().retainAll(shown.stream().map(t -> t.summary().metric()).toList());
    if (shown.isEmpty() && model.stateProperty().get() == DashboardViewModel.State.LOADING) {
      tiles.getChildren().setAll(skeleton());
    } else if (!tiles.getChildren().equals(shown)) {
      tiles.getChildren().setAll(shown);
    }
  }

  /** Grey tiles where the values will be, while the first values are read. */
  private static List<Region> skeleton() {
    List<Region> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Region r = new Region();
      r.getStyleClass().addAll("metric-tile", "skeleton-tile");
      r.setId(i == 0 ? "dashboard-skeleton" : null);
      r.setPrefHeight(150);
      out.add(r);
    }
    return out;
  }

  private MetricTile newTile(MetricType metric) {
    MetricTile tile = new MetricTile(metric);
    tile.setOnMouseClicked(e -> explain(tile.summary()));
    // The tile explains its value; its link opens the metric's detail view.
    if (org.openvitals.app.detail.DetailData.charts(metric)) {
      javafx.scene.control.Hyperlink details = new javafx.scene.control.Hyperlink("Details");
      details.setId("details-" + metric.id());
      details.setOnAction(e -> model.showDetail(metric, tile.summary().valueDay()));
      details.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> e.consume());
      tile.getChildren().add(details);
    }
    tile.setOnKeyPressed(e -> {
      if (e.getTarget() == tile && (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE)) {
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
      // The chart's controls and ChartFX come after the first values: the first frame and the
      // tiles never wait for their skins and classes.
      chart = new DashboardChart(model.formatProperty().get());
      chartBox.getChildren().addAll(chartControls(), chart);
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
                format.count(r.count(), "readings") + "; drag to zoom, right-click to zoom out");
          });
    } else {
      chart.showDays(metric, model.chartDaysProperty().get(), model.chartRange(), format);
      chartNote.setText("Each day's value, coloured by the source it came from");
    }
  }

  private void explain(MetricSummary s) {
    if (!s.hasValue()) {
      return;
    }
    DisplayFormat format = model.formatProperty().get();
    model.explain(s.metric(), s.valueDay(), e -> showExplanation(e, s, format));
  }

  private void showExplanation(Explanation e, MetricSummary s, DisplayFormat format) {
    ExplanationDialog.create(
            getScene() == null ? null : getScene().getWindow(), new ExplanationPane(e, s, format))
        .show();
  }

  private static final class MetricCell extends ListCell<MetricType> {
    @Override
    protected void updateItem(MetricType item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : MetricTile.name(item));
    }
  }
}
