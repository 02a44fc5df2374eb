package org.openvitals.app.sources;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import org.openvitals.app.common.ReadableHeaders;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.format.NextSync;
import org.openvitals.app.shell.Screen;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.store.OtherTypeSummary;
import org.openvitals.core.store.SourceSummary;

/**
 * The Sources screen: the cloud accounts (state, last sync, last error; connect, sync now,
 * disconnect) above a table of every source in the store.
 */
public final class SourcesView extends ScrollPane implements Disposable {

  private final SourcesViewModel model;
  private final ZoneId zone;
  private final FlowPane cards = new FlowPane();
  private final VBox signIn = new VBox();

  public SourcesView(AppContext context) {
    this(new SourcesViewModel(context), context.clock().getZone());
  }

  SourcesView(SourcesViewModel model, ZoneId zone) {
    this.model = model;
    this.zone = zone;
    getStyleClass().add("sources-screen");
    setFitToWidth(true);

    Label title = new Label(Screen.SOURCES.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);

    Label cloudHeading = new Label("Cloud accounts");
    cloudHeading.getStyleClass().add(Styles.TITLE_3);
    cards.setId("cloud-accounts");
    cards.getStyleClass().add("cloud-accounts");
    model.accounts().subscribe(this::fillCards);
    model.operationProperty().subscribe(this::fillCards);

    Label storedHeading = new Label("Sources in your data");
    storedHeading.getStyleClass().add(Styles.TITLE_3);

    VBox page =
        new VBox(
            title,
            errorLabel(),
            cloudHeading,
            vaultNote(),
            cards,
            signInPanel(),
            operationMessage(),
            storedHeading,
            sourcesTable());
    page.getStyleClass().add("sources-page");
    setContent(page);
  }

  @Override
  public void dispose() {
    model.dispose();
  }

  /** The view model, for tests. */
  public SourcesViewModel model() {
    return model;
  }

  private Node errorLabel() {
    Label error = new Label();
    error.setId("sources-error");
    error.setWrapText(true);
    error.getStyleClass().add(Styles.DANGER);
    error.textProperty().bind(model.loadErrorProperty());
    error.visibleProperty().bind(model.loadErrorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());
    return error;
  }

  private Node vaultNote() {
    Label note = new Label();
    note.setWrapText(true);
    note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
    note.textProperty().bind(model.vaultNoteProperty());
    note.visibleProperty().bind(model.vaultNoteProperty().isNotEmpty());
    note.managedProperty().bind(note.visibleProperty());
    return note;
  }

  private Node operationMessage() {
    Label message = new Label();
    message.setId("cloud-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    message.visibleProperty().bind(model.messageProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());
    model
        .failedProperty()
        .subscribe(failed -> {
          if (failed) {
            message.getStyleClass().add(Styles.DANGER);
          } else {
            message.getStyleClass().remove(Styles.DANGER);
          }
        });
    return message;
  }

  private void fillCards() {
    cards.getChildren().setAll(model.accounts().stream().map(this::card).toList());
  }

  private Node card(SourceStatus status) {
    SourcesViewModel.Operation op = model.operationProperty().get();
    boolean busyHere = op != null && op.provider().equals(status.provider());
    boolean busy = op != null;

    Label name = new Label(status.displayName());
    name.getStyleClass().add(Styles.TITLE_4);
    Label state = new Label(busyHere ? op.action().label() : status.state().label());
    state.setId("state-" + status.provider());
    state.getStyleClass().addAll("state-badge", "state-" + stateClass(status.state()));
    // A long name ("Fitbit (Google Health)") wraps and its state moves under it, never cut.
    name.setWrapText(true);
    state.setMinWidth(Region.USE_PREF_SIZE);
    FlowPane header = new FlowPane(name, state);
    header.getStyleClass().add("card-header");
    header.setAlignment(Pos.CENTER_LEFT);

    Label lastSync = new Label("Last sync: " + lastSync(status.lastRun()));
    lastSync.setId("last-sync-" + status.provider());
    lastSync.setWrapText(true);
    VBox card = new VBox(header, lastSync);
    String next = NextSync.describe(status, Instant.now(), zone);
    if (next != null) {
      Label nextSync = new Label("Next sync: " + next);
      nextSync.setId("next-sync-" + status.provider());
      nextSync.getStyleClass().add(Styles.TEXT_MUTED);
      card.getChildren().add(nextSync);
    }
    if (status.message() != null) {
      Label problem = new Label(status.message());
      problem.setId("last-error-" + status.provider());
      problem.setWrapText(true);
      problem
          .getStyleClass()
          .add(
              status.state() == SyncState.ERROR || status.state() == SyncState.RECONNECT_NEEDED
                  ? Styles.DANGER
                  : Styles.TEXT_MUTED);
      card.getChildren().add(problem);
    }
    if (status.lastRun() != null && !status.lastRun().errors().isEmpty()) {
      Label errors = new Label(String.join("\n", status.lastRun().errors()));
      errors.setWrapText(true);
      errors.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
      card.getChildren().add(errors);
    }

    HBox buttons = new HBox();
    buttons.getStyleClass().add("card-buttons");
    if (busyHere) {
      ProgressIndicator spinner = new ProgressIndicator(-1);
      spinner.getStyleClass().add("card-spinner");
      Button cancel = button("Cancel", "cancel-" + status.provider(), model::cancel);
      buttons.getChildren().addAll(spinner, cancel);
    } else {
      boolean connected = status.state() != SyncState.NOT_CONNECTED;
      String connectText =
          status.state() == SyncState.RECONNECT_NEEDED
              ? "Reconnect..."
              : connected ? "Sign in again..." : "Connect...";
      Button connect =
          button(connectText, "connect-" + status.provider(), () -> showSignIn(status));
      if (status.state() == SyncState.NOT_CONNECTED
          || status.state() == SyncState.RECONNECT_NEEDED) {
        connect.getStyleClass().add(Styles.ACCENT);
      }
      buttons.getChildren().add(connect);
      if (connected) {
        Button sync =
            button("Sync now", "sync-" + status.provider(), () -> model.syncNow(status.provider()));
        sync.setDisable(status.state() == SyncState.RECONNECT_NEEDED);
        Button disconnect =
            button(
                "Disconnect...",
                "disconnect-" + status.provider(),
                () -> confirmDisconnect(status));
        buttons.getChildren().addAll(sync, disconnect);
      }
      buttons.getChildren().forEach(b -> b.setDisable(b.isDisable() || busy));
    }
    card.getChildren().add(buttons);
    card.setId("account-" + status.provider());
    card.getStyleClass().add("account-card");
    return card;
  }

  private static String stateClass(SyncState state) {
    return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private String lastSync(SyncRun run) {
    if (run == null) {
      return "never";
    }
    return dates().dateTime(run.finished())
        + " ("
        + run.outcome().label()
        + ", "
        + run.written()
        + " new or changed)";
  }

  private static Button button(String text, String id, Runnable action) {
    Button button = new Button(text);
    button.setId(id);
    button.setOnAction(e -> action.run());
    return button;
  }

  private void confirmDisconnect(SourceStatus status) {
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "OpenVitals forgets the sign-in to "
                + status.displayName()
                + ". The data already synced stays; to sync again you connect again.",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.setHeaderText("Disconnect " + status.displayName() + "?");
    confirm.initOwner(getScene().getWindow());
    Optional<ButtonType> answer = confirm.showAndWait();
    if (answer.filter(ButtonType.OK::equals).isPresent()) {
      model.disconnect(status.provider());
    }
  }

  /** The sign-in form: client id and secret (blank: from the settings or the last sign-in). */
  private Node signInPanel() {
    signIn.setId("sign-in");
    signIn.getStyleClass().add("sign-in-panel");
    signIn.setVisible(false);
    signIn.managedProperty().bind(signIn.visibleProperty());
    return signIn;
  }

  private void showSignIn(SourceStatus status) {
    Label heading = new Label("Connect " + status.displayName());
    heading.getStyleClass().add(Styles.TITLE_4);
    Label help =
        new Label(
            "Use your own developer app's client id and secret (see the README, 'Connecting cloud"
                + " sources'); leave them blank to use the ones from cloud.properties or the last"
                + " sign-in.");
    help.setWrapText(true);
    help.getStyleClass().add(Styles.TEXT_MUTED);
    TextField clientId = new TextField();
    clientId.setId("client-id");
    clientId.setPromptText("Client id");
    PasswordField secret = new PasswordField();
    secret.setId("client-secret");
    secret.setPromptText("Client secret");
    Button go = new Button("Sign in with the browser");
    go.setId("sign-in-start");
    go.setDefaultButton(true);
    go.getStyleClass().add(Styles.ACCENT);
    Button close = button("Close", "sign-in-close", () -> signIn.setVisible(false));
    // Providers that split their data into scopes: ask only for what is ticked.
    List<CheckBox> scopeBoxes = new ArrayList<>();
    for (SourcesViewModel.ScopeOption option : model.scopeOptions(status.provider())) {
      CheckBox box = new CheckBox(option.choice().label());
      box.setId("scope-" + option.choice().name());
      box.setSelected(option.ticked());
      box.setUserData(option.choice().name());
      scopeBoxes.add(box);
    }
    go.setOnAction(e -> {
      Set<String> ticked =
          scopeBoxes.isEmpty()
              ? null
              : scopeBoxes.stream()
                  .filter(CheckBox::isSelected)
                  .map(b -> (String) b.getUserData())
                  .collect(Collectors.toCollection(LinkedHashSet::new));
      model.connect(status.provider(), clientId.getText(), secret.getText(), ticked);
      clientId.clear();
      secret.clear();
    });
    go.disableProperty().bind(model.operationProperty().isNotNull());

    TextField url = new TextField();
    url.setId("authorization-url");
    url.setEditable(false);
    url.textProperty().bind(model.authorizationUrlProperty());
    HBox.setHgrow(url, Priority.ALWAYS);
    Button copy =
        button(
            "Copy",
            "copy-url",
            () -> {
              ClipboardContent content = new ClipboardContent();
              content.putString(url.getText());
              Clipboard.getSystemClipboard().setContent(content);
            });
    Label urlHelp =
        new Label("If no browser opened, open this address yourself and sign in there:");
    urlHelp.setWrapText(true);
    HBox urlRow = new HBox(url, copy);
    urlRow.getStyleClass().add("card-buttons");
    TextField pasted = new TextField();
    pasted.setId("pasted-redirect");
    pasted.setPromptText("If the browser cannot reach OpenVitals: paste the address it ended on");
    HBox.setHgrow(pasted, Priority.ALWAYS);
    Button send =
        button(
            "Send",
            "send-pasted",
            () -> {
              model.paste(pasted.getText());
              pasted.clear();
            });
    HBox pasteRow = new HBox(pasted, send);
    pasteRow.getStyleClass().add("card-buttons");
    VBox waiting = new VBox(urlHelp, urlRow, pasteRow);
    waiting.visibleProperty().bind(model.authorizationUrlProperty().isNotEmpty());
    waiting.managedProperty().bind(waiting.visibleProperty());

    HBox buttons = new HBox(go, close);
    buttons.getStyleClass().add("card-buttons");
    HBox fields = new HBox(clientId, secret);
    fields.getStyleClass().add("card-buttons");
    signIn.getChildren().setAll(heading, help, fields);
    if (!scopeBoxes.isEmpty()) {
      Label allow = new Label("Allow OpenVitals to read:");
      VBox scopes = new VBox(allow);
      scopes.setId("scopes");
      scopes.getStyleClass().add("scope-choices");
      scopes.getChildren().addAll(scopeBoxes);
      signIn.getChildren().add(scopes);
    }
    signIn.getChildren().addAll(buttons, waiting);
    signIn.setVisible(true);
    clientId.requestFocus();
    revealSignIn();
  }

  /**
   * Scrolls the form, which opens under the account cards, into view: in a window too short for
   * both, it would open out of sight.
   */
  private void revealSignIn() {
    applyCss();
    layout();
    Region page = (Region) getContent();
    double hidden = page.getHeight() - getViewportBounds().getHeight();
    if (hidden <= 0) {
      return;
    }
    Bounds form = page.sceneToLocal(signIn.localToScene(signIn.getLayoutBounds()));
    double top = hidden * getVvalue();
    double viewport = getViewportBounds().getHeight();
    if (form.getMinY() >= top && form.getMaxY() <= top + viewport) {
      return;
    }
    // Its end in view when it fits, else its top.
    double wanted = Math.min(form.getMaxY() + 8 - viewport, form.getMinY() - 8);
    setVvalue(Math.clamp(wanted / hidden, 0, 1));
  }

  private Node sourcesTable() {
    TableView<SourceSummary> table = new TableView<>(model.sources());
    table.setId("sources-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    ReadableHeaders.keep(table);
    table.setPlaceholder(
        new Label("No data yet: import a file or connect a cloud account to see its sources."));

    TableColumn<SourceSummary, SourceSummary> source = new TableColumn<>("Source");
    source.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    source.setCellFactory(c ->
        new TableCell<>() {
          @Override
          protected void updateItem(SourceSummary item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
              setText(null);
              setGraphic(null);
            } else {
              Circle dot = new Circle(5, model.colours().of(item.source()));
              setGraphic(dot);
              setText(item.source().name());
            }
          }
        });
    TableColumn<SourceSummary, String> provider =
        column("From", s -> DisplayFormat.provider(s.source().provider()));
    TableColumn<SourceSummary, String> device =
        column("Kind", s -> s.deviceClass().id().replace('_', ' '));
    TableColumn<SourceSummary, Long> count = new TableColumn<>("Samples");
    count.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sampleCount()));
    count.setCellFactory(c ->
        new TableCell<>() {
          @Override
          protected void updateItem(Long item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : dates().decimal(item, 0));
          }
        });
    count.getStyleClass().add("number-column");
    TableColumn<SourceSummary, String> other = column("Other", this::otherTypes);
    TableColumn<SourceSummary, String> first = column("First", s -> day(s.first()));
    TableColumn<SourceSummary, String> last = column("Last", s -> day(s.last()));
    table.getColumns().setAll(List.of(source, provider, device, count, other, first, last));
    // Names need the room; the rest are short. Widths follow the font so 200% scaling keeps them.
    double em = Font.getDefault().getSize();
    source.setPrefWidth(16 * em);
    provider.setPrefWidth(9 * em);
    List.of(device, count, other).forEach(c -> c.setPrefWidth(6.5 * em));
    // A date as every screen writes it ("Sep 22, 2026") is never cut.
    List.of(first, last)
        .forEach(c -> {
          c.setPrefWidth(8.5 * em);
          c.setMinWidth(8 * em);
        });
    return table;
  }

  /**
   * The records of a source whose types are not in the catalog yet (stored as written), e.g. "2
   * types, 1,204"; the full list is in {@code openvitals sources}.
   */
  private String otherTypes(SourceSummary s) {
    long types = 0;
    long records = 0;
    for (OtherTypeSummary o : model.otherTypes()) {
      if (o.source().equals(s.source())) {
        types++;
        records += o.count();
      }
    }
    return types == 0
        ? ""
        : String.format(Locale.ROOT, "%d type%s, %,d", types, types == 1 ? "" : "s", records);
  }

  private TableColumn<SourceSummary, String> column(
      String title, Function<SourceSummary, String> value) {
    TableColumn<SourceSummary, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    return column;
  }

  private String day(Instant instant) {
    return instant == null ? "" : dates().day(instant.atZone(zone).toLocalDate());
  }

  /** Dates as on every other screen, in this view's zone. */
  private DisplayFormat dates() {
    return new DisplayFormat(
        UnitSystem.METRIC,
        SourceColors.none(),
        java.util.Locale.getDefault(java.util.Locale.Category.FORMAT),
        zone);
  }
}
