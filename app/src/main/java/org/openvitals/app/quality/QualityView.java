package org.openvitals.app.quality;

import atlantafx.base.theme.Styles;
import java.time.LocalDate;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.openvitals.app.common.ReadableHeaders;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.shell.Screen;
import org.openvitals.core.model.SourceRef;

/**
 * Flagged days, disagreements between sources and implausible samples over a period; selecting a
 * row explains that day. Thin: state and work live in {@link QualityViewModel}.
 */
public final class QualityView extends VBox implements Disposable {
  /** Dates and source names (no values here, so the unit system does not matter). */
  private static final DisplayFormat DATES = new DisplayFormat(UnitSystem.METRIC);

  private final QualityViewModel model;
  private boolean syncingDates;

  public QualityView(AppContext context) {
    this(new QualityViewModel(context));
  }

  QualityView(QualityViewModel model) {
    this.model = model;
    getStyleClass().add("quality");
    setSpacing(12);

    Label title = new Label(Screen.QUALITY.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);
    Label intro =
        new Label(
            "Days on which your sources disagree, samples no body could produce (kept, never"
                + " used) and days a source barely covered. Select a row to see how that day was"
                + " worked out.");
    intro.setWrapText(true);
    intro.setMinHeight(Region.USE_PREF_SIZE);
    intro.getStyleClass().add(Styles.TEXT_MUTED);

    Label summary = new Label();
    summary.setId("summary");
    summary.setWrapText(true);
    summary.setMinHeight(Region.USE_PREF_SIZE);
    summary.textProperty().bind(model.summaryProperty());

    SplitPane split = new SplitPane(table(), explanation());
    split.setId("quality-split");
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.55);
    VBox.setVgrow(split, Priority.ALWAYS);

    getChildren().addAll(title, intro, period(), summary, split);
    model.reload();
  }

  @Override
  public void dispose() {
    model.dispose();
  }

  private FlowPane period() {
    HBox presets = new HBox(4);
    for (int days : QualityViewModel.PRESET_DAYS) {
      Button b = new Button(days == 365 ? "1 year" : days + " days");
      b.setId("last-" + days);
      b.getStyleClass().add(Styles.SMALL);
      b.setOnAction(e -> model.setLastDays(days));
      presets.getChildren().add(b);
    }
    presets.setAlignment(Pos.CENTER_LEFT);

    DatePicker from = new DatePicker();
    from.setId("from");
    from.setPrefWidth(160);
    from.setConverter(DATES.dayConverter());
    DatePicker to = new DatePicker();
    to.setId("to");
    to.setPrefWidth(160);
    to.setConverter(DATES.dayConverter());
    Label fromLabel = labelFor("_From", from);
    Label toLabel = labelFor("_to", to);
    model.fromProperty().addListener((p, b, now) -> sync(from, now));
    model.toProperty().addListener((p, b, now) -> sync(to, now));
    from.valueProperty().addListener((p, b, now) -> picked(from.getValue(), to.getValue()));
    to.valueProperty().addListener((p, b, now) -> picked(from.getValue(), to.getValue()));

    ComboBox<QualityViewModel.Show> show = new ComboBox<>();
    show.setId("show");
    show.getItems().setAll(QualityViewModel.Show.values());
    show.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(QualityViewModel.Show s) {
            return s == null ? "" : s.label();
          }

          @Override
          public QualityViewModel.Show fromString(String s) {
            return null;
          }
        });
    show.valueProperty().bindBidirectional(model.showProperty());
    Label showLabel = labelFor("_Show", show);

    ProgressBar progress = new ProgressBar();
    progress.setId("scan-progress");
    progress.progressProperty().bind(model.progressProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-scan");
    cancel.setCancelButton(false);
    cancel.setOnAction(e -> model.cancel());
    HBox working = new HBox(8, progress, cancel);
    working.setAlignment(Pos.CENTER_LEFT);
    working.visibleProperty().bind(model.scanningProperty());
    working.managedProperty().bind(working.visibleProperty());

    FlowPane bar =
        new FlowPane(
            12, 8, presets, row(fromLabel, from), row(toLabel, to), row(showLabel, show), working);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  private TableView<Finding> table() {
    TableView<Finding> table = new TableView<>(model.findings());
    table.setId("findings");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    ReadableHeaders.keep(table);
    table.setPlaceholder(new Label("Nothing flagged in this period."));

    TableColumn<Finding, LocalDate> day = new TableColumn<>("Day");
    day.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().day()));
    day.setCellFactory(c -> text(DATES::day));
    // A date as every screen writes it ("Nov 30, 2026") is never cut; widths follow the font.
    double em = javafx.scene.text.Font.getDefault().getSize();
    day.setPrefWidth(8.5 * em);
    day.setMinWidth(8 * em);

    TableColumn<Finding, Finding> metric = new TableColumn<>("Metric");
    metric.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    metric.setCellFactory(c -> text(f -> f.metric().displayName()));
    metric.setPrefWidth(150);

    TableColumn<Finding, Finding> kind = new TableColumn<>("What");
    kind.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    kind.setCellFactory(c -> new KindCell());
    kind.setPrefWidth(150);

    TableColumn<Finding, Finding> sources = new TableColumn<>("Sources");
    sources.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    sources.setCellFactory(c -> new SourcesCell());
    sources.setPrefWidth(180);

    TableColumn<Finding, Finding> problem = new TableColumn<>("What is wrong");
    problem.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    problem.setCellFactory(c ->
        text(f ->
            (f.at() == null ? "" : "At " + DATES.time(f.at().toInstant()) + ": ") + f.problem()));
    problem.setPrefWidth(320);

    table.getColumns().setAll(java.util.List.of(day, metric, kind, sources, problem));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((p, before, now) -> model.selectedProperty().set(now));
    return table;
  }

  private VBox explanation() {
    Label heading = new Label("How the day was worked out");
    heading.getStyleClass().add(Styles.TITLE_4);
    TextArea text = new TextArea();
    text.setId("explanation");
    text.setEditable(false);
    text.setWrapText(false);
    text.getStyleClass().add("explanation-text");
    text.setPromptText("Select a row to see its day explained.");
    text.textProperty().bind(model.explanationProperty());
    VBox.setVgrow(text, Priority.ALWAYS);
    VBox box = new VBox(6, heading, text);
    box.setMinHeight(120);
    return box;
  }

  private void sync(DatePicker picker, LocalDate value) {
    syncingDates = true;
    picker.setValue(value);
    syncingDates = false;
  }

  private void picked(LocalDate from, LocalDate to) {
    if (!syncingDates
        && from != null
        && to != null
        && !(from.equals(model.fromProperty().get()) && to.equals(model.toProperty().get()))) {
      model.setPeriod(from, to);
    }
  }

  /**
   * A cell of text that wraps within its row (rows naming two sources have two lines) and shows the
   * whole text as a tooltip when even that cuts it.
   */
  private static <T> TableCell<Finding, T> text(java.util.function.Function<T, String> format) {
    return new TableCell<>() {
      {
        setWrapText(true);
      }

      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        String text = empty || item == null ? null : format.apply(item);
        setText(text);
        setTooltip(text == null ? null : new Tooltip(text));
      }
    };
  }

  /** The kind of problem as a coloured tag: disagreements and implausible samples stand out. */
  private static final class KindCell extends TableCell<Finding, Finding> {
    /** Widens its column to the tag it draws: a cut tag ("Sources di...") says nothing. */
    @Override
    protected void layoutChildren() {
      super.layoutChildren();
      TableColumn<Finding, Finding> column = getTableColumn();
      if (getGraphic() instanceof Label tag && column != null) {
        double needed = Math.ceil(tag.prefWidth(-1) + snappedLeftInset() + snappedRightInset());
        if (needed > column.getMinWidth()) {
          column.setMinWidth(needed);
        }
      }
    }

    @Override
    protected void updateItem(Finding item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label tag = new Label(item.kind().label());
      tag.setMinWidth(Region.USE_PREF_SIZE);
      tag.getStyleClass()
          .addAll("finding-kind", item.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      setGraphic(tag);
      setText(null);
    }
  }

  /** Each source with its colour. */
  private final class SourcesCell extends TableCell<Finding, Finding> {
    @Override
    protected void updateItem(Finding item, boolean empty) {
      super.updateItem(item, empty);
      setText(null);
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      VBox box = new VBox(2);
      for (SourceRef s : item.sources()) {
        Region swatch = model.colours().swatch(s);
        Label name = new Label(DATES.source(s));
        name.setTooltip(new javafx.scene.control.Tooltip(DATES.source(s)));
        HBox line = new HBox(6, swatch, name);
        line.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(line);
      }
      setGraphic(box);
      setAccessibleText(String.join(", ", item.sources().stream().map(DATES::source).toList()));
    }
  }

  private static Label labelFor(String text, javafx.scene.Node target) {
    Label l = new Label(text);
    l.setMnemonicParsing(true);
    l.setLabelFor(target);
    return l;
  }

  private static HBox row(javafx.scene.Node... nodes) {
    HBox row = new HBox(6, nodes);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }
}
