package org.openvitals.app.detail;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.openvitals.app.common.PeriodNavigation;
import org.openvitals.app.common.ReadableHeaders;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;

/**
 * One metric in detail: a span (Day to All) with previous/next, the chart, the exact value of the
 * mark under the pointer or keyboard focus, and "Show all data" with the stored samples. A thin
 * view over {@link DetailViewModel}.
 */
public final class DetailView extends VBox implements Disposable {
  private final DetailViewModel model;
  private final DetailChart chart = new DetailChart();
  private final TableView<Sample> table = new TableView<>();
  private final Subscription subscriptions;

  public DetailView(AppContext context) {
    this(new DetailViewModel(context), context);
  }

  DetailView(DetailViewModel model, AppContext context) {
    super(12);
    this.model = model;
    setId("detail-page");
    setFillWidth(true);

    // The screen's title as on every screen; the metric is chosen in the list beside the spans.
    Label title = new Label("Details");
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);

    ComboBox<MetricType> metric = new ComboBox<>();
    metric.setId("detail-metric");
    metric.getItems().setAll(model.metrics());
    metric.valueProperty().bindBidirectional(model.metricProperty());
    metric.setCellFactory(list -> new MetricCell());
    metric.setButtonCell(new MetricCell());

    HBox spans = new HBox();
    spans.getStyleClass().add("segmented");
    ToggleGroup group = new ToggleGroup();
    for (Span s : Span.values()) {
      ToggleButton b = new ToggleButton(s.title());
      b.setId("span-" + s.name().toLowerCase(java.util.Locale.ROOT));
      b.setToggleGroup(group);
      b.setSelected(model.spanProperty().get() == s);
      b.setOnAction(e -> {
        model.spanProperty().set(s);
        b.setSelected(true);
      });
      spans.getChildren().add(b);
    }
    PeriodNavigation controls =
        new PeriodNavigation("detail", model::previous, model::next, model::latest)
            .bind(
                model.periodProperty(),
                model.atEarliestProperty(),
                model.atLatestProperty(),
                model.loadingProperty())
            .lead(metric, spans);

    Label readout = new Label();
    readout.setId("detail-readout");
    readout.setWrapText(true);
    readout.getStyleClass().add(Styles.TEXT_BOLD);
    readout.textProperty().bind(model.readoutProperty());
    Label message = new Label();
    message.setId("detail-message");
    message.setWrapText(true);
    message.getStyleClass().add(Styles.TEXT_MUTED);
    message.textProperty().bind(model.messageProperty());
    message.managedProperty().bind(message.textProperty().isNotEmpty());
    message.visibleProperty().bind(message.managedProperty());
    Label legend = new Label();
    legend.setId("detail-legend");
    legend.setWrapText(true);
    legend.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

    chart.onSelect(i -> model.selectedProperty().set(i));
    chart.setAccessibleText("Chart");
    VBox.setVgrow(chart, Priority.ALWAYS);

    VBox samplesBox = samplesPane(model);
    ToggleButton showAll = new ToggleButton("Show all data");
    showAll.setId("detail-show-all");
    showAll.setOnAction(e -> {
      if (showAll.isSelected()) {
        model.showAllData();
      } else {
        model.hideAllData();
      }
      samplesBox.setVisible(showAll.isSelected());
      samplesBox.setManaged(showAll.isSelected());
    });
    showAll.setMinWidth(Region.USE_PREF_SIZE);
    readout.setMinHeight(Region.USE_PREF_SIZE);
    HBox below = new HBox(12, readout, showAll);
    HBox.setHgrow(readout, Priority.ALWAYS);
    readout.setMaxWidth(Double.MAX_VALUE);
    below.setAlignment(Pos.CENTER_LEFT);

    FlowPane sources = new FlowPane(16, 4);
    sources.setId("detail-sources");
    getChildren().addAll(title, controls, message, chart, sources, legend, below, samplesBox);

    Runnable redraw =
        () -> {
          DetailData d = model.dataProperty().get();
          DisplayFormat f = model.formatProperty().get();
          if (d != null && f != null) {
            chart.show(d, f);
            chart.mark(model.selectedProperty().get());
            legend.setText(legend(d));
            sources.getChildren().setAll(sourceKey(d, f));
            chart.setAccessibleText(
                DetailData.name(d.metric())
                    + " chart, "
                    + model.periodProperty().get()
                    + "; use the left and right arrow keys to read each value");
          }
        };
    this.subscriptions =
        Subscription.combine(
            model.dataProperty().subscribe(d -> redraw.run()),
            model.formatProperty().subscribe(f -> redraw.run()),
            model.selectedProperty().subscribe(i -> chart.mark(i.intValue())),
            model
                .spanProperty()
                .subscribe(s ->
                    group
                        .getToggles()
                        .forEach(
                            t -> t.setSelected(((ToggleButton) t).getText().equals(s.title())))),
            context
                .detailRequestProperty()
                .subscribe((before, now) -> model.open(now.metric(), now.day())));
    AppContext.DetailRequest asked = context.detailRequestProperty().get();
    if (asked != null) {
      model.open(asked.metric(), asked.day());
    } else {
      model.reload();
    }
  }

  /** Shows {@code metric} on {@code day} (null: its latest day with data). */
  public void open(MetricType metric, java.time.LocalDate day) {
    model.open(metric, day);
  }

  DetailViewModel model() {
    return model;
  }

  private VBox samplesPane(DetailViewModel model) {
    table.setId("detail-samples");
    table.setItems(model.samples());
    table.setPrefHeight(260);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    ReadableHeaders.keep(table);
    table.setPlaceholder(new Label("No samples stored in this span"));
    TableColumn<Sample, String> when = new TableColumn<>("Time");
    when.setCellValueFactory(c ->
        new javafx.beans.property.SimpleStringProperty(
            model.formatProperty().get().dateTime(c.getValue().start().toInstant())));
    TableColumn<Sample, String> value = new TableColumn<>("Value");
    value.setCellValueFactory(c ->
        new javafx.beans.property.SimpleStringProperty(
            model.formatProperty().get().full(c.getValue().type(), c.getValue().value())));
    TableColumn<Sample, String> source = new TableColumn<>("Source");
    source.setCellValueFactory(c ->
        new javafx.beans.property.SimpleStringProperty(
            model.formatProperty().get().source(c.getValue().source())));
    TableColumn<Sample, String> device = new TableColumn<>("Device");
    device.setCellValueFactory(c ->
        new javafx.beans.property.SimpleStringProperty(
            c.getValue().device() == null ? "" : c.getValue().device()));
    table.getColumns().setAll(java.util.List.of(when, value, source, device));

    Label note = new Label();
    note.setId("detail-samples-note");
    note.setWrapText(true);
    note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    note.textProperty().bind(model.samplesNoteProperty());
    Button delete = new Button("Delete sample...");
    delete.setId("detail-delete");
    delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    Label confirmText = new Label();
    confirmText.setWrapText(true);
    Button confirm = new Button("Delete");
    confirm.setId("detail-delete-confirm");
    confirm.getStyleClass().add(Styles.DANGER);
    Button keep = new Button("Keep");
    keep.setId("detail-delete-keep");
    HBox confirmRow = new HBox(8, confirmText, confirm, keep);
    confirmRow.setAlignment(Pos.CENTER_LEFT);
    confirmRow.setVisible(false);
    confirmRow.setManaged(false);
    delete.setOnAction(e -> {
      Sample s = table.getSelectionModel().getSelectedItem();
      DisplayFormat f = model.formatProperty().get();
      confirmText.setText(
          "Delete "
              + f.full(s.type(), s.value())
              + " of "
              + f.dateTime(s.start().toInstant())
              + " from "
              + f.source(s.source())
              + "? Importing the same file again will not bring it back.");
      confirmRow.setVisible(true);
      confirmRow.setManaged(true);
      confirm.setOnAction(c -> {
        confirmRow.setVisible(false);
        confirmRow.setManaged(false);
        model.delete(s, n -> {});
      });
    });
    keep.setOnAction(e -> {
      confirmRow.setVisible(false);
      confirmRow.setManaged(false);
    });
    HBox actions = new HBox(12, delete, note);
    actions.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(8, actions, confirmRow, table);
    box.setId("detail-samples-box");
    box.setVisible(false);
    box.setManaged(false);
    return box;
  }

  /** A coloured dot and name per source in the chart, in the order they first appear. */
  private static java.util.List<javafx.scene.Node> sourceKey(DetailData d, DisplayFormat f) {
    java.util.List<javafx.scene.Node> out = new java.util.ArrayList<>();
    d.points().stream()
        .map(DetailPoint::source)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .forEach(source -> {
          Label name =
              new Label(f.source(source), new javafx.scene.shape.Circle(5, f.colours().of(source)));
          name.getStyleClass().add(Styles.TEXT_SMALL);
          out.add(name);
        });
    return out;
  }

  private static String legend(DetailData d) {
    String what =
        switch (d.span()) {
          case DAY -> d.bars() ? "Each bar is one hour's merged value" : "Every stored reading";
          default -> "Each mark is one day's merged value";
        };
    if (d.weekly()) {
      what = "Each mark is one week's mean of its days";
    }
    if (d.metric() == MetricType.BLOOD_PRESSURE_SYSTOLIC) {
      what += "; each line runs from diastolic up to systolic";
    }
    if (d.movingAverage() != null) {
      what += "; the line is the " + DetailData.AVERAGE_OVER + "-day moving average";
    }
    return what + ", coloured by its source. Point at a mark or use the arrow keys.";
  }

  private static final class MetricCell extends ListCell<MetricType> {
    @Override
    protected void updateItem(MetricType item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : DetailData.name(item));
    }
  }

  @Override
  public void dispose() {
    subscriptions.unsubscribe();
    model.dispose();
  }
}
