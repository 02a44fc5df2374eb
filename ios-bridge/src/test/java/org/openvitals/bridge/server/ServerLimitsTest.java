package org.openvitals.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.bridge.EndpointFixture;
import org.openvitals.bridge.identity.DesktopIdentity;
import org.openvitals.bridge.phone.PhoneClient;
import org.openvitals.bridge.protocol.ProtocolSchema;
import org.openvitals.connectors.vault.FileKeySource;

/** Limits and the desktop's identity, over the real wire. */
class ServerLimitsTest {
  @TempDir Path tmp;

  @Test
  void aDeviceOverItsRateGets429WithRetryAfter() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp, 3, 0.05)) {
      // Pairing uses the address's allowance; the device has its own.
      PhoneClient phone = fx.pairedClient("0D1E2F30-4152-4637-8899-AABBCCDDEEFF");
      for (int i = 0; i < 3; i++) {
        assertThat(phone.get("/v1/anchors").status()).isEqualTo(200);
      }
      PhoneClient.Reply limited = phone.get("/v1/anchors");

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.retryAfter()).hasValue("20");
      assertThat(limited.body().get("error").asText()).isEqualTo("rate_limited");
      assertThat(limited.body().get("retry_after").asInt()).isEqualTo(20);
      assertThat(ProtocolSchema.get().check("Error", limited.body())).isEmpty();
      fx.clock.advance(java.time.Duration.ofSeconds(20));
      assertThat(phone.get("/v1/anchors").status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyThatIsNotJsonIs415AndAMalformedOneNamesWhere() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      PhoneClient phone = fx.pairedClient("0D1E2F30-4152-4637-8899-AABBCCDDEEFF");
      var malformed =
          phone.send(
              "POST",
              "/v1/batches",
              "{\"batch_id\":\"b0000000-0000-4000-8000-000000000001\",\"samples\":[{\"uuid\": 12,}]}"
                  .getBytes(StandardCharsets.UTF_8),
              null);
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.body().get("field").asText()).isEqualTo("/samples/0/uuid");
      assertThat(malformed.body().get("message").asText()).contains("line 1, column");
    }
  }

  @Test
  void theIdentityIsKeptAcrossStartsAndItsKeyIsSealed() throws Exception {
    FileKeySource keys = new FileKeySource(tmp.resolve("vault/vault.key"));
    DesktopIdentity first = DesktopIdentity.loadOrCreate(tmp.resolve("bridge"), keys, "Desk");
    DesktopIdentity again = DesktopIdentity.loadOrCreate(tmp.resolve("bridge"), keys, "Desk");

    assertThat(again.keyHash()).isEqualTo(first.keyHash());
    assertThat(first.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    byte[] sealed = java.nio.file.Files.readAllBytes(tmp.resolve("bridge/identity.key.sealed"));
    // The PKCS#8 form of an EC key starts with a DER SEQUENCE; sealed, it must not.
    assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OVK1");
    // Another vault key cannot open it.
    FileKeySource other = new FileKeySource(tmp.resolve("other/vault.key"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DesktopIdentity.loadOrCreate(tmp.resolve("bridge"), other, "Desk"))
        .hasMessageContaining("cannot be opened with the vault key");
  }

  @Test
  void onlyTls13IsSpoken() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp)) {
      javax.net.ssl.SSLContext tls12 = javax.net.ssl.SSLContext.getInstance("TLSv1.2");
      tls12.init(null, new javax.net.ssl.TrustManager[] {new TrustEverything()}, null);
      try (var socket =
          (javax.net.ssl.SSLSocket)
              tls12.getSocketFactory().createSocket("127.0.0.1", fx.endpoint.port())) {
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake)
            .isInstanceOf(javax.net.ssl.SSLException.class);
      }
    }
  }

  /** For the TLS 1.2 probe only: the handshake must fail on the protocol, not on trust. */
  private static final class TrustEverything implements javax.net.ssl.X509TrustManager {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }
}
