package org.openvitals.bridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.bridge.EndpointFixture;
import org.openvitals.bridge.phone.PhoneClient;
import org.openvitals.bridge.phone.PinnedTls;

/**
 * A phone that sends a request's headers and then stalls in its body is cut off within the idle
 * timeout, another phone being answered meanwhile; one that trickles its body under the minimum
 * rate is cut off too.
 */
class SlowClientTest {
  private static final Duration IDLE = Duration.ofSeconds(2);

  @TempDir Path tmp;

  @Test
  void aClientStallingInItsBodyIsCutOffWithinTheIdleTimeoutAndOthersAreServed() throws Exception {
    try (EndpointFixture fx = new EndpointFixture(tmp, IDLE)) {
      PhoneClient stalling = fx.pairedClient("0D1E2F30-4152-4637-8899-AABBCCDDEE01");
      PhoneClient other = fx.pairedClient("0D1E2F30-4152-4637-8899-AABBCCDDEE02");
      try (SSLSocket socket =
          (SSLSocket)
              PinnedTls.context(fx.endpoint.keyHash())
                  .getSocketFactory()
                  .createSocket("127.0.0.1", fx.endpoint.port())) {
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/batches HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Authorization: Bearer "
                    + stalling.token()
                    + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n"
                    + "{\"batch_id\":")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long stalledAt = System.nanoTime();

        // While it stalls, another phone is answered at once.
        assertThat(other.get("/v1/anchors").status()).isEqualTo(200);

        // Read until the desktop closes the connection (whatever it answers first).
        socket.setSoTimeout((int) IDLE.multipliedBy(10).toMillis());
        InputStream in = socket.getInputStream();
        boolean closed = false;
        try {
          while (in.read() != -1) {
            // an error answer, if any, before the close
          }
          closed = true;
        } catch (SocketTimeoutException stillOpen) {
          closed = false;
        } catch (java.io.IOException reset) {
          closed = true;
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - stalledAt);

        assertThat(closed).as("closed after %s", waited).isTrue();
        assertThat(waited)
            .isGreaterThanOrEqualTo(IDLE.multipliedBy(8).dividedBy(10))
            .isLessThan(IDLE.multipliedBy(5));
      }
      // The desktop still serves, the stalled phone included, on a new connection.
      assertThat(stalling.get("/v1/anchors").status()).isEqualTo(200);
      assertThat(other.get("/v1/anchors").status()).isEqualTo(200);
    }
  }

  @Test
  void aClientTricklingItsBodyBelowTheMinimumRateIsCutOffBeforeTheIdleTimeout() throws Exception {
    Duration idle = Duration.ofSeconds(60);
    try (EndpointFixture fx = new EndpointFixture(tmp, idle)) {
      PhoneClient trickling = fx.pairedClient("0D1E2F30-4152-4637-8899-AABBCCDDEE03");
      try (SSLSocket socket =
          (SSLSocket)
              PinnedTls.context(fx.endpoint.keyHash())
                  .getSocketFactory()
                  .createSocket("127.0.0.1", fx.endpoint.port())) {
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/batches HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Authorization: Bearer "
                    + trickling.token()
                    + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long started = System.nanoTime();
        boolean closed = false;
        // 8 bytes a second, far under 1 KiB/s, and never idle: only the rate can stop it.
        while (!closed && System.nanoTime() - started < Duration.ofSeconds(30).toNanos()) {
          try {
            out.write(' ');
            out.flush();
            Thread.sleep(125);
          } catch (java.io.IOException cutOff) {
            closed = true;
          }
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(closed).as("cut off after %s", waited).isTrue();
        assertThat(waited).isLessThan(Duration.ofSeconds(30));
      }
      assertThat(trickling.get("/v1/anchors").status()).isEqualTo(200);
    }
  }
}
