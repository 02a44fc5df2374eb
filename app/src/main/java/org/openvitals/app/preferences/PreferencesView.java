package org.openvitals.app.preferences;

import atlantafx.base.theme.Styles;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javafx.util.Subscription;
import org.openvitals.app.common.SideBySide;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.preferences.PreferencesViewModel.Scope;
import org.openvitals.app.preferences.PreferencesViewModel.SourceItem;
import org.openvitals.app.shell.Screen;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.SourcePreferences;

/**
 * Per category, the sources in the order they win, dragged (or moved with Alt+Up/Alt+Down) into a
 * new order; beside them, what the new order does to the category's main metrics. Thin: state and
 * work live in {@link PreferencesViewModel}.
 */
public final class PreferencesView extends VBox implements Disposable {
  private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

  /** Below this page width the preview goes under the list (pixels, about 620 at 100 %). */
  private static final double NARROW_PAGE = 620;

  private static final DateTimeFormatter SAVED_AT =
      DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);

  private final AppContext context;
  private final PreferencesViewModel model;
  private final ListView<SourceItem> list = new ListView<>();
  private final GridPane previewGrid = new GridPane();
  private int dragFrom = -1;
  private Subscription unitChanges;

  public PreferencesView(AppContext context) {
    this(context, new PreferencesViewModel(context));
  }

  PreferencesView(AppContext context, PreferencesViewModel model) {
    this.context = context;
    this.model = model;
    getStyleClass().add("preferences");
    setSpacing(12);

    Label title = new Label(Screen.PREFERENCES.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);
    Label intro =
        new Label(
            "Rank your sources for each category: the first one with data wins, the ones below"
                + " fill only what it missed. Drag a source, or select it and press Alt+Up or"
                + " Alt+Down. The preview shows the effect before you save.");
    intro.setWrapText(true);
    intro.setMinHeight(Region.USE_PREF_SIZE);
    intro.getStyleClass().add(Styles.TEXT_MUTED);

    getChildren().addAll(title, intro, chooser(), orderNote(), body(), actions());
    model.reload();
  }

  /** Stops following the unit system; the view model stops following the store. */
  @Override
  public void dispose() {
    unitChanges.unsubscribe();
    model.dispose();
  }

  /** The category and scope choosers, flowing onto two lines when the window is narrow. */
  private FlowPane chooser() {
    ComboBox<Category> category = new ComboBox<>();
    category.setId("category");
    category.getItems().setAll(Category.values());
    category.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Category c) {
            return c == null ? "" : PreferencesViewModel.categoryName(c);
          }

          @Override
          public Category fromString(String s) {
            return null;
          }
        });
    category.valueProperty().bindBidirectional(model.categoryProperty());
    Label categoryLabel = new Label("_Category");
    categoryLabel.setMnemonicParsing(true);
    categoryLabel.setLabelFor(category);

    ComboBox<Scope> scope = new ComboBox<>(model.scopes());
    scope.setId("scope");
    scope.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Scope s) {
            return s == null ? "" : s.label();
          }

          @Override
          public Scope fromString(String s) {
            return null;
          }
        });
    scope.valueProperty().bindBidirectional(model.scopeProperty());
    Label scopeLabel = new Label("_Order for");
    scopeLabel.setMnemonicParsing(true);
    scopeLabel.setLabelFor(scope);

    FlowPane row =
        new FlowPane(24, 8, labelled(categoryLabel, category), labelled(scopeLabel, scope));
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  /** A chooser with its label, kept on one line. */
  private static HBox labelled(Label label, ComboBox<?> chooser) {
    HBox pair = new HBox(8, label, chooser);
    pair.setAlignment(Pos.CENTER_LEFT);
    label.setMinWidth(Region.USE_PREF_SIZE);
    return pair;
  }

  private Label orderNote() {
    Label note = new Label();
    note.setId("order-note");
    note.setWrapText(true);
    note.setMinHeight(Region.USE_PREF_SIZE);
    note.getStyleClass().add(Styles.TEXT_SMALL);
    note.textProperty().bind(model.orderNoteProperty());
    return note;
  }

  /** The list and the preview: side by side in a wide page, the preview below in a narrow one. */
  private SideBySide body() {
    list.setId("source-list");
    list.setItems(model.sources());
    list.setCellFactory(v -> new SourceCell());
    list.setPrefHeight(Region.USE_COMPUTED_SIZE);
    list.setMinHeight(150);
    list.setPlaceholder(
        wrapped("No source has data in this category yet. Import a file or load the demo data."));
    list.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
            moveSelected(e.getCode() == KeyCode.UP ? -1 : 1);
            e.consume();
          }
        });
    VBox.setVgrow(list, Priority.ALWAYS);

    Button up = new Button("Move _up");
    up.setId("move-up");
    up.setTooltip(new Tooltip("Alt+Up"));
    up.setOnAction(e -> moveSelected(-1));
    up.disableProperty()
        .bind(list.getSelectionModel().selectedIndexProperty().lessThanOrEqualTo(0));
    Button down = new Button("Move _down");
    down.setId("move-down");
    down.setTooltip(new Tooltip("Alt+Down"));
    down.setOnAction(e -> moveSelected(1));
    down.disableProperty()
        .bind(
            list.getSelectionModel()
                .selectedIndexProperty()
                .lessThan(0)
                .or(
                    list.getSelectionModel()
                        .selectedIndexProperty()
                        .greaterThanOrEqualTo(
                            javafx.beans.binding.Bindings.size(model.sources()).subtract(1))));
    Button reset = new Button("Use de_faults here");
    reset.setId("reset-scope");
    reset.setTooltip(
        new Tooltip(
            "A category goes back to ranking by kind of device; a metric back to its category's"
                + " order."));
    reset.setOnAction(e -> model.resetScope());
    // Flows onto two lines in a narrow window rather than cutting the buttons' words.
    FlowPane moves = new FlowPane(8, 6, up, down, reset);
    for (Button b : List.of(up, down, reset)) {
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    VBox left = new VBox(8, list, moves);

    SideBySide body = new SideBySide(left, preview(), NARROW_PAGE, 0.45, 24);
    body.setId("preferences-body");
    VBox.setVgrow(body, Priority.ALWAYS);
    return body;
  }

  private VBox preview() {
    Label heading = new Label("Preview");
    heading.getStyleClass().add(Styles.TITLE_4);
    ProgressIndicator working = new ProgressIndicator();
    working.setId("preview-progress");
    working.getStyleClass().add("small");
    working.visibleProperty().bind(model.previewingProperty());
    // Hidden, it takes no room: the heading sits where the page's other headings do.
    working.managedProperty().bind(working.visibleProperty());
    HBox head = new HBox(8, heading, working);
    head.setAlignment(Pos.CENTER_LEFT);

    DatePicker day = new DatePicker();
    day.setId("preview-day");
    // Written as every screen writes a day ("Dec 2, 2026"), not the locale's short form.
    day.setConverter(new DisplayFormat(context.unitSystemProperty().get()).dayConverter());
    day.valueProperty().bindBidirectional(model.previewDayProperty());
    Label dayLabel = new Label("D_ay");
    dayLabel.setMnemonicParsing(true);
    dayLabel.setLabelFor(day);
    HBox dayRow = new HBox(8, dayLabel, day);
    dayRow.setAlignment(Pos.CENTER_LEFT);

    previewGrid.setId("preview-grid");
    previewGrid.setHgap(16);
    previewGrid.setVgap(8);
    // Shares of the width rather than the figures' one-line widths: a long name or figure wraps.
    previewGrid.getColumnConstraints().addAll(share(30), share(35), share(35));
    model.preview().addListener((ListChangeListener<Preview.Row>) c -> fillPreview());
    unitChanges = context.unitSystemProperty().subscribe((before, now) -> fillPreview());
    fillPreview();

    VBox box = new VBox(12, head, dayRow, previewGrid);
    box.setId("preview");
    box.getStyleClass().add("preview-panel");
    return box;
  }

  private void fillPreview() {
    previewGrid.getChildren().clear();
    if (model.preview().isEmpty()) {
      previewGrid.add(wrapped("Nothing to preview: no data in this category."), 0, 0, 3, 1);
      return;
    }
    previewGrid.add(header("Metric"), 0, 0);
    previewGrid.add(header("Saved order"), 1, 0);
    previewGrid.add(header("This order"), 2, 0);
    int row = 1;
    for (Preview.Row r : model.preview()) {
      Label name = new Label(r.metric().displayName());
      name.setWrapText(true);
      name.getStyleClass().add(Styles.TEXT_BOLD);
      previewGrid.add(name, 0, row);
      previewGrid.add(figures(r.metric(), r.saved(), "saved", false), 1, row);
      previewGrid.add(figures(r.metric(), r.edited(), "edited", r.changed()), 2, row);
      row++;
    }
  }

  private VBox figures(MetricType metric, Preview.Figures f, String which, boolean changed) {
    var units = context.unitSystemProperty().get();
    Label day =
        new Label(
            f.dayValue() == null
                ? "no value"
                : new DisplayFormat(units).full(metric, f.dayValue()));
    day.setId("preview-" + metric.id() + "-" + which);
    day.setWrapText(true);
    day.getStyleClass().add(Styles.TEXT_BOLD);
    if (changed) {
      day.getStyleClass().add("changed");
    }
    HBox from = new HBox(6);
    from.setAlignment(Pos.CENTER_LEFT);
    if (f.dayPrimary() != null) {
      Region swatch = swatch(f.dayPrimary());
      swatch.setMinWidth(Region.USE_PREF_SIZE);
      from.getChildren().addAll(swatch, small(f.dayPrimary().name()));
    }
    Label week =
        small(
            f.weekMean() == null
                ? "7 days: no value"
                : "7-day average " + new DisplayFormat(units).full(metric, f.weekMean()));
    VBox box = new VBox(2, day, from, week);
    if (changed) {
      box.getStyleClass().add("changed-figures");
    }
    return box;
  }

  private HBox actions() {
    Button save = new Button("_Save");
    save.setId("save");
    save.getStyleClass().add(Styles.ACCENT);
    save.disableProperty().bind(model.dirtyProperty().not());
    save.setOnAction(e -> model.save());
    Button revert = new Button("_Revert");
    revert.setId("revert");
    revert.disableProperty().bind(model.dirtyProperty().not());
    revert.setOnAction(e -> model.revert());

    MenuButton history = new MenuButton("_History");
    history.setId("history");
    history.setOnShowing(e -> fillHistory(history));
    fillHistory(history);

    Label status = new Label();
    status.setId("status");
    status.setWrapText(true);
    status.getStyleClass().add(Styles.TEXT_MUTED);
    status.textProperty().bind(model.statusProperty());
    Label unsaved = new Label("Unsaved changes");
    unsaved.setId("unsaved");
    unsaved.getStyleClass().add(Styles.WARNING);
    unsaved.visibleProperty().bind(model.dirtyProperty());
    unsaved.managedProperty().bind(unsaved.visibleProperty());

    HBox row = new HBox(8, save, revert, history, unsaved, status);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private void fillHistory(MenuButton history) {
    history.getItems().clear();
    int current = model.history().isEmpty() ? 0 : model.history().getFirst().version();
    for (SourcePreferences v : model.history()) {
      MenuItem item =
          new MenuItem(
              (v.version() == current ? "Version " : "Restore version ")
                  + v.version()
                  + (v.version() == current ? " (in use)" : "")
                  + (v.savedAt() == null
                      ? ""
                      : ", saved "
                          + SAVED_AT.format(v.savedAt().atZone(context.clock().getZone()))));
      item.setMnemonicParsing(false);
      item.setOnAction(e -> model.restore(v));
      history.getItems().add(item);
    }
    if (!history.getItems().isEmpty()) {
      history.getItems().add(new SeparatorMenuItem());
    }
    MenuItem defaults = new MenuItem("Every category back to defaults");
    defaults.setId("reset-all");
    defaults.setOnAction(e -> model.resetAll());
    history.getItems().add(defaults);
  }

  private void moveSelected(int by) {
    int index = list.getSelectionModel().getSelectedIndex();
    int to = index + by;
    if (index < 0 || to < 0 || to >= model.sources().size()) {
      return;
    }
    model.move(index, to);
    list.getSelectionModel().select(to);
    list.getFocusModel().focus(to);
  }

  /**
   * A source: handle, rank, colour, name, provider and device class. Dragging uses a full
   * press-drag-release gesture inside the list, so no clipboard or platform drag is involved.
   */
  private final class SourceCell extends ListCell<SourceItem> {
    SourceCell() {
      getStyleClass().add("source-cell");
      setOnDragDetected(e -> {
        if (!isEmpty()) {
          dragFrom = getIndex();
          startFullDrag();
        }
      });
      setOnMouseDragEntered(e -> pseudoClassStateChanged(DROP_TARGET, dragFrom >= 0));
      setOnMouseDragExited(e -> pseudoClassStateChanged(DROP_TARGET, false));
      setOnMouseDragReleased(e -> {
        pseudoClassStateChanged(DROP_TARGET, false);
        if (dragFrom >= 0) {
          int to = isEmpty() ? model.sources().size() - 1 : getIndex();
          model.move(dragFrom, to);
          list.getSelectionModel().select(to);
          list.requestFocus();
        }
        dragFrom = -1;
      });
    }

    @Override
    protected void updateItem(SourceItem item, boolean empty) {
      super.updateItem(item, empty);
      setText(null);
      if (empty || item == null) {
        setGraphic(null);
        setTooltip(null);
        setAccessibleText(null);
        return;
      }
      Label handle = new Label("⠿");
      handle.getStyleClass().addAll("drag-handle", Styles.TEXT_MUTED);
      handle.setCursor(Cursor.MOVE);
      Label rank = new Label((getIndex() + 1) + ".");
      rank.getStyleClass().add("rank");
      Label name = new Label(item.source().name());
      name.getStyleClass().add(Styles.TEXT_BOLD);
      Label detail = small(item.source().provider() + " · " + item.deviceClass().id());
      // A list cell is one line high: a long name is cut there and shown whole in the tooltip.
      detail.setWrapText(false);
      setTooltip(new Tooltip(item.source().name() + "\n" + detail.getText()));
      VBox text = new VBox(2, name, detail);
      HBox box = new HBox(10, handle, rank, swatch(item.source()), text);
      box.setAlignment(Pos.CENTER_LEFT);
      setGraphic(box);
      setAccessibleText(
          (getIndex() + 1)
              + ". "
              + new DisplayFormat(context.unitSystemProperty().get()).source(item.source())
              + ", "
              + item.deviceClass().id());
    }
  }

  private Region swatch(org.openvitals.core.model.SourceRef source) {
    return context.current().colours().swatch(source);
  }

  private static Label header(String text) {
    Label l = new Label(text);
    l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    return l;
  }

  /** Small print that wraps in a narrow column rather than ending in an ellipsis. */
  private static Label small(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    return l;
  }

  private static Label wrapped(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.getStyleClass().add(Styles.TEXT_MUTED);
    return l;
  }

  private static ColumnConstraints share(double percent) {
    ColumnConstraints column = new ColumnConstraints();
    column.setPercentWidth(percent);
    return column;
  }
}
