package org.openvitals.app.imports;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.shell.Screen;
import org.openvitals.connectors.csv.CsvMapping;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportReport;

/**
 * The Import screen: a drop zone (or a file chooser), the detected format with a way to override
 * it, progress with cancel while the import runs in the background, and the report at the end.
 */
public final class ImportView extends ScrollPane implements Disposable {
  private final ImportViewModel model;

  public ImportView(AppContext context) {
    this(new ImportViewModel(context));
  }

  ImportView(ImportViewModel model) {
    this.model = model;
    getStyleClass().add("import-screen");
    setFitToWidth(true);

    Label title = new Label(Screen.IMPORT.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);

    VBox page =
        new VBox(title, dropZone(), chosenFile(), running(), notice(), outcome(), history());
    page.getStyleClass().add("import-page");
    setContent(page);
  }

  @Override
  public void dispose() {
    model.dispose();
  }

  /** The view model, for tests that choose a file without the native file chooser. */
  public ImportViewModel model() {
    return model;
  }

  private Node dropZone() {
    Label hint = new Label("Drop an export file here");
    hint.getStyleClass().add(Styles.TITLE_3);
    hint.setWrapText(true);
    hint.setTextAlignment(TextAlignment.CENTER);
    Label formats =
        new Label(
            "Apple Health export.zip or export.xml, Cronometer, MyFitnessPal, Fitbit or Google Fit"
                + " takeout, WHOOP or Oura app export, FIT, GPX and TCX workouts, or any CSV of"
                + " dated values. Several files are imported one after another.");
    formats.getStyleClass().add(Styles.TEXT_MUTED);
    formats.setWrapText(true);
    formats.setTextAlignment(TextAlignment.CENTER);
    Button choose = new Button("_Choose a file...");
    choose.setId("choose-file");
    choose.setMnemonicParsing(true);
    choose.setOnAction(e -> chooseFiles());

    VBox zone = new VBox(hint, formats, choose);
    zone.setId("drop-zone");
    zone.getStyleClass().add("drop-zone");
    zone.setAlignment(Pos.CENTER);
    zone.setOnDragOver(this::dragOver);
    zone.setOnDragExited(e -> zone.getStyleClass().remove("drag-over"));
    zone.setOnDragDropped(this::dropped);
    return zone;
  }

  private void dragOver(DragEvent e) {
    if (e.getDragboard().hasFiles()) {
      e.acceptTransferModes(TransferMode.COPY);
      Node zone = (Node) e.getSource();
      if (!zone.getStyleClass().contains("drag-over")) {
        zone.getStyleClass().add("drag-over");
      }
    }
    e.consume();
  }

  private void dropped(DragEvent e) {
    boolean accepted = e.getDragboard().hasFiles();
    if (accepted) {
      model.chooseAll(e.getDragboard().getFiles().stream().map(File::toPath).toList());
    }
    e.setDropCompleted(accepted);
    e.consume();
  }

  private void chooseFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import a file");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                "Exports (zip, xml, csv, json, fit, gpx, tcx)",
                "*.zip",
                "*.xml",
                "*.csv",
                "*.tsv",
                "*.json",
                "*.fit",
                "*.gpx",
                "*.tcx"),
            new FileChooser.ExtensionFilter("All files", "*"));
    List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
    if (files != null) {
      model.chooseAll(files.stream().map(File::toPath).toList());
    }
  }

  private Node chosenFile() {
    Label name = new Label();
    name.setId("chosen-file");
    name.getStyleClass().add(Styles.TITLE_4);
    name.textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.fileProperty().get() == null
                        ? ""
                        : model.fileProperty().get().getFileName().toString(),
                model.fileProperty()));
    Label detection = new Label();
    detection.setId("detection");
    detection.setWrapText(true);
    detection.textProperty().bind(model.detectionProperty());

    ComboBox<FileImporter> format = new ComboBox<>();
    format.setId("format-choice");
    format.getItems().setAll(model.importers());
    format.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(FileImporter importer) {
            return importer == null ? "" : importer.displayName();
          }

          @Override
          public FileImporter fromString(String text) {
            return null;
          }
        });
    format.valueProperty().bindBidirectional(model.formatProperty());
    format.setPromptText("Choose the format");
    Label formatLabel = new Label("_Format");
    formatLabel.setMnemonicParsing(true);
    formatLabel.setLabelFor(format);

    Label mappingFile = new Label();
    mappingFile
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.mappingProperty().get() == null
                        ? "inferred from the header"
                        : model.mappingProperty().get().toString(),
                model.mappingProperty()));
    Button chooseMapping = new Button("Choose a _mapping file...");
    chooseMapping.setId("choose-mapping");
    chooseMapping.setMnemonicParsing(true);
    chooseMapping.setOnAction(e -> chooseMapping());
    HBox mappingRow = new HBox(new Label("Column mapping:"), mappingFile, chooseMapping);
    mappingRow.getStyleClass().add("import-row");
    mappingRow.setAlignment(Pos.CENTER_LEFT);
    mappingRow.visibleProperty().bind(model.mappingApplies());
    mappingRow.managedProperty().bind(mappingRow.visibleProperty());

    Button start = new Button("_Import");
    start.setId("start-import");
    start.setMnemonicParsing(true);
    start.setDefaultButton(true);
    start.getStyleClass().add(Styles.ACCENT);
    start.disableProperty().bind(model.canStart().not());
    start.setOnAction(e -> model.start());
    // Once a file is chosen and recognised, Enter imports it (focus leaves the chooser button).
    model
        .canStart()
        .subscribe(ready -> {
          if (ready && getScene() != null) {
            start.requestFocus();
          }
        });

    HBox formatRow = new HBox(formatLabel, format, start);
    formatRow.getStyleClass().add("import-row");
    formatRow.setAlignment(Pos.CENTER_LEFT);

    VBox box = new VBox(name, detection, formatRow, mappingRow);
    box.getStyleClass().add("import-card");
    box.visibleProperty().bind(model.fileProperty().isNotNull());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private void chooseMapping() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Choose a CSV mapping (JSON)");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Mapping (JSON)", "*.json"),
            new FileChooser.ExtensionFilter("All files", "*"));
    File chosen = chooser.showOpenDialog(getScene().getWindow());
    if (chosen != null) {
      model.mappingProperty().set(chosen.toPath());
    }
  }

  private Node running() {
    ProgressBar bar = new ProgressBar();
    bar.setId("import-progress");
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.progressProperty()
        .bind(
            Bindings.createDoubleBinding(
                () ->
                    model.progressProperty().get() == null
                        ? -1
                        : model.progressProperty().get().fraction(),
                model.progressProperty()));
    HBox.setHgrow(bar, Priority.ALWAYS);
    Button cancel = new Button("Ca_ncel");
    cancel.setId("cancel-import");
    cancel.setMnemonicParsing(true);
    cancel.setCancelButton(true);
    cancel.disableProperty().bind(model.runningProperty().not());
    cancel.setOnAction(e -> model.cancel());
    Label text = new Label();
    text.setId("import-progress-text");
    text.textProperty().bind(model.progressText());
    Label queued = new Label();
    queued.setId("import-queue");
    queued
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.queue().isEmpty()
                        ? ""
                        : "Next: "
                            + String.join(
                                ", ",
                                model.queue().stream()
                                    .map(p -> p.getFileName().toString())
                                    .toList()),
                model.queue()));
    queued.getStyleClass().add(Styles.TEXT_MUTED);

    HBox barRow = new HBox(bar, cancel);
    barRow.getStyleClass().add("import-row");
    barRow.setAlignment(Pos.CENTER_LEFT);
    VBox box = new VBox(barRow, text, queued);
    box.getStyleClass().add("import-card");
    box.visibleProperty().bind(model.runningProperty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private Node notice() {
    Label notice = new Label();
    notice.setId("import-notice");
    notice.setWrapText(true);
    notice.getStyleClass().add(Styles.TEXT_MUTED);
    notice.textProperty().bind(model.noticeProperty());
    notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
    notice.managedProperty().bind(notice.visibleProperty());
    return notice;
  }

  private Node outcome() {
    VBox box = new VBox();
    box.setId("import-report");
    box.getStyleClass().add("import-card");
    box.visibleProperty().bind(model.outcomeProperty().isNotNull());
    box.managedProperty().bind(box.visibleProperty());
    model.outcomeProperty().addListener((obs, was, now) -> fillOutcome(box, now));
    return box;
  }

  private void fillOutcome(VBox box, ImportViewModel.Outcome outcome) {
    box.getChildren().clear();
    if (outcome == null) {
      return;
    }
    Label headline = new Label(outcome.headline());
    headline.setId("report-headline");
    headline.setWrapText(true);
    headline.getStyleClass().add(Styles.TITLE_4);
    box.getChildren().add(headline);
    if (outcome.error() != null) {
      box.getChildren().add(errorMessage(outcome.error()));
    }
    CsvMapping suggested = model.suggestedMappingProperty().get();
    if (suggested != null) {
      box.getChildren().add(mappingHelp(suggested));
    }
    ImportReport report = outcome.report();
    if (report == null) {
      return;
    }
    if (outcome.error() != null) {
      Label partial = new Label("Counted before it stopped (what was committed stays stored):");
      partial.getStyleClass().add(Styles.TEXT_MUTED);
      box.getChildren().add(partial);
    }
    GridPane numbers = new GridPane();
    numbers.setId("report-numbers");
    numbers.getStyleClass().add("report-numbers");
    row(numbers, 0, "Read", report.read(), "records in the file");
    row(numbers, 1, "Stored", report.stored(), "new samples");
    row(numbers, 2, "Updated", report.updated(), "samples whose value changed");
    row(numbers, 3, "Duplicates", report.duplicates(), "already stored, skipped");
    row(numbers, 4, "Rejected", report.rejected().count(), "records with a problem");
    box.getChildren().add(numbers);
    if (report.span() != null) {
      Label span = new Label(spanText(report.span()));
      span.setId("report-span");
      span.setWrapText(true);
      box.getChildren().add(span);
    }
    if (report.cancelled()) {
      box.getChildren()
          .add(new Label("Import the same file again to import the rest; nothing is doubled."));
    }
    if (!report.rejected().reasons().isEmpty()) {
      List<String> reasons = new ArrayList<>(report.rejected().reasons());
      long more = report.rejected().count() - reasons.size();
      if (more > 0) {
        reasons.add(String.format(Locale.ROOT, "... and %,d more", more));
      }
      box.getChildren().addAll(heading("Rejected records"), list("report-rejected", reasons));
    }
    if (!report.unmapped().isEmpty()) {
      box.getChildren()
          .addAll(
              heading("Not in the metric catalog (counted, not stored)"),
              list("report-unmapped", counts(report.unmapped())));
    }
    if (!report.other().isEmpty()) {
      box.getChildren()
          .addAll(
              heading("Other (not in the metric catalog yet, stored as written)"),
              list("report-other", counts(report.other())));
    }
    if (!report.details().isEmpty()) {
      box.getChildren()
          .addAll(heading("Details"), list("report-details", counts(report.details())));
    }
  }

  private static Node errorMessage(String error) {
    // Selectable, so the file and line can be copied into a bug report.
    TextArea message = new TextArea(error);
    message.setId("report-error");
    message.setEditable(false);
    message.setWrapText(true);
    message.setPrefRowCount(Math.min(12, 1 + (int) error.lines().count()));
    message.getStyleClass().add(Styles.DANGER);
    return message;
  }

  private Node mappingHelp(CsvMapping suggested) {
    Label help =
        new Label(
            "Save the suggested mapping, replace its CHOOSE values, then choose it as the mapping"
                + " file and import again.");
    help.setWrapText(true);
    Button save = new Button("_Save suggested mapping...");
    save.setId("save-mapping");
    save.setMnemonicParsing(true);
    save.setOnAction(e -> saveMapping(suggested));
    Button choose = new Button("Choose a _mapping file...");
    choose.setMnemonicParsing(true);
    choose.setOnAction(e -> {
      chooseMapping();
      if (model.mappingProperty().get() != null && model.canStart().get()) {
        model.start();
      }
    });
    HBox buttons = new HBox(save, choose);
    buttons.getStyleClass().add("import-row");
    return new VBox(help, buttons);
  }

  private void saveMapping(CsvMapping suggested) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Save the suggested mapping");
    chooser.setInitialFileName("mapping.json");
    File target = chooser.showSaveDialog(getScene().getWindow());
    if (target == null) {
      return;
    }
    try {
      suggested.write(target.toPath());
    } catch (IOException e) {
      new Alert(Alert.AlertType.ERROR, "Cannot write " + target + ": " + e.getMessage()).show();
    }
  }

  private static void row(GridPane grid, int row, String name, long value, String meaning) {
    Label label = new Label(name);
    Label number = new Label(String.format(Locale.ROOT, "%,d", value));
    number.setId("report-" + name.toLowerCase(Locale.ROOT));
    number.getStyleClass().add("report-number");
    Label explanation = new Label(meaning);
    explanation.getStyleClass().add(Styles.TEXT_MUTED);
    grid.addRow(row, label, number, explanation);
  }

  private static Label heading(String text) {
    Label heading = new Label(text);
    heading.getStyleClass().add(Styles.TEXT_BOLD);
    return heading;
  }

  private static ListView<String> list(String id, List<String> items) {
    ListView<String> list = new ListView<>();
    list.setId(id);
    list.getItems().setAll(items);
    list.getStyleClass().add("report-list");
    return list;
  }

  private static List<String> counts(Map<String, Long> counts) {
    return new TreeMap<>(counts)
        .entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s: %,d", e.getKey(), e.getValue()))
            .toList();
  }

  private Node history() {
    ListView<ImportViewModel.Outcome> list = new ListView<>(model.history());
    list.setId("import-history");
    list.setCellFactory(v ->
        new ListCell<>() {
          @Override
          protected void updateItem(ImportViewModel.Outcome item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.headline());
          }
        });
    list.getStyleClass().add("report-list");
    VBox box = new VBox(heading("Earlier in this session"), list);
    box.visibleProperty().bind(Bindings.size(model.history()).greaterThan(1));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  /** "Data from Mar 1, 2024 to Mar 5, 2024; the dashboard shows its last day." */
  static String spanText(ImportReport.Span span) {
    DisplayFormat dates = new DisplayFormat(UnitSystem.METRIC);
    return "Data from "
        + dates.days(
            span.first().atZone(dates.zone()).toLocalDate(),
            span.last().atZone(dates.zone()).toLocalDate())
        + "; the dashboard now ends on its last day.";
  }
}
