package org.openvitals.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.bridge.pairing.ApprovalHook;
import org.openvitals.bridge.phone.PhoneClient;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/** A real endpoint on 127.0.0.1 over a real SQLite store in a temporary data folder. */
public final class EndpointFixture implements AutoCloseable {
  public final Path dataDir;
  public final SampleStore store;
  public final MutableClock clock = new MutableClock();
  public final PhoneEndpoint endpoint;
  public final List<BatchService.Upload> uploads = new CopyOnWriteArrayList<>();

  public EndpointFixture(Path dataDir) throws IOException {
    this(dataDir, 10_000, 10_000);
  }

  public EndpointFixture(Path dataDir, int burst, double perSecond) throws IOException {
    this(dataDir, burst, perSecond, org.openvitals.bridge.server.BridgeServer.IDLE_TIMEOUT);
  }

  public EndpointFixture(Path dataDir, java.time.Duration idleTimeout) throws IOException {
    this(dataDir, 10_000, 10_000, idleTimeout);
  }

  private EndpointFixture(Path dataDir, int burst, double perSecond, java.time.Duration idleTimeout)
      throws IOException {
    this.dataDir = dataDir;
    this.store = Stores.open(StoreConfig.sqlite(dataDir));
    this.endpoint =
        PhoneEndpoint.start(
            dataDir,
            store,
            new FileKeySource(dataDir.resolve("vault").resolve("vault.key")),
            new PhoneEndpoint.Options(
                "Test desktop",
                "127.0.0.1",
                0,
                false,
                ApprovalHook.ACCEPT_ALL,
                clock,
                burst,
                perSecond,
                idleTimeout),
            m -> {},
            uploads::add);
  }

  public PairingPayload payload() {
    return endpoint.newPairingPayload();
  }

  public PhoneClient client() {
    return new PhoneClient("127.0.0.1", endpoint.port(), endpoint.keyHash());
  }

  /** Pairs a phone through the wire and returns a client holding its token. */
  public PhoneClient pairedClient(String deviceId) throws IOException {
    PhoneClient c = client();
    var started =
        c.post(
            "/v1/pair",
            Map.of(
                "secret",
                payload().secret(),
                "device_id",
                deviceId,
                "device_name",
                "Phone " + deviceId.substring(0, 4),
                "model",
                "iPhone15,2",
                "os_version",
                "17.4",
                "nonce",
                Base64Url.random(16)));
    if (started.status() != 202) {
      throw new IllegalStateException("pairing failed: " + started);
    }
    var done =
        c.post(
            "/v1/pair/complete", Map.of("pairing_id", started.body().get("pairing_id").asText()));
    if (done.status() != 200) {
      throw new IllegalStateException("pairing failed: " + done);
    }
    c.token(done.body().get("device_token").asText());
    return c;
  }

  public List<Sample> live(MetricType type) {
    return store.samples(
        type, Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));
  }

  /** The number of live samples of a metric, by the metric's id. */
  public int live(String metricId) {
    return live(MetricType.fromId(metricId)).size();
  }

  public double sum(String metricId) {
    return live(MetricType.fromId(metricId)).stream().mapToDouble(Sample::value).sum();
  }

  public static String text(JsonNode n) {
    return n == null ? "null" : n.toString();
  }

  @Override
  public void close() {
    endpoint.close();
    store.close();
  }
}
