package org.openvitals.app.workouts;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.openvitals.app.common.PeriodNavigation;
import org.openvitals.app.common.ReadableHeaders;
import org.openvitals.app.common.SideBySide;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.maps.RouteMapModel;
import org.openvitals.app.settings.UserSettings;
import org.openvitals.app.shell.Screen;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.workouts.Workout;

/**
 * The workouts page: a list (one row per workout, whichever sources recorded it) and the selected
 * workout's figures, heart-rate curve and route. Thin: state and reads live in {@link
 * WorkoutsViewModel}.
 */
public final class WorkoutsView extends VBox implements Disposable {
  /** The table's font size against the page's, as in the stylesheet. */
  private static final double TABLE_FONT_SCALE = 0.92;

  /** The page width from which the heart-rate curve and the route stand side by side. */
  private static final double CHARTS_SIDE_BY_SIDE = 520;

  /** Beyond this height a curve of a workout's heart rate only exaggerates its wiggles. */
  private static final double CURVE_TALLEST = 360;

  private final WorkoutsViewModel model;
  private final RouteMapModel routeMap;
  private final TableView<WorkoutRow> table = new TableView<>();
  private final VBox page = new VBox(10);
  private final Label message = new Label();
  private final Subscription watches;

  public WorkoutsView(AppContext context) {
    this(
        new WorkoutsViewModel(context),
        new RouteMapModel(context, () -> UserSettings.forUser().mapTiles()));
  }

  WorkoutsView(WorkoutsViewModel model, RouteMapModel routeMap) {
    this.model = model;
    this.routeMap = routeMap;
    getStyleClass().add("workouts");
    setSpacing(12);

    Label title = new Label(Screen.WORKOUTS.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);
    message.setId("workouts-message");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.textProperty().bind(model.messageProperty());
    message.managedProperty().bind(message.textProperty().isNotEmpty());
    message.visibleProperty().bind(message.managedProperty());

    buildTable();
    page.setId("workout-page");
    page.setPadding(new Insets(0, 16, 16, 0));
    // The page fills the pane below the list, so its curve and route grow or shrink to fit; it
    // scrolls only when even their smallest sizes do not fit.
    ScrollPane pageScroll = new ScrollPane(page);
    pageScroll.setId("workout-page-scroll");
    pageScroll.setFitToWidth(true);
    pageScroll.setFitToHeight(true);
    SplitPane split = new SplitPane(table, pageScroll);
    split.setOrientation(Orientation.VERTICAL);
    // Three rows of the list at 1024x700, and the selected workout's page whole below them.
    split.setDividerPositions(0.32);
    VBox.setVgrow(split, Priority.ALWAYS);

    PeriodNavigation navigation =
        new PeriodNavigation("workouts", model::earlier, model::later, model::latest)
            .bind(
                model.periodProperty(),
                model.atEarliestProperty(),
                model.atLatestProperty(),
                model.loadingProperty());
    getChildren().addAll(title, navigation, message, split);
    watches = model.detailProperty().subscribe(this::showDetail);
    table.setItems(model.rows());
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((p, b, now) -> {
          if (now != null) {
            model.selectedProperty().set(now);
          }
        });
    model
        .selectedProperty()
        .subscribe(row -> {
          if (row != null && table.getSelectionModel().getSelectedItem() != row) {
            table.getSelectionModel().select(row);
          }
        });
    model.reload();
  }

  private void buildTable() {
    table.setId("workouts-table");
    // Only the last column (the sources) gives or takes the table's spare width, so the list fits
    // a 1024-pixel window; its names wrap rather than the table scrolling sideways.
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
    ReadableHeaders.keep(table);
    table.setPlaceholder(new Label("No workouts in these days."));
    // Two-line cells keep the table narrow enough for a 1024-pixel window without cutting text.
    table
        .getColumns()
        .addAll(
            List.of(
                column(
                    "Workout",
                    r ->
                        r.workout().activityName()
                            + "\n"
                            + format().dateTime(r.workout().primary().start().toInstant())),
                column("Duration", r -> format().duration(r.workout().durationMinutes())),
                column(
                    "Distance", r -> optional(r.workout().distanceMeters(), MetricType.DISTANCE)),
                column("Pace / speed", r -> WorkoutsViewModel.paceOrSpeed(r.workout(), format())),
                column("Energy", r -> optional(r.workout().energyKcal(), MetricType.ACTIVE_ENERGY)),
                column(
                    "Heart rate",
                    r ->
                        r.averageHeartRate() == null
                            ? ""
                            : optional(r.averageHeartRate(), MetricType.HEART_RATE)
                                + " avg\n"
                                + optional(r.maxHeartRate(), MetricType.HEART_RATE)
                                + " max"),
                wrapping(column("Source", r -> sourceLines(r.workout())))));
    model.rows().addListener((javafx.collections.ListChangeListener<WorkoutRow>) c -> fitColumns());
  }

  /**
   * Each column but the last as wide as its header and its widest line, so nothing is cut; the last
   * (sources) asks for its widest line but takes what is left, down to its header's width, wrapping
   * its lines. Only when even that does not fit does the table scroll sideways.
   */
  @SuppressWarnings("unchecked")
  private void fitColumns() {
    List<TableColumn<WorkoutRow, ?>> columns = table.getColumns();
    for (TableColumn<WorkoutRow, ?> c : columns) {
      var column = (TableColumn<WorkoutRow, String>) c;
      double header = textWidth(column.getText(), true);
      double widest = header;
      for (WorkoutRow row : model.rows()) {
        String value = column.getCellObservableValue(row).getValue();
        for (String line : value.split("\n")) {
          widest = Math.max(widest, textWidth(line, false));
        }
      }
      boolean last = column == columns.getLast();
      column.setMinWidth((last ? header : widest) + 16);
      column.setPrefWidth(widest + 16);
    }
  }

  /** {@code column} with cells that wrap their text to its width. */
  private static TableColumn<WorkoutRow, String> wrapping(TableColumn<WorkoutRow, String> column) {
    column.setCellFactory(c -> new WrappingCell());
    return column;
  }

  /**
   * A cell whose lines wrap at its column's width, set like the other columns' text. The row asks
   * its cells for their height without a width, at which a wrapping label counts one line per line
   * break and cuts the rest; this cell answers for its column's width instead.
   */
  private static final class WrappingCell extends TableCell<WorkoutRow, String> {
    WrappingCell() {
      setWrapText(true);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty ? null : item);
    }

    @Override
    protected double computePrefHeight(double width) {
      return super.computePrefHeight(width < 0 ? getTableColumn().getWidth() : width);
    }
  }

  private double textWidth(String text, boolean bold) {
    javafx.scene.text.Text t = new javafx.scene.text.Text(text);
    // The table's font: the page's after styling (the theme's, not JavaFX's default), scaled as
    // the stylesheet scales the table's (.workouts .table-view).
    javafx.scene.text.Font page = message.getFont();
    javafx.scene.text.Font base =
        javafx.scene.text.Font.font(page.getFamily(), page.getSize() * TABLE_FONT_SCALE);
    t.setFont(
        bold
            ? javafx.scene.text.Font.font(
                base.getFamily(), javafx.scene.text.FontWeight.BOLD, base.getSize())
            : base);
    return t.getLayoutBounds().getWidth();
  }

  /** The preferred source, and below it the others that recorded the same workout. */
  private String sourceLines(Workout w) {
    String main = format().source(w.source());
    List<SourceRef> all = w.sources();
    return all.size() == 1
        ? main
        : main
            + "\nalso "
            + String.join(", ", all.subList(1, all.size()).stream().map(format()::source).toList());
  }

  private DisplayFormat format() {
    return model.format();
  }

  private String optional(Double value, MetricType metric) {
    return value == null ? "" : format().full(metric, value);
  }

  /** The preferred source, and the others that recorded the same workout. */
  private String sources(Workout w) {
    String main = format().source(w.source());
    List<SourceRef> all = w.sources();
    if (all.size() == 1) {
      return main;
    }
    return main
        + " (also "
        + String.join(", ", all.subList(1, all.size()).stream().map(format()::source).toList())
        + ")";
  }

  private static TableColumn<WorkoutRow, String> column(
      String name, Function<WorkoutRow, String> text) {
    TableColumn<WorkoutRow, String> c = new TableColumn<>(name);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    c.setSortable(false);
    return c;
  }

  private void showDetail(WorkoutDetail detail) {
    page.getChildren().clear();
    if (detail == null) {
      return;
    }
    DisplayFormat format = format();
    WorkoutRow row = detail.row();
    Workout w = row.workout();
    Label heading =
        new Label(w.activityName() + ", " + format.dateTime(w.primary().start().toInstant()));
    heading.setId("workout-title");
    heading.getStyleClass().add(Styles.TITLE_3);
    heading.setWrapText(true);
    heading.setMinHeight(Region.USE_PREF_SIZE);

    FlowPane facts =
        new FlowPane(
            16,
            2,
            fact("Duration", format.duration(w.durationMinutes()), "workout-duration"),
            fact("Distance", optional(w.distanceMeters(), MetricType.DISTANCE), "workout-distance"),
            fact(
                w.paced() ? "Pace" : "Speed",
                WorkoutsViewModel.paceOrSpeed(w, format),
                "workout-pace"),
            fact("Energy", optional(w.energyKcal(), MetricType.ACTIVE_ENERGY), "workout-energy"),
            fact(
                "Avg heart rate",
                optional(row.averageHeartRate(), MetricType.HEART_RATE),
                "workout-average-hr",
                "Average heart rate"),
            fact(
                "Max heart rate",
                optional(row.maxHeartRate(), MetricType.HEART_RATE),
                "workout-max-hr",
                "Maximum heart rate"),
            fact("Sources", sources(w), "workout-sources"));
    page.getChildren().addAll(heading, facts);

    // Heart rate and route side by side, both in view without scrolling; stacked when narrow.
    VBox heart = new VBox(6);
    Label hrTitle = new Label("Heart rate");
    hrTitle.getStyleClass().add(Styles.TITLE_4);
    heart.getChildren().add(hrTitle);
    if (detail.heartRate().isEmpty()) {
      heart.getChildren().add(muted("No heart-rate readings stored during this workout."));
    } else {
      HeartRateCurve curve = new HeartRateCurve(detail.heartRate(), w.primary(), format);
      curve.setId("heart-rate-curve");
      VBox.setVgrow(curve, Priority.ALWAYS);
      curve.setMaxHeight(CURVE_TALLEST);
      heart
          .getChildren()
          .addAll(
              curve,
              muted(
                  format.count(detail.heartRate().size(), "readings")
                      + " from "
                      + format.source(detail.heartRate().getFirst().source())));
    }

    VBox routeBox = new VBox(6);
    Label routeTitle = new Label("Route");
    routeTitle.getStyleClass().add(Styles.TITLE_4);
    routeBox.getChildren().add(routeTitle);
    if (detail.route().size() >= 2) {
      List<javafx.scene.Node> route = RouteMap.forRoute(detail.route(), routeMap);
      // Map tiles shrink to fit the page but never grow past their own size: more map would
      // fetch more tiles. The plain drawing grows with the room.
      if (route.getFirst() instanceof RouteMap map) {
        map.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
      }
      VBox.setVgrow(route.getFirst(), Priority.ALWAYS);
      routeBox.getChildren().addAll(route);
    } else {
      routeBox
          .getChildren()
          .add(muted(detail.routeNote() != null ? detail.routeNote() : "No route."));
    }
    SideBySide charts = new SideBySide(heart, routeBox, CHARTS_SIDE_BY_SIDE, 0.58, 24);
    charts.setId("workout-charts");
    VBox.setVgrow(charts, Priority.ALWAYS);
    page.getChildren().add(charts);
  }

  private static Label muted(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.getStyleClass().add(Styles.TEXT_MUTED);
    return l;
  }

  private static HBox fact(String name, String value, String id) {
    return fact(name, value, id, null);
  }

  /** A figure with its name; {@code fullName}, when the name is short for it, as its tooltip. */
  private static HBox fact(String name, String value, String id, String fullName) {
    Label label = new Label(name);
    label.getStyleClass().add(Styles.TEXT_MUTED);
    if (fullName != null) {
      label.setTooltip(new javafx.scene.control.Tooltip(fullName));
      label.setAccessibleText(fullName);
    }
    label.setMinWidth(Region.USE_PREF_SIZE);
    Label shown = new Label(value.isEmpty() ? "–" : value);
    shown.setId(id);
    shown.setWrapText(true);
    shown.setMinHeight(Region.USE_PREF_SIZE);
    HBox box = new HBox(6, label, shown);
    box.setAlignment(Pos.BASELINE_LEFT);
    return box;
  }

  @Override
  public void dispose() {
    watches.unsubscribe();
    model.dispose();
    routeMap.dispose();
  }
}
