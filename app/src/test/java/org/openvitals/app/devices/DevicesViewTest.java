package org.openvitals.app.devices;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.bridge.PhoneEndpoint;
import org.openvitals.bridge.phone.PhoneClient;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Devices screen in a window on JavaFX's headless platform: turn the endpoint on, a phone
 * (speaking the wire protocol over loopback TLS) asks to pair, the person allows it in the dialog,
 * then revokes it.
 */
@ExtendWith(ApplicationExtension.class)
class DevicesViewTest {
  @TempDir Path dir;
  private AppContext context;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    context = new AppContext(StoreConfig.sqlite(dir), Clock.systemUTC());
    DevicesViewModel model =
        new DevicesViewModel(
            context,
            hook ->
                new PhoneEndpoint.Options(
                    "Test desktop", "127.0.0.1", 0, false, hook, Clock.systemUTC(), 120, 40));
    Scene scene = new Scene(new DevicesView(model, ZoneOffset.UTC), 1024, 700);
    scene
        .getStylesheets()
        .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void aPhoneIsAllowedInTheDialogAndRevoked(FxRobot robot) throws Exception {
    assertThat(robot.lookup("#pairing-panel").query().isVisible()).isFalse();
    assertThat(text(robot, "#firewall-hint")).contains("8787");

    robot.clickOn("#endpoint-switch");
    await(() -> robot.lookup("#pairing-panel").query().isVisible());
    assertThat(robot.lookup("#endpoint-status").queryAs(Label.class).getText())
        .startsWith("On: listening on port");
    assertThat(robot.lookup("#pairing-qr").queryAs(ImageView.class).getImage()).isNotNull();
    assertThat(text(robot, "#pairing-countdown")).matches("This code expires in [45]:\\d\\d");
    PairingPayload payload =
        PairingPayload.parse(robot.lookup("#pairing-text").queryAs(TextField.class).getText());
    assertThat(text(robot, "#firewall-hint")).contains(String.valueOf(payload.port()));

    PhoneClient phone = PhoneClient.of(payload, "127.0.0.1");
    CompletableFuture<PhoneClient.Reply> paired =
        CompletableFuture.supplyAsync(() -> {
          try {
            PhoneClient.Reply started = phone.post("/v1/pair", pairRequest(payload));
            return phone.post(
                "/v1/pair/complete",
                Map.of("pairing_id", started.body().get("pairing_id").asText()));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    await(() -> robot.lookup("#comparison-code").tryQuery().isPresent());
    assertThat(text(robot, "#comparison-code")).matches("\\d{3} \\d{3}");
    robot.clickOn("Allow");
    PhoneClient.Reply done = paired.get(20, TimeUnit.SECONDS);
    assertThat(done.status()).isEqualTo(200);
    phone.token(done.body().get("device_token").asText());

    @SuppressWarnings("unchecked")
    TableView<Object> devices = robot.lookup("#paired-devices").queryAs(TableView.class);
    await(() -> devices.getItems().size() == 1);
    robot.interact(() -> devices.getSelectionModel().select(0));
    assertThat(robot.lookup(".table-cell").queryAll())
        .extracting(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText())
        .contains("Kitchen iPhone", "iPhone15,2");
    // Its pairing time as every screen writes times ("Dec 3, 2026, 7:30 AM"), not "2026-12-03
    // 07:30".
    var device = (org.openvitals.bridge.pairing.PairedDevice) devices.getItems().getFirst();
    String pairedAt =
        new org.openvitals.app.format.DisplayFormat(
                org.openvitals.app.context.UnitSystem.METRIC,
                org.openvitals.app.context.SourceColors.none(),
                java.util.Locale.getDefault(java.util.Locale.Category.FORMAT),
                ZoneOffset.UTC)
            .dateTime(device.pairedAt());
    assertThat(robot.lookup(".table-cell").queryAll())
        .extracting(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText())
        .contains(pairedAt);

    Platform.runLater(() -> robot.lookup("#revoke-device").queryAs(Button.class).fire());
    await(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
    robot.interact(() ->
        robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
            .filter(b -> b.getText().equals("Revoke"))
            .findFirst()
            .orElseThrow()
            .fire());
    await(() -> devices.getItems().isEmpty());
    assertThat(phone.get("/v1/anchors").status()).isEqualTo(401);

    robot.clickOn("#endpoint-switch");
    await(() -> !robot.lookup("#pairing-panel").query().isVisible());
    assertThat(robot.lookup("#endpoint-switch").queryAs(ToggleSwitch.class).isSelected()).isFalse();
  }

  private static ObjectNode pairRequest(PairingPayload payload) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("secret", payload.secret());
    request.put("device_id", UUID.randomUUID().toString());
    request.put("device_name", "Kitchen iPhone");
    request.put("model", "iPhone15,2");
    request.put("os_version", "18.1");
    request.put("nonce", Base64Url.random(16));
    return request;
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  private static void await(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
