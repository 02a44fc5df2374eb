package org.openvitals.bridge.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.bridge.MutableClock;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.ComparisonCode;
import org.openvitals.bridge.protocol.ErrorCode;
import org.openvitals.bridge.protocol.ProtocolException;

class PairingServiceTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock();
  final String keyHash = Base64Url.random(32);

  PairingService service(ApprovalHook hook) {
    return new PairingService(
        clock,
        new PairedDevices(dir.resolve("devices.json")),
        keyHash,
        "Desk",
        hook,
        Duration.ofMillis(200));
  }

  static PairingService.PairRequest request(String secret, String nonce) {
    return new PairingService.PairRequest(
        secret,
        "6F1B2A4C-9D3E-4F50-8A61-7B2C3D4E5F60",
        "Anna's iPhone",
        "iPhone15,2",
        "17.4",
        nonce);
  }

  @Test
  void aSecretWorksUntilFiveMinutesAndOnce() {
    PairingService s = service(ApprovalHook.ACCEPT_ALL);
    String secret = s.issueSecret();
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    s.begin(request(secret, Base64Url.random(16)));
    assertThatThrownBy(() -> s.begin(request(secret, Base64Url.random(16))))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAIRING_SECRET_USED));

    String late = s.issueSecret();
    clock.advance(Duration.ofMinutes(5));
    assertThatThrownBy(() -> s.begin(request(late, Base64Url.random(16))))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAIRING_SECRET_EXPIRED));
  }

  @Test
  void thePersonSeesTheCodeThePhoneComputesAndARefusalGivesNoToken() {
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    String[] shown = new String[1];
    PairingService s =
        service(r -> {
          shown[0] = r.comparisonCode();
          return answer;
        });
    String nonce = Base64Url.random(16);
    var started = s.begin(request(s.issueSecret(), nonce));

    assertThat(shown[0]).isEqualTo(ComparisonCode.of(keyHash, nonce, started.desktopNonce()));
    // No answer yet: the phone is told to ask again.
    assertThat(s.complete(started.pairingId()))
        .isInstanceOf(PairingService.Completion.StillPending.class);

    answer.complete(false);
    assertThatThrownBy(() -> s.complete(started.pairingId()))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAIRING_REFUSED));
    assertThat(new PairedDevices(dir.resolve("devices.json")).list()).isEmpty();
  }

  @Test
  void anUnansweredRequestExpires() {
    PairingService s = service(r -> new CompletableFuture<>());
    var started = s.begin(request(s.issueSecret(), Base64Url.random(16)));
    clock.advance(PairingService.ANSWER_LIFETIME);

    assertThatThrownBy(() -> s.complete(started.pairingId()))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAIRING_EXPIRED));
  }

  @Test
  void onlyTheTokensHashIsKeptAndARenamedOrRevokedDeviceFollows() throws Exception {
    PairingService s = service(ApprovalHook.ACCEPT_ALL);
    var started = s.begin(request(s.issueSecret(), Base64Url.random(16)));
    var approved = (PairingService.Completion.Approved) s.complete(started.pairingId());

    String file = java.nio.file.Files.readString(dir.resolve("devices.json"));
    assertThat(file).doesNotContain(approved.deviceToken()).contains("Anna's iPhone");
    PairedDevices reread = new PairedDevices(dir.resolve("devices.json"));
    assertThat(reread.byToken(approved.deviceToken())).isPresent();

    reread.rename("6F1B2A4C-9D3E-4F50-8A61-7B2C3D4E5F60", "Work phone");
    assertThat(new PairedDevices(dir.resolve("devices.json")).list())
        .singleElement()
        .satisfies(d -> assertThat(d.name()).isEqualTo("Work phone"));
    reread.revoke("6F1B2A4C-9D3E-4F50-8A61-7B2C3D4E5F60");
    assertThat(new PairedDevices(dir.resolve("devices.json")).byToken(approved.deviceToken()))
        .isEmpty();
  }
}
