package org.openvitals.app.devices;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.bridge.PhoneEndpoint;
import org.openvitals.bridge.pairing.ApprovalHook;
import org.openvitals.bridge.pairing.ApprovalHook.PairingRequest;
import org.openvitals.bridge.pairing.PairedDevice;
import org.openvitals.bridge.pairing.PairedDevices;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.bridge.server.BridgeServer;
import org.openvitals.core.store.phone.PhoneBatchResult;
import org.openvitals.core.store.phone.PhoneSyncStore;

/**
 * The Devices screen's state: the phone endpoint of the open store (off until the person turns it
 * on; the choice is kept in the store, so each data folder remembers its own), the pairing code
 * with its countdown, the phone waiting for an answer, the paired devices and the selected device's
 * uploads.
 *
 * <p>The endpoint itself belongs to {@link AppContext}, which closes it when the store is switched,
 * reset or closed. Properties change on the FX thread; the view calls {@link #tick()} once a second
 * for the countdown.
 */
public final class DevicesViewModel implements Disposable {
  /** Where the on/off choice is remembered, in the store's state table. */
  static final String ENDPOINT_STATE = "devices.endpoint";

  private static final String OFF_STATUS = "Off: phones cannot reach this computer.";

  /** How many uploads the history shows per device. */
  static final int HISTORY_LIMIT = 50;

  /** The endpoint's state as the switch and the status line show it. */
  public enum EndpointState {
    OFF,
    STARTING,
    ON,
    FAILED
  }

  /** A phone's pairing request with the person's answer still open. */
  private record Asked(PairingRequest request, CompletableFuture<Boolean> answer) {}

  private final AppContext context;
  private final Function<ApprovalHook, PhoneEndpoint.Options> options;
  private final BackgroundWork work;
  private final BackgroundWork.Lane history;

  /** Starting the endpoint: a newer start replaces an older one's result. */
  private final BackgroundWork.Lane starts;

  private final Subscription storeChanges;

  private final ReadOnlyObjectWrapper<EndpointState> state =
      new ReadOnlyObjectWrapper<>(this, "state", EndpointState.OFF);
  private final ReadOnlyStringWrapper status =
      new ReadOnlyStringWrapper(this, "status", OFF_STATUS);
  private final ReadOnlyIntegerWrapper port = new ReadOnlyIntegerWrapper(this, "port");
  private final ReadOnlyStringWrapper pairingText = new ReadOnlyStringWrapper(this, "pairingText");
  private final ReadOnlyObjectWrapper<BitMatrix> qrCode = new ReadOnlyObjectWrapper<>(this, "qr");
  private final ReadOnlyIntegerWrapper secondsLeft =
      new ReadOnlyIntegerWrapper(this, "secondsLeft");
  private final ReadOnlyObjectWrapper<PairingRequest> pairingRequest =
      new ReadOnlyObjectWrapper<>(this, "pairingRequest");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
  private final ReadOnlyBooleanWrapper remembered = new ReadOnlyBooleanWrapper(this, "remembered");
  private final ObservableList<PairedDevice> devices = FXCollections.observableArrayList();
  private final ObjectProperty<PairedDevice> selected =
      new SimpleObjectProperty<>(this, "selected");
  private final ObservableList<PhoneBatchResult> uploads = FXCollections.observableArrayList();

  private final Deque<Asked> asked = new ArrayDeque<>();
  private PhoneEndpoint endpoint;
  private Instant codeExpiresAt;

  /** Whether the switch was used since this store's choice began loading. */
  private boolean chosenSinceLoad;

  /** Devices of the app: the endpoint on every LAN address, default port, advertised. */
  public DevicesViewModel(AppContext context) {
    this(
        context,
        approval -> PhoneEndpoint.Options.lan(desktopName(), BridgeServer.DEFAULT_PORT, approval));
  }

  /**
   * @param options how the endpoint runs, given the approval hook this view model answers with
   *     (tests: loopback, any port, no mDNS)
   */
  public DevicesViewModel(
      AppContext context, Function<ApprovalHook, PhoneEndpoint.Options> options) {
    this.context = context;
    this.options = options;
    this.work = new BackgroundWork(context);
    this.history = work.lane();
    this.starts = work.lane();
    this.storeChanges = context.storeProperty().subscribe((before, now) -> storeSwitched());
    selected.subscribe(d -> loadHistory());
    load();
  }

  // ---- endpoint on/off --------------------------------------------------------------------

  /** Turns the endpoint on or off and remembers the choice for this store. */
  public void setEndpointOn(boolean on) {
    boolean running = state.get() == EndpointState.ON || state.get() == EndpointState.STARTING;
    if (on ? running : state.get() == EndpointState.OFF) {
      return;
    }
    chosenSinceLoad = true;
    // State first: the switch follows the remembered choice and calls back here.
    if (on) {
      start();
    } else {
      stop();
    }
    remember(on);
  }

  private void start() {
    AppContext.OpenStore store = context.current();
    state.set(EndpointState.STARTING);
    status.set("Starting the phone endpoint…");
    List<String> warnings = new ArrayList<>();
    PhoneEndpoint.Options how = options.apply(this::ask);
    starts
        .task(p ->
            context.startPhoneEndpoint(
                store, how, upload -> context.onFxThread(this::uploaded), warnings))
        .onSuccess(started -> {
          endpoint = started;
          state.set(EndpointState.ON);
          port.set(started.port());
          int asked = how.port();
          status.set(
              "On: listening on port "
                  + started.port()
                  + " (TLS 1.3)"
                  + (asked != 0 && asked != started.port()
                      ? "; port " + asked + " was taken"
                      : ""));
          message.set(String.join(" ", warnings));
          newCode();
          refreshDevices();
        })
        .onFailure(error -> {
          state.set(EndpointState.FAILED);
          status.set("The phone endpoint could not start: " + reason(error));
        })
        .start();
  }

  private void stop() {
    starts.cancel();
    context.stopPhoneEndpoint();
    endpoint = null;
    state.set(EndpointState.OFF);
    status.set(OFF_STATUS);
    port.set(0);
    pairingText.set(null);
    qrCode.set(null);
    codeExpiresAt = null;
    secondsLeft.set(0);
    denyAll();
  }

  private void remember(boolean on) {
    AppContext.OpenStore store = context.current();
    remembered.set(on);
    work.task(
            p -> {
              store.store().putState(ENDPOINT_STATE, on ? "on" : "off");
              return null;
            })
        .onFailure("Could not remember the choice", message::set)
        .start();
  }

  /** Reads this store's remembered choice and its paired devices; starts the endpoint if on. */
  private void load() {
    chosenSinceLoad = false;
    AppContext.OpenStore store = context.current();
    work.task(p -> store.store().state(ENDPOINT_STATE).map("on"::equals).orElse(false))
        .onSuccess(on -> {
          // The person may have used the switch while the choice was read: theirs wins.
          if (state.get() == EndpointState.OFF && !chosenSinceLoad) {
            if (on) {
              start();
            }
            remembered.set(on);
          }
          refreshDevices();
        })
        .onFailure("Could not read the Devices settings", message::set)
        .start();
  }

  private void storeSwitched() {
    // AppContext closed the old store's endpoint already.
    endpoint = null;
    stop();
    remembered.set(false);
    devices.clear();
    selected.set(null);
    load();
  }

  // ---- pairing code -----------------------------------------------------------------------

  /** A fresh one-time code (the previous one stops working only when it expires). */
  public void newCode() {
    if (endpoint == null) {
      return;
    }
    PairingPayload payload = endpoint.newPairingPayload();
    codeExpiresAt = endpoint.pairing().expiresAt(payload.secret());
    String text = payload.format();
    pairingText.set(text);
    qrCode.set(qr(text));
    updateCountdown();
  }

  /** Once a second: the countdown, a new code when it ran out, the paired devices' counters. */
  public void tick() {
    if (endpoint == null) {
      return;
    }
    updateCountdown();
    if (secondsLeft.get() == 0) {
      newCode();
    }
    refreshDevices();
  }

  private void updateCountdown() {
    long left =
        codeExpiresAt == null
            ? 0
            : Math.max(0, Duration.between(context.clock().instant(), codeExpiresAt).toSeconds());
    secondsLeft.set((int) left);
  }

  static BitMatrix qr(String text) {
    try {
      return new QRCodeWriter()
          .encode(
              text,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  2));
    } catch (WriterException e) {
      throw new IllegalStateException("A pairing code always fits a QR code: " + e.getMessage(), e);
    }
  }

  // ---- the person's answer ----------------------------------------------------------------

  /** The approval hook: called on the endpoint's thread; the answer comes from the dialog. */
  private CompletableFuture<Boolean> ask(PairingRequest request) {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    context.onFxThread(() -> {
      if (endpoint == null) {
        answer.complete(false);
        return;
      }
      asked.add(new Asked(request, answer));
      if (pairingRequest.get() == null) {
        pairingRequest.set(request);
      }
      newCode(); // the phone used this code; the next phone needs its own
    });
    return answer;
  }

  /** Allows the phone of the dialog; it receives its token when it asks next. */
  public void allow() {
    answer(true);
  }

  /** Refuses the phone of the dialog. */
  public void deny() {
    answer(false);
  }

  private void answer(boolean allowed) {
    Asked head = asked.poll();
    if (head != null) {
      head.answer().complete(allowed);
      message.set(
          (allowed ? "Allowed " : "Refused ")
              + "\""
              + head.request().deviceName()
              + "\""
              + (allowed ? "; it appears below once it has its key." : "."));
    }
    Asked next = asked.peek();
    pairingRequest.set(next == null ? null : next.request());
  }

  private void denyAll() {
    asked.forEach(a -> a.answer().complete(false));
    asked.clear();
    pairingRequest.set(null);
  }

  // ---- paired devices ---------------------------------------------------------------------

  private void refreshDevices() {
    AppContext.OpenStore store = context.current();
    PhoneEndpoint running = endpoint;
    if (running != null) {
      show(running.devices().list());
      return;
    }
    work.task(p -> pairedDevicesOf(store).list())
        .onSuccess(this::show)
        .onFailure("Could not read the paired devices", message::set)
        .start();
  }

  private void show(List<PairedDevice> list) {
    if (list.equals(devices)) {
      return;
    }
    String selectedId = selected.get() == null ? null : selected.get().deviceId();
    devices.setAll(list);
    selected.set(
        list.stream().filter(d -> d.deviceId().equals(selectedId)).findFirst().orElse(null));
  }

  private PairedDevices pairedDevicesOf(AppContext.OpenStore store) {
    PhoneEndpoint running = context.phoneEndpoint(store).orElse(null);
    return running != null
        ? running.devices()
        : new PairedDevices(
            store.config().dataDir().resolve(PhoneEndpoint.FOLDER).resolve("devices.json"));
  }

  /** Renames a paired device (the name the lists show; the phone keeps its own). */
  public void rename(PairedDevice device, String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      message.set("A device needs a name.");
      return;
    }
    AppContext.OpenStore store = context.current();
    work.task(p -> pairedDevicesOf(store).rename(device.deviceId(), trimmed))
        .onSuccess(done -> refreshDevices())
        .onFailure("Could not rename the device", message::set)
        .start();
  }

  /**
   * Revokes a device: its token stops working at once, its next request gets 401 and it must pair
   * again. What it sent stays stored.
   */
  public void revoke(PairedDevice device) {
    AppContext.OpenStore store = context.current();
    work.task(p -> pairedDevicesOf(store).revoke(device.deviceId()))
        .onSuccess(done -> {
          message.set("Revoked \"" + device.name() + "\"; it must pair again to send data.");
          refreshDevices();
        })
        .onFailure("Could not revoke the device", message::set)
        .start();
  }

  private void uploaded() {
    refreshDevices();
    loadHistory();
  }

  private void loadHistory() {
    PairedDevice device = selected.get();
    if (device == null) {
      uploads.clear();
      return;
    }
    AppContext.OpenStore store = context.current();
    history
        .task(p -> PhoneSyncStore.of(store.store()).phoneBatches(device.deviceId(), HISTORY_LIMIT))
        .onSuccess(uploads::setAll)
        .onFailure("Could not read the uploads", message::set)
        .start();
  }

  // ---- what the view reads ----------------------------------------------------------------

  public ReadOnlyObjectProperty<EndpointState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** The choice remembered for this store (the switch's position). */
  public ReadOnlyBooleanProperty rememberedOnProperty() {
    return remembered.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The port the endpoint listens on, 0 while off. */
  public ReadOnlyIntegerProperty portProperty() {
    return port.getReadOnlyProperty();
  }

  /** The pairing payload as text (the QR code's content), null while off. */
  public ReadOnlyStringProperty pairingTextProperty() {
    return pairingText.getReadOnlyProperty();
  }

  /** The pairing payload as a QR code, null while off. */
  public ReadOnlyObjectProperty<BitMatrix> qrCodeProperty() {
    return qrCode.getReadOnlyProperty();
  }

  /** Seconds until the code expires; a new one is made then. */
  public ReadOnlyIntegerProperty secondsLeftProperty() {
    return secondsLeft.getReadOnlyProperty();
  }

  /** The phone waiting for an answer (the allow dialog), or null. */
  public ReadOnlyObjectProperty<PairingRequest> pairingRequestProperty() {
    return pairingRequest.getReadOnlyProperty();
  }

  /** The last thing done or failed, one sentence. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ObservableList<PairedDevice> devices() {
    return devices;
  }

  /** The device whose uploads are shown. */
  public ObjectProperty<PairedDevice> selectedProperty() {
    return selected;
  }

  /** The selected device's uploads, newest first. */
  public ObservableList<PhoneBatchResult> uploads() {
    return uploads;
  }

  /** Which port to allow in the OS firewall, and how. */
  public String firewallHint() {
    int p = port.get() == 0 ? BridgeServer.DEFAULT_PORT : port.get();
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String how =
        os.contains("win")
            ? "Windows asks the first time; choose Private networks."
            : os.contains("mac")
                ? "macOS asks the first time; click Allow."
                : "For example: sudo ufw allow " + p + "/tcp";
    return "If the phone cannot connect, allow incoming TCP port "
        + p
        + " on this computer's"
        + " firewall (local network only). "
        + how;
  }

  @Override
  public void dispose() {
    storeChanges.unsubscribe();
    work.dispose();
    denyAll();
  }

  private static String reason(Throwable error) {
    String m = error.getMessage();
    return m == null || m.isBlank() ? error.getClass().getSimpleName() : m;
  }

  static String desktopName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "OpenVitals desktop";
    }
  }
}
