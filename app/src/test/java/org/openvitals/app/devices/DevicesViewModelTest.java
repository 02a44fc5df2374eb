package org.openvitals.app.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.app.devices.DevicesViewModel.EndpointState;
import org.openvitals.bridge.PhoneEndpoint;
import org.openvitals.bridge.pairing.PairedDevice;
import org.openvitals.bridge.phone.PhoneClient;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.ComparisonCode;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.core.store.StoreConfig;

/**
 * The Devices view model over the real endpoint on loopback TLS, with a phone speaking the wire
 * protocol ({@link PhoneClient}); no window. Work and "FX thread" deliveries run at once.
 */
class DevicesViewModelTest {
  @TempDir Path dir;

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private AppContext context;
  private DevicesViewModel model;

  @BeforeEach
  void open() {
    context =
        new AppContext(StoreConfig.sqlite(dir.resolve("one")), clock, TaskExecutor.immediate());
    model = newModel();
  }

  @AfterEach
  void close() {
    model.dispose();
    context.close();
  }

  private DevicesViewModel newModel() {
    return new DevicesViewModel(
        context,
        hook ->
            new PhoneEndpoint.Options("Test desktop", "127.0.0.1", 0, false, hook, clock, 120, 40));
  }

  @Test
  void theEndpointIsOffUntilTurnedOnAndTheChoiceIsRememberedPerStore() throws Exception {
    assertThat(model.stateProperty().get()).isEqualTo(EndpointState.OFF);
    assertThat(model.statusProperty().get()).startsWith("Off:");
    assertThat(context.phoneEndpoint(context.current())).isEmpty();
    assertThat(model.pairingTextProperty().get()).isNull();

    model.setEndpointOn(true);

    assertThat(model.stateProperty().get()).isEqualTo(EndpointState.ON);
    int port = model.portProperty().get();
    assertThat(port).isPositive();
    assertThat(model.firewallHint()).contains(String.valueOf(port));
    PairingPayload payload = PairingPayload.parse(model.pairingTextProperty().get());
    assertThat(payload.port()).isEqualTo(port);
    assertThat(model.qrCodeProperty().get()).isNotNull();
    assertThat(model.secondsLeftProperty().get()).isEqualTo(300);
    // The phone reaches it over pinned TLS; without a token it is turned away.
    assertThat(phone(payload).get("/v1/anchors").status()).isEqualTo(401);

    // Another view model on the same store (the app started again) turns it on by itself.
    model.dispose();
    context.stopPhoneEndpoint();
    model = newModel();
    assertThat(model.stateProperty().get()).isEqualTo(EndpointState.ON);

    model.setEndpointOn(false);
    assertThat(model.stateProperty().get()).isEqualTo(EndpointState.OFF);
    assertThat(model.portProperty().get()).isZero();
    assertThatThrownBy(() -> phone(payload).get("/v1/anchors"))
        .isInstanceOf(ConnectException.class);
    model.dispose();
    model = newModel();
    assertThat(model.stateProperty().get()).isEqualTo(EndpointState.OFF);
  }

  @Test
  void anAllowedPhoneGetsATokenAndAppearsWithItsUploads() throws Exception {
    model.setEndpointOn(true);
    PairingPayload payload = PairingPayload.parse(model.pairingTextProperty().get());
    PhoneClient phone = phone(payload);
    String nonce = Base64Url.random(16);

    PhoneClient.Reply started = phone.post("/v1/pair", pairRequest(payload, "Ana's iPhone", nonce));

    assertThat(started.status()).isEqualTo(202);
    var asked = model.pairingRequestProperty().get();
    assertThat(asked).isNotNull();
    assertThat(asked.deviceName()).isEqualTo("Ana's iPhone");
    assertThat(asked.model()).isEqualTo("iPhone15,2");
    assertThat(asked.comparisonCode())
        .hasSize(6)
        .isEqualTo(
            ComparisonCode.of(
                payload.keyHash(), nonce, started.body().get("desktop_nonce").asText()));
    // The code the phone used is spent: the screen shows a new one at once.
    assertThat(PairingPayload.parse(model.pairingTextProperty().get()).secret())
        .isNotEqualTo(payload.secret());

    model.allow();

    assertThat(model.pairingRequestProperty().get()).isNull();
    PhoneClient.Reply done = complete(phone, started);
    assertThat(done.status()).isEqualTo(200);
    phone.token(done.body().get("device_token").asText());
    assertThat(phone.get("/v1/anchors").status()).isEqualTo(200);

    model.tick();
    assertThat(model.devices()).extracting(PairedDevice::name).containsExactly("Ana's iPhone");

    PairedDevice device = model.devices().getFirst();
    model.selectedProperty().set(device);
    assertThat(model.uploads()).isEmpty();
    PhoneClient.Reply batch = phone.post("/v1/batches", heartRateBatch());
    assertThat(batch.status()).as(batch.text()).isEqualTo(200);
    assertThat(model.uploads())
        .singleElement()
        .satisfies(u -> {
          assertThat(u.samplesReceived()).isEqualTo(1);
          assertThat(u.stream()).isEqualTo("HKQuantityTypeIdentifierHeartRate");
        });
    assertThat(model.devices().getFirst().samplesReceived()).isEqualTo(1);

    model.rename(device, "  Work phone ");
    assertThat(model.devices()).extracting(PairedDevice::name).containsExactly("Work phone");
  }

  @Test
  void aDeniedPhoneGetsNoToken() throws Exception {
    model.setEndpointOn(true);
    PairingPayload payload = PairingPayload.parse(model.pairingTextProperty().get());
    PhoneClient phone = phone(payload);
    PhoneClient.Reply started =
        phone.post("/v1/pair", pairRequest(payload, "Stranger", Base64Url.random(16)));

    model.deny();

    PhoneClient.Reply done = complete(phone, started);
    assertThat(done.status()).isEqualTo(403);
    assertThat(done.body().has("device_token")).isFalse();
    model.tick();
    assertThat(model.devices()).isEmpty();
  }

  @Test
  void aRevokedPhoneIsTurnedAwayAtItsNextRequest() throws Exception {
    model.setEndpointOn(true);
    PairingPayload payload = PairingPayload.parse(model.pairingTextProperty().get());
    PhoneClient phone = phone(payload);
    PhoneClient.Reply started =
        phone.post("/v1/pair", pairRequest(payload, "Old phone", Base64Url.random(16)));
    model.allow();
    phone.token(complete(phone, started).body().get("device_token").asText());
    assertThat(phone.get("/v1/anchors").status()).isEqualTo(200);
    model.tick();

    model.revoke(model.devices().getFirst());

    assertThat(model.devices()).isEmpty();
    assertThat(phone.get("/v1/anchors").status()).isEqualTo(401);
  }

  @Test
  void anExpiredCodeIsRenewed() {
    model.setEndpointOn(true);
    String first = model.pairingTextProperty().get();

    clock.advance(Duration.ofMinutes(4));
    model.tick();
    assertThat(model.secondsLeftProperty().get()).isEqualTo(60);
    assertThat(model.pairingTextProperty().get()).isEqualTo(first);

    clock.advance(Duration.ofMinutes(1));
    model.tick();
    assertThat(model.pairingTextProperty().get()).isNotEqualTo(first);
    assertThat(model.secondsLeftProperty().get()).isEqualTo(300);
  }

  @Test
  void switchingStoresClosesTheEndpointAndFollowsTheNewStoresChoice() throws Exception {
    model.setEndpointOn(true);
    PairingPayload payload = PairingPayload.parse(model.pairingTextProperty().get());

    context.switchStore(StoreConfig.sqlite(dir.resolve("two")));

    assertThat(model.stateProperty().get()).isEqualTo(EndpointState.OFF);
    assertThat(model.devices()).isEmpty();
    assertThatThrownBy(() -> phone(payload).get("/v1/anchors"))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void theContextClosesTheEndpointBeforeItsStoreIsResetSwitchedOrClosed() throws Exception {
    for (String step : new String[] {"reset", "switch", "quit"}) {
      model.setEndpointOn(true);
      PairingPayload payload = PairingPayload.parse(model.pairingTextProperty().get());
      model.dispose(); // the screen is gone: only the context can close the endpoint now
      switch (step) {
        case "reset" -> context.reopen(config -> {});
        case "switch" -> context.switchStore(StoreConfig.sqlite(dir.resolve("two")));
        default -> {
          context.close();
          context =
              new AppContext(
                  StoreConfig.sqlite(dir.resolve("one")), clock, TaskExecutor.immediate());
        }
      }
      assertThatThrownBy(() -> phone(payload).get("/v1/anchors"))
          .as(step)
          .isInstanceOf(ConnectException.class);
      model = newModel();
    }
  }

  private static PhoneClient phone(PairingPayload payload) {
    return PhoneClient.of(payload, "127.0.0.1");
  }

  private static ObjectNode pairRequest(PairingPayload payload, String name, String nonce) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("secret", payload.secret());
    request.put("device_id", UUID.randomUUID().toString());
    request.put("device_name", name);
    request.put("model", "iPhone15,2");
    request.put("os_version", "18.1");
    request.put("nonce", nonce);
    return request;
  }

  private static PhoneClient.Reply complete(PhoneClient phone, PhoneClient.Reply started)
      throws IOException {
    return phone.post(
        "/v1/pair/complete", Map.of("pairing_id", started.body().get("pairing_id").asText()));
  }

  private static Map<String, Object> heartRateBatch() {
    String type = "HKQuantityTypeIdentifierHeartRate";
    return Map.of(
        "batch_id", UUID.randomUUID().toString(),
        "type", type,
        "anchor", "YW5jaG9yLTE",
        "samples",
            java.util.List.of(
                Map.of(
                    "uuid",
                    UUID.randomUUID().toString(),
                    "type",
                    type,
                    "start",
                    "2026-03-01T09:00:00+01:00",
                    "end",
                    "2026-03-01T09:00:00+01:00",
                    "value",
                    61,
                    "unit",
                    "count/min",
                    "source",
                    Map.of("name", "Apple Watch", "bundle_id", "com.apple.health"))),
        "deleted", java.util.List.of());
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
