package org.openvitals.app.settings;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import javafx.util.Subscription;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.SearchableComboBox;
import org.openvitals.app.assistant.AssistantSettings;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.maps.MapTileSettings;
import org.openvitals.app.shell.Screen;
import org.openvitals.connectors.export.StandardExport;
import org.openvitals.core.export.ExportFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.Engine;

/** The Settings screen: a thin view over {@link SettingsViewModel}. */
public final class SettingsView extends ScrollPane implements Disposable {
  /** What the user types to confirm deleting everything. */
  static final String DELETE_WORD = "delete";

  private final SettingsViewModel model;
  private Subscription unitsBinding;

  /** The page in the app: the user's own remembered settings. */
  public SettingsView(AppContext context) {
    this(new SettingsViewModel(context, UserSettings.forUser()));
  }

  public SettingsView(SettingsViewModel model) {
    this.model = model;
    getStyleClass().addAll("settings", Tweaks.EDGE_TO_EDGE);
    setFitToWidth(true);

    Label title = new Label(Screen.SETTINGS.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);

    VBox page =
        new VBox(
            24,
            title,
            section("Your data", dataSection()),
            section("Days", daysSection()),
            section("Display", displaySection()),
            section("Assistant", assistantSection()),
            section("Map tiles", mapTilesSection()),
            section("Export", exportSection()),
            jobBar(),
            section("Delete everything", deleteSection()));
    page.setMaxWidth(760);
    page.setPadding(new Insets(0, 16, 16, 0));
    setContent(page);
    // Keyboard users tab through the page: keep the focused control in view.
    sceneProperty()
        .flatMap(Scene::focusOwnerProperty)
        .addListener((p, before, focused) -> scrollTo(page, focused));
  }

  @Override
  public void dispose() {
    unitsBinding.unsubscribe();
    model.dispose();
  }

  private void scrollTo(Node page, Node focused) {
    if (focused == null || !isDescendant(page, focused)) {
      return;
    }
    double contentHeight = page.getBoundsInLocal().getHeight();
    double viewport = getViewportBounds().getHeight();
    if (contentHeight <= viewport) {
      return;
    }
    Bounds bounds = page.sceneToLocal(focused.localToScene(focused.getBoundsInLocal()));
    double top = getVvalue() * (contentHeight - viewport);
    if (bounds.getMinY() < top) {
      setVvalue(bounds.getMinY() / (contentHeight - viewport));
    } else if (bounds.getMaxY() > top + viewport) {
      setVvalue((bounds.getMaxY() - viewport) / (contentHeight - viewport));
    }
  }

  private static boolean isDescendant(Node ancestor, Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  private static VBox section(String heading, Node body) {
    Label label = new Label(heading);
    label.getStyleClass().add(Styles.TITLE_4);
    VBox box = new VBox(8, label, body);
    box.getStyleClass().add("settings-section");
    return box;
  }

  private Node dataSection() {
    Label folder = new Label();
    folder.setId("settings-data-folder");
    folder.textProperty().bind(model.dataFolderProperty());
    folder.setWrapText(true);
    Label engine = new Label();
    engine.setId("settings-engine");
    engine.textProperty().bind(model.engineProperty());

    Button change = new Button("_Change folder...");
    change.setId("settings-change-folder");
    change.setMnemonicParsing(true);
    change.disableProperty().bind(model.busyProperty());
    change.setOnAction(e -> chooseFolder());

    GridPane grid = form();
    grid.addRow(0, muted("Data folder"), folder);
    grid.addRow(1, muted("Storage engine"), engine);
    Label help =
        hint(
            "A folder that already holds a store keeps its engine. In an empty folder you choose"
                + " SQLite (the default) or H2, which can encrypt its file with a password."
                + " The folder is opened again at the next start, unless --data-dir or"
                + " OPENVITALS_DATA_DIR names another.");
    return new VBox(8, grid, help, change);
  }

  private Node daysSection() {
    SearchableComboBox<String> zones =
        new SearchableComboBox<>(
            FXCollections.observableList(SettingsViewModel.dayBoundaryChoices()));
    zones.setId("settings-time-zone");
    zones.setValue(model.dayBoundariesProperty().get());
    model.dayBoundariesProperty().addListener((p, before, now) -> zones.setValue(now));
    zones.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(String id) {
            return id == null
                ? ""
                : SettingsViewModel.SAMPLE_LOCAL.equals(id) ? "Each sample's own time zone" : id;
          }

          @Override
          public String fromString(String text) {
            return text;
          }
        });
    zones.setMaxWidth(320);

    Button apply = new Button("_Apply");
    apply.setId("settings-apply-time-zone");
    apply.setMinWidth(Region.USE_PREF_SIZE);
    apply.setMnemonicParsing(true);
    apply
        .disableProperty()
        .bind(
            model
                .busyProperty()
                .or(zones.valueProperty().isNull())
                .or(zones.valueProperty().isEqualTo(model.dayBoundariesProperty())));
    apply.setOnAction(e -> model.changeDayBoundaries(zones.getValue()));

    Label label = muted("Time zone for day boundaries");
    label.setLabelFor(zones);
    HBox row = new HBox(8, zones, apply);
    return new VBox(
        8,
        label,
        row,
        hint(
            "Which calendar day a sample counts on. Each sample's own time zone suits travel:"
                + " a week in Tokyo then shows Tokyo days. Changing it files every sample again."));
  }

  private Node displaySection() {
    ChoiceBox<UnitSystem> units = new ChoiceBox<>();
    units.getItems().setAll(UnitSystem.values());
    units.setId("settings-units");
    units.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(UnitSystem u) {
            return u == null
                ? ""
                : u == UnitSystem.METRIC ? "Metric (kg, km, °C)" : "Imperial (lb, mi, °F)";
          }

          @Override
          public UnitSystem fromString(String s) {
            return null;
          }
        });
    units.valueProperty().bindBidirectional(model.unitSystemProperty());
    // The unit system is the app's, shared by every screen: released on dispose.
    unitsBinding = () -> units.valueProperty().unbindBidirectional(model.unitSystemProperty());

    ChoiceBox<Theme> theme = new ChoiceBox<>();
    theme.getItems().setAll(Theme.values());
    theme.setId("settings-theme");
    theme.valueProperty().bindBidirectional(model.themeProperty());

    GridPane grid = form();
    grid.addRow(0, labelFor("Units", units), units);
    grid.addRow(1, labelFor("Theme", theme), theme);
    return grid;
  }

  private Node assistantSection() {
    CheckBox enabled = new CheckBox("_Use the assistant");
    enabled.setId("settings-assistant-enabled");
    enabled.setMnemonicParsing(true);
    enabled.selectedProperty().bindBidirectional(model.assistantEnabledProperty());

    ChoiceBox<AssistantSettings.Api> api = new ChoiceBox<>();
    api.getItems().setAll(AssistantSettings.Api.values());
    api.setId("settings-assistant-api");
    api.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(AssistantSettings.Api a) {
            return a == null ? "" : a.label();
          }

          @Override
          public AssistantSettings.Api fromString(String s) {
            return null;
          }
        });
    api.valueProperty().bindBidirectional(model.assistantApiProperty());
    TextField url = new TextField();
    url.setId("settings-assistant-url");
    url.setPromptText("http://127.0.0.1:11434");
    url.textProperty().bindBidirectional(model.assistantUrlProperty());
    TextField modelName = new TextField();
    modelName.setId("settings-assistant-model");
    modelName.setPromptText("e.g. llama3.1");
    modelName.textProperty().bindBidirectional(model.assistantModelProperty());
    for (Node field : List.of(api, url, modelName)) {
      field.disableProperty().bind(enabled.selectedProperty().not());
    }
    url.setMaxWidth(Double.MAX_VALUE);
    GridPane.setHgrow(url, Priority.ALWAYS);

    Button save = new Button("Sa_ve");
    save.setId("settings-assistant-save");
    save.setMnemonicParsing(true);
    save.setOnAction(e -> confirmHostThen(model::saveAssistant));
    Button test = new Button("_Test connection");
    test.setId("settings-assistant-test");
    test.setMnemonicParsing(true);
    test.disableProperty()
        .bind(enabled.selectedProperty().not().or(model.assistantTestingProperty()));
    test.setOnAction(e -> confirmHostThen(model::testAssistant));

    Label result = new Label();
    result.setId("settings-assistant-message");
    result.setWrapText(true);
    result.textProperty().bind(model.assistantMessageProperty());
    result.visibleProperty().bind(result.textProperty().isNotEmpty());
    result.managedProperty().bind(result.visibleProperty());
    model
        .assistantFailedProperty()
        .subscribe(failed -> {
          result.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
          result.getStyleClass().add(failed ? Styles.DANGER : Styles.SUCCESS);
        });

    GridPane grid = form();
    grid.addRow(0, labelFor("Server's API", api), api);
    grid.addRow(1, labelFor("Address", url), url);
    grid.addRow(2, labelFor("Model", modelName), modelName);
    HBox buttons = new HBox(8, save, test);
    return new VBox(
        8,
        enabled,
        grid,
        buttons,
        result,
        hint(
            "Answers questions about your data with a language model you run, such as Ollama"
                + " (http://127.0.0.1:11434), llama.cpp's server or LM Studio"
                + " (http://127.0.0.1:8080/v1, OpenAI-compatible). Nothing is sent anywhere while"
                + " it is off. A server that is not on this computer must be confirmed by name:"
                + " your questions and the figures the assistant reads would go there."));
  }

  private Node mapTilesSection() {
    CheckBox enabled = new CheckBox("Draw workout routes on _map tiles");
    enabled.setId("settings-map-tiles-enabled");
    enabled.setMnemonicParsing(true);
    enabled.selectedProperty().bindBidirectional(model.mapTilesEnabledProperty());
    TextField url = new TextField();
    url.setId("settings-map-tiles-url");
    url.setPromptText(MapTileSettings.OPENSTREETMAP);
    url.textProperty().bindBidirectional(model.mapTilesUrlProperty());
    TextField credit = new TextField();
    credit.setId("settings-map-tiles-attribution");
    credit.textProperty().bindBidirectional(model.mapTilesAttributionProperty());
    for (Node field : List.of(url, credit)) {
      field.disableProperty().bind(enabled.selectedProperty().not());
      GridPane.setHgrow(field, Priority.ALWAYS);
      ((TextField) field).setMaxWidth(Double.MAX_VALUE);
    }
    Button standard = new Button("OpenStreetMap's tiles");
    standard.setId("settings-map-tiles-default");
    standard.disableProperty().bind(enabled.selectedProperty().not());
    standard.setOnAction(e -> model.defaultTileServer());
    Button save = new Button("Save");
    save.setId("settings-map-tiles-save");
    save.setOnAction(e -> model.saveMapTiles());

    Label result = new Label();
    result.setId("settings-map-tiles-message");
    result.setWrapText(true);
    result.textProperty().bind(model.mapTilesMessageProperty());
    result.visibleProperty().bind(result.textProperty().isNotEmpty());
    result.managedProperty().bind(result.visibleProperty());
    model
        .mapTilesFailedProperty()
        .subscribe(failed -> {
          result.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
          result.getStyleClass().add(failed ? Styles.DANGER : Styles.SUCCESS);
        });

    GridPane grid = form();
    grid.addRow(0, labelFor("Tile server", url), url);
    grid.addRow(1, labelFor("Credit shown on the map", credit), credit);
    return new VBox(
        8,
        enabled,
        grid,
        new HBox(8, save, standard),
        result,
        hint(
            "Off by default: a workout's route is drawn from its stored points on a plain"
                + " background and nothing is fetched. Turned on, opening a workout asks the tile"
                + " server above for the map tiles around its route, so that server learns the"
                + " route's area (and your IP address). The address needs {z}, {x} and {y}; the"
                + " default is OpenStreetMap's standard tiles, run by volunteers under a tile usage"
                + " policy (no bulk downloads; tiles are kept up to 50 MB in the data folder's"
                + " tiles folder and asked for again only when the server says they are out of"
                + " date)."));
  }

  /**
   * Runs {@code action} with the host the user confirmed in a second dialog naming it, when the
   * form's server is not on this computer; with null when it is (or the user declined, and the
   * action then saves without sending anything).
   */
  private void confirmHostThen(Consumer<String> action) {
    String host = model.hostToConfirm();
    if (host == null) {
      action.accept(null);
      return;
    }
    Alert alert = new Alert(Alert.AlertType.WARNING);
    alert.initOwner(window());
    alert.setTitle("A server on another computer");
    alert.setHeaderText("Send your questions and health figures to " + host + "?");
    Label text =
        new Label(
            host
                + " is not this computer. Your questions, and the figures the assistant reads"
                + " from your data to answer them, would be sent there. Only confirm a server"
                + " you trust (your own, on your network).");
    text.setWrapText(true);
    text.setMaxWidth(440);
    alert.getDialogPane().setContent(text);
    ButtonType allow = new ButtonType("Send to " + host, ButtonBar.ButtonData.OK_DONE);
    alert.getButtonTypes().setAll(ButtonType.CANCEL, allow);
    Button allowButton = (Button) alert.getDialogPane().lookupButton(allow);
    allowButton.setId("assistant-allow-host");
    allowButton.setDefaultButton(false);
    Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
    cancel.setId("assistant-refuse-host");
    // Cancel is the default: Enter alone never sends data elsewhere.
    cancel.setDefaultButton(true);
    boolean allowed = alert.showAndWait().orElse(ButtonType.CANCEL) == allow;
    action.accept(allowed ? host : null);
  }

  /** A choice in the export section: one of the sample files, or a standard health format. */
  record ExportChoice(String label, ExportFormat plain, StandardExport.Format standard) {
    static final List<ExportChoice> ALL =
        List.of(
            new ExportChoice("CSV", ExportFormat.CSV, null),
            new ExportChoice("JSON", ExportFormat.JSON, null),
            new ExportChoice("Open mHealth", null, StandardExport.Format.OMH),
            new ExportChoice("FHIR R4", null, StandardExport.Format.FHIR));

    String extension() {
      return plain == ExportFormat.CSV ? "csv" : "json";
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private Node exportSection() {
    ChoiceBox<ExportChoice> format = new ChoiceBox<>();
    format.getItems().setAll(ExportChoice.ALL);
    format.setValue(ExportChoice.ALL.getFirst());
    format.setId("settings-export-format");

    // Open mHealth and FHIR: a period, metrics, and merged or every source's values.
    DatePicker from = new DatePicker();
    from.setId("settings-export-from");
    from.setPromptText("first day with data");
    DatePicker to = new DatePicker();
    to.setId("settings-export-to");
    to.setPromptText("last day with data");
    // Written as every screen writes a day ("Dec 2, 2026"), not the locale's short form.
    for (DatePicker picker : List.of(from, to)) {
      picker.setConverter(new DisplayFormat(UnitSystem.METRIC).dayConverter());
    }
    ChoiceBox<String> values = new ChoiceBox<>();
    values.getItems().setAll(EVERY_SOURCE, MERGED);
    values.setValue(EVERY_SOURCE);
    values.setId("settings-export-values");
    CheckComboBox<MetricType> metrics = new CheckComboBox<>();
    metrics.getItems().setAll(MetricType.values());
    metrics.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(MetricType metric) {
            return metric == null ? "" : metric.displayName();
          }

          @Override
          public MetricType fromString(String text) {
            return null;
          }
        });
    metrics.setTitle("All metrics");
    metrics.setShowCheckedCount(true);
    metrics.setId("settings-export-metrics");
    GridPane standard = new GridPane(8, 8);
    standard.setId("settings-export-standard");
    standard.addRow(0, labelFor("From", from), from, labelFor("To", to), to);
    standard.addRow(1, labelFor("Values", values), values, labelFor("Metrics", metrics), metrics);
    standard.visibleProperty().bind(format.valueProperty().map(c -> c.standard() != null));
    standard.managedProperty().bind(standard.visibleProperty());

    Button export = new Button("E_xport...");
    export.setId("settings-export");
    export.setMnemonicParsing(true);
    export.disableProperty().bind(model.busyProperty());
    export.setOnAction(e -> {
      ExportChoice choice = format.getValue();
      File file = chooseExportFile(choice);
      if (file == null) {
        return;
      }
      if (choice.standard() == null) {
        model.export(file.toPath(), choice.plain());
        return;
      }
      try {
        model.exportStandard(
            file.toPath(),
            choice.standard(),
            new StandardExport.Selection(
                from.getValue(),
                to.getValue(),
                Set.copyOf(metrics.getCheckModel().getCheckedItems()),
                MERGED.equals(values.getValue())));
      } catch (IllegalArgumentException wrong) {
        model.reportProblem(wrong.getMessage());
      }
    });

    HBox row = new HBox(8, labelFor("Format", format), format, export);
    row.setAlignment(Pos.CENTER_LEFT);
    Label hint = hint("");
    hint.textProperty()
        .bind(
            format
                .valueProperty()
                .map(c ->
                    c.standard() == null
                        ? "Every sample with its source, device, original time offset and"
                            + " metadata, in canonical units; the same file as 'openvitals"
                            + " export'."
                        : c.label()
                            + " for the days and metrics chosen (none chosen: all), with LOINC"
                            + " codes and UCUM units for FHIR; what the format has no place for"
                            + " is counted in the result."));
    return new VBox(8, row, standard, hint);
  }

  static final String EVERY_SOURCE = "Every source's samples";
  static final String MERGED = "Merged daily values";

  /** Progress of the running job and the last result. */
  private Node jobBar() {
    ProgressBar bar = new ProgressBar();
    bar.setId("settings-progress");
    bar.progressProperty().bind(model.progressProperty());
    bar.setMaxWidth(Double.MAX_VALUE);
    bar.visibleProperty().bind(model.busyProperty());
    bar.managedProperty().bind(bar.visibleProperty());
    HBox.setHgrow(bar, Priority.ALWAYS);

    Button cancel = new Button("Cancel");
    cancel.setId("settings-cancel");
    cancel.visibleProperty().bind(model.busyProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());
    cancel.setOnAction(e -> model.cancel());

    Label message = new Label();
    message.setId("settings-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    model
        .failedProperty()
        .addListener((p, before, failed) -> {
          if (failed) {
            message.getStyleClass().add(Styles.DANGER);
          } else {
            message.getStyleClass().remove(Styles.DANGER);
          }
        });

    HBox progress = new HBox(8, bar, cancel);
    VBox box = new VBox(8, progress, message);
    box.visibleProperty().bind(model.busyProperty().or(model.messageProperty().isNotEmpty()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private Node deleteSection() {
    Button delete = new Button("_Delete all data...");
    delete.setId("settings-delete-all");
    delete.setMnemonicParsing(true);
    delete.getStyleClass().add(Styles.DANGER);
    delete.disableProperty().bind(model.busyProperty());
    delete.setOnAction(e -> confirmDeleteAll());
    return new VBox(
        8,
        hint(
            "Deletes every sample, source, preference and sync state in the current store, and"
                + " the tokens of connected providers, from the disk. There is no undo; export"
                + " first if you may want the data again."),
        delete);
  }

  private void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Choose the data folder");
    File current = new File(model.dataFolderProperty().get());
    if (current.isDirectory()) {
      chooser.setInitialDirectory(current);
    }
    File chosen = chooser.showDialog(window());
    if (chosen == null) {
      return;
    }
    DataFolderFiles.Contents contents = model.inspect(chosen.toPath());
    if (contents.empty()) {
      newStoreDialog(contents.folder())
          .showAndWait()
          .ifPresent(
              choice -> model.changeDataFolder(choice.folder, choice.engine, choice.password));
    } else if (contents.encrypted()) {
      String problem = null;
      Optional<char[]> password;
      while ((password = PasswordDialog.ask(window(), contents.folder(), problem)).isPresent()
          && !model.changeDataFolder(contents.folder(), Engine.H2, password.get())) {
        problem = model.messageProperty().get();
      }
    } else {
      model.changeDataFolder(contents.folder(), contents.engine().orElseThrow(), null);
    }
  }

  private record NewStore(Path folder, Engine engine, char[] password) {}

  private Dialog<NewStore> newStoreDialog(Path folder) {
    Dialog<NewStore> dialog = new Dialog<>();
    dialog.initOwner(window());
    dialog.setTitle("New store");
    dialog.setHeaderText("The folder " + folder + " holds no store yet; OpenVitals creates one.");
    ChoiceBox<Engine> engine = new ChoiceBox<>();
    engine.getItems().setAll(Engine.values());
    engine.setValue(Engine.SQLITE);
    engine.setId("new-store-engine");
    PasswordField password = new PasswordField();
    password.setId("new-store-password");
    password.setPromptText("Leave empty for no encryption");
    PasswordField repeat = new PasswordField();
    repeat.setId("new-store-password-repeat");
    password.disableProperty().bind(engine.valueProperty().isNotEqualTo(Engine.H2));
    repeat.disableProperty().bind(password.disableProperty());

    GridPane grid = form();
    grid.addRow(0, labelFor("Engine", engine), engine);
    grid.addRow(1, labelFor("Password (H2)", password), password);
    grid.addRow(2, labelFor("Repeat password", repeat), repeat);
    grid.add(
        hint("Without the password the H2 file cannot be read; it cannot be recovered."),
        0,
        3,
        2,
        1);
    dialog.getDialogPane().setContent(grid);
    ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
    dialog
        .getDialogPane()
        .lookupButton(create)
        .disableProperty()
        .bind(
            engine
                .valueProperty()
                .isEqualTo(Engine.H2)
                .and(password.textProperty().isNotEqualTo(repeat.textProperty())));
    dialog.setResultConverter(button ->
        button == create
            ? new NewStore(
                folder,
                engine.getValue(),
                engine.getValue() == Engine.H2 && !password.getText().isEmpty()
                    ? password.getText().toCharArray()
                    : null)
            : null);
    return dialog;
  }

  private File chooseExportFile(ExportChoice choice) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export as " + choice.label());
    String extension = choice.extension();
    String name = choice.standard() == null ? "export" : choice.standard().id();
    chooser.setInitialFileName("openvitals-" + name + "." + extension);
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT), "*." + extension));
    return chooser.showSaveDialog(window());
  }

  private void confirmDeleteAll() {
    Path folder = Path.of(model.dataFolderProperty().get());
    List<Path> files = DataFolderFiles.present(folder);
    Alert alert = new Alert(Alert.AlertType.WARNING);
    alert.initOwner(window());
    alert.setTitle("Delete all data");
    alert.setHeaderText("Delete all your health data in " + folder + "?");
    TextField typed = new TextField();
    typed.setId("delete-confirmation");
    typed.setPromptText(DELETE_WORD);
    Label list =
        new Label(
            files.stream()
                .map(f -> "  " + f.getFileName() + (Files.isDirectory(f) ? "/" : ""))
                .collect(Collectors.joining("\n")));
    Label ask = new Label("Type \"" + DELETE_WORD + "\" to confirm:");
    ask.setLabelFor(typed);
    VBox content =
        new VBox(
            8, new Label("These files are deleted from the disk, with no undo:"), list, ask, typed);
    alert.getDialogPane().setContent(content);
    ButtonType delete = new ButtonType("Delete everything", ButtonBar.ButtonData.OK_DONE);
    alert.getButtonTypes().setAll(ButtonType.CANCEL, delete);
    Node deleteButton = alert.getDialogPane().lookupButton(delete);
    deleteButton.setId("delete-everything");
    deleteButton.getStyleClass().add(Styles.DANGER);
    deleteButton
        .disableProperty()
        .bind(
            Bindings.createBooleanBinding(
                () -> !DELETE_WORD.equals(typed.getText().strip()), typed.textProperty()));
    // Cancel is the default: Enter alone never deletes.
    Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
    cancel.setId("delete-cancel");
    cancel.setDefaultButton(true);
    ((Button) deleteButton).setDefaultButton(false);
    alert.setOnShown(e -> typed.requestFocus());
    Optional<ButtonType> answer = alert.showAndWait();
    if (answer.orElse(ButtonType.CANCEL) == delete) {
      model.deleteAll();
    }
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }

  private static GridPane form() {
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(8);
    return grid;
  }

  private static Label muted(String text) {
    Label label = new Label(text);
    label.getStyleClass().add(Styles.TEXT_MUTED);
    return label;
  }

  private static Label labelFor(String text, Node control) {
    Label label = muted(text);
    label.setLabelFor(control);
    return label;
  }

  private static Label hint(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    return label;
  }
}
