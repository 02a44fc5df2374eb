package org.openvitals.app.devices;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import com.google.zxing.common.BitMatrix;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.openvitals.app.common.ReadableHeaders;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.shell.Screen;
import org.openvitals.bridge.pairing.ApprovalHook.PairingRequest;
import org.openvitals.bridge.pairing.PairedDevice;
import org.openvitals.core.store.phone.PhoneBatchResult;

/**
 * The Devices screen: the phone endpoint's switch, the pairing code (QR and text) with its
 * countdown, the allow dialog, the paired devices and the selected device's uploads. Everything it
 * shows comes from {@link DevicesViewModel}.
 */
public final class DevicesView extends ScrollPane implements Disposable {

  /** The QR code's size on screen, in pixels, quiet zone included. */
  private static final int QR_SIZE = 220;

  private final DevicesViewModel model;

  /** Times as every screen writes them, in the zone the page is given (units play no part). */
  private final DisplayFormat format;

  private final Timeline ticker;
  private Dialog<ButtonType> allowDialog;

  public DevicesView(AppContext context) {
    this(new DevicesViewModel(context), context.clock().getZone());
  }

  DevicesView(DevicesViewModel model, ZoneId zone) {
    this.model = model;
    this.format =
        new DisplayFormat(
            UnitSystem.METRIC,
            SourceColors.none(),
            Locale.getDefault(Locale.Category.FORMAT),
            zone);
    getStyleClass().add("devices-screen");
    setFitToWidth(true);

    Label title = new Label(Screen.DEVICES.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);
    Label intro =
        new Label(
            "Pair your iPhone so that its Health data reaches this computer over your own network,"
                + " without exporting a file. Nothing leaves your network.");
    intro.setWrapText(true);
    intro.getStyleClass().add(Styles.TEXT_MUTED);

    Label message = new Label();
    message.setId("devices-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    message.managedProperty().bind(message.textProperty().isNotEmpty());
    message.visibleProperty().bind(message.managedProperty());

    Label devicesHeading = new Label("Paired devices");
    devicesHeading.getStyleClass().add(Styles.TITLE_3);
    Label uploadsHeading = new Label();
    uploadsHeading.getStyleClass().add(Styles.TITLE_3);
    uploadsHeading
        .textProperty()
        .bind(
            model
                .selectedProperty()
                .map(d -> "Uploads from " + d.name())
                .orElse("Uploads (select a device)"));

    VBox page =
        new VBox(
            title,
            intro,
            endpointRow(),
            pairingPanel(),
            firewallHint(),
            message,
            devicesHeading,
            devicesTable(),
            deviceButtons(),
            uploadsHeading,
            uploadsTable());
    page.getStyleClass().add("devices-page");
    page.setSpacing(12);
    // The frame pads the content area; the page keeps clear of the scroll bar only, so its title
    // stands where every screen's does.
    page.setPadding(new Insets(0, 16, 16, 0));
    setContent(page);

    model.pairingRequestProperty().subscribe(this::showAllowDialog);
    ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
    ticker.setCycleCount(Timeline.INDEFINITE);
    ticker.play();
  }

  private HBox endpointRow() {
    ToggleSwitch on = new ToggleSwitch("Phone endpoint");
    on.setId("endpoint-switch");
    on.setSelected(model.rememberedOnProperty().get());
    model.rememberedOnProperty().subscribe(on::setSelected);
    on.selectedProperty().subscribe(model::setEndpointOn);
    Label status = new Label();
    status.setId("endpoint-status");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    HBox row = new HBox(16, on, status);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private HBox pairingPanel() {
    ImageView qr = new ImageView();
    qr.setId("pairing-qr");
    qr.imageProperty().bind(model.qrCodeProperty().map(DevicesView::draw));
    qr.setFitWidth(QR_SIZE);
    qr.setFitHeight(QR_SIZE);
    qr.setSmooth(false);

    Label how =
        new Label(
            "Scan this code with the OpenVitals app on your iPhone, or paste the text below into"
                + " it. Each code works once and for five minutes.");
    how.setWrapText(true);
    TextField text = new TextField();
    text.setId("pairing-text");
    text.setEditable(false);
    text.textProperty().bind(model.pairingTextProperty());
    HBox.setHgrow(text, Priority.ALWAYS);
    Button copy = new Button("Copy");
    copy.setId("copy-pairing-text");
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(model.pairingTextProperty().get());
      Clipboard.getSystemClipboard().setContent(content);
    });
    Label countdown = new Label();
    countdown.setId("pairing-countdown");
    countdown
        .textProperty()
        .bind(
            model
                .secondsLeftProperty()
                .map(s ->
                    String.format(
                        "This code expires in %d:%02d", s.intValue() / 60, s.intValue() % 60)));
    Button newCode = new Button("New code");
    newCode.setId("new-code");
    newCode.setOnAction(e -> model.newCode());
    VBox side = new VBox(10, how, new HBox(8, text, copy), new HBox(12, countdown, newCode));
    ((HBox) side.getChildren().get(2)).setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(side, Priority.ALWAYS);

    HBox panel = new HBox(20, qr, side);
    panel.setId("pairing-panel");
    panel.getStyleClass().add("pairing-panel");
    panel.managedProperty().bind(model.pairingTextProperty().isNotNull());
    panel.visibleProperty().bind(panel.managedProperty());
    return panel;
  }

  private Label firewallHint() {
    Label hint = new Label();
    hint.setId("firewall-hint");
    hint.setWrapText(true);
    hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    hint.textProperty().bind(model.portProperty().map(p -> model.firewallHint()));
    return hint;
  }

  /** The QR code black on white (also in the dark theme: scanners need that contrast). */
  static WritableImage draw(BitMatrix matrix) {
    int scale = Math.max(1, QR_SIZE / matrix.getWidth());
    int w = matrix.getWidth() * scale;
    int h = matrix.getHeight() * scale;
    WritableImage image = new WritableImage(w, h);
    PixelWriter pixels = image.getPixelWriter();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        pixels.setColor(x, y, matrix.get(x / scale, y / scale) ? Color.BLACK : Color.WHITE);
      }
    }
    return image;
  }

  private TableView<PairedDevice> devicesTable() {
    TableView<PairedDevice> table = new TableView<>(model.devices());
    table.setId("paired-devices");
    table.setPlaceholder(new Label("No phone is paired yet."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    ReadableHeaders.keep(table);
    table.setPrefHeight(160);
    table.getColumns().add(column("Name", PairedDevice::name));
    table.getColumns().add(column("Model", PairedDevice::model));
    table.getColumns().add(column("Paired", d -> time(d.pairedAt())));
    table.getColumns().add(column("Last upload", d -> time(d.lastUpload())));
    table
        .getColumns()
        // Samples received: the table is about what each phone sent, and "Samples" fits narrow.
        .add(column("Samples", d -> String.format("%,d", d.samplesReceived())));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .subscribe(d -> {
          if (d != null) {
            model.selectedProperty().set(d);
          }
        });
    model
        .selectedProperty()
        .subscribe(d -> {
          if (d != table.getSelectionModel().getSelectedItem()) {
            table.getSelectionModel().select(d);
          }
        });
    return table;
  }

  private HBox deviceButtons() {
    Button rename = new Button("Rename…");
    rename.setId("rename-device");
    rename.disableProperty().bind(model.selectedProperty().isNull());
    rename.setOnAction(e -> {
      PairedDevice d = model.selectedProperty().get();
      TextInputDialog ask = new TextInputDialog(d.name());
      ask.initOwner(getScene().getWindow());
      ask.setTitle("Rename device");
      ask.setHeaderText("A name for \"" + d.name() + "\" in this list");
      ask.showAndWait().ifPresent(name -> model.rename(d, name));
    });
    Button revoke = new Button("Revoke…");
    revoke.setId("revoke-device");
    revoke.getStyleClass().add(Styles.DANGER);
    revoke.disableProperty().bind(model.selectedProperty().isNull());
    revoke.setOnAction(e -> {
      PairedDevice d = model.selectedProperty().get();
      Alert confirm =
          new Alert(
              Alert.AlertType.CONFIRMATION,
              "\""
                  + d.name()
                  + "\" will no longer be able to send data; to send again it must pair"
                  + " again. What it sent stays.",
              new ButtonType("Revoke", ButtonBar.ButtonData.OK_DONE),
              ButtonType.CANCEL);
      confirm.initOwner(getScene().getWindow());
      confirm.setTitle("Revoke device");
      confirm.setHeaderText("Revoke \"" + d.name() + "\"?");
      confirm
          .showAndWait()
          .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
          .ifPresent(b -> model.revoke(d));
    });
    return new HBox(8, rename, revoke);
  }

  private TableView<PhoneBatchResult> uploadsTable() {
    TableView<PhoneBatchResult> table = new TableView<>(model.uploads());
    table.setId("device-uploads");
    table.setPlaceholder(new Label("No uploads."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    ReadableHeaders.keep(table);
    table.setPrefHeight(200);
    table.getColumns().add(uploadColumn("Received", u -> time(u.receivedAt())));
    table.getColumns().add(uploadColumn("Type", u -> shortType(u.stream())));
    table.getColumns().add(uploadColumn("Samples", u -> String.format("%,d", u.samplesReceived())));
    table.getColumns().add(uploadColumn("New", u -> String.format("%,d", u.inserted())));
    table.getColumns().add(uploadColumn("Changed", u -> String.format("%,d", u.updated())));
    table.getColumns().add(uploadColumn("Deleted", u -> String.format("%,d", u.samplesDeleted())));
    table
        .getColumns()
        .add(
            uploadColumn(
                "Unknown types", u -> u.unmapped().isEmpty() ? "" : u.unmapped().toString()));
    return table;
  }

  /** "HKQuantityTypeIdentifierHeartRate" reads as "HeartRate". */
  static String shortType(String healthKitType) {
    return healthKitType.replaceFirst("^HK[A-Za-z]*TypeIdentifier", "");
  }

  private String time(Instant at) {
    return at == null ? "—" : format.dateTime(at);
  }

  private static TableColumn<PairedDevice, String> column(
      String name, Function<PairedDevice, String> value) {
    TableColumn<PairedDevice, String> c = new TableColumn<>(name);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }

  private static TableColumn<PhoneBatchResult, String> uploadColumn(
      String name, Function<PhoneBatchResult, String> value) {
    TableColumn<PhoneBatchResult, String> c = new TableColumn<>(name);
    c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return c;
  }

  /** Asks the person while a phone waits; closes when the request goes away (endpoint off). */
  private void showAllowDialog(PairingRequest request) {
    if (allowDialog != null) {
      Dialog<ButtonType> open = allowDialog;
      allowDialog = null;
      open.close();
    }
    if (request == null) {
      return;
    }
    Dialog<ButtonType> dialog = new Dialog<>();
    if (getScene() != null) {
      dialog.initOwner(getScene().getWindow());
    }
    dialog.setTitle("Pair a phone");
    dialog.setHeaderText(
        "Allow \"" + request.deviceName() + "\" (" + request.model() + ") to send health data?");
    Label check = new Label("Check that the phone shows the same code:");
    Label code =
        new Label(
            request.comparisonCode().substring(0, 3) + " " + request.comparisonCode().substring(3));
    code.setId("comparison-code");
    code.getStyleClass().add(Styles.TITLE_1);
    Label note = new Label("If the codes differ, deny: another device is answering.");
    note.getStyleClass().add(Styles.TEXT_MUTED);
    dialog.getDialogPane().setContent(new VBox(8, check, code, note));
    ButtonType allow = new ButtonType("Allow", ButtonBar.ButtonData.OK_DONE);
    ButtonType deny = new ButtonType("Deny", ButtonBar.ButtonData.CANCEL_CLOSE);
    dialog.getDialogPane().getButtonTypes().setAll(deny, allow);
    dialog.setResultConverter(b -> b);
    dialog.setOnHidden(e -> {
      if (allowDialog == dialog) {
        allowDialog = null;
        if (dialog.getResult() == allow) {
          model.allow();
        } else {
          model.deny();
        }
      }
    });
    allowDialog = dialog;
    dialog.show();
  }

  @Override
  public void dispose() {
    ticker.stop();
    model.dispose();
  }

  /** The view model, for tests. */
  public DevicesViewModel model() {
    return model;
  }
}
