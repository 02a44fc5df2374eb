package org.openvitals.bridge;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openvitals.bridge.batches.BatchService;
import org.openvitals.bridge.identity.DesktopIdentity;
import org.openvitals.bridge.mdns.Advertiser;
import org.openvitals.bridge.pairing.ApprovalHook;
import org.openvitals.bridge.pairing.PairedDevices;
import org.openvitals.bridge.pairing.PairingService;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.bridge.protocol.PairingPayload;
import org.openvitals.bridge.server.BridgeServer;
import org.openvitals.bridge.server.PhoneApi;
import org.openvitals.bridge.server.RateLimiter;
import org.openvitals.connectors.vault.KeySource;
import org.openvitals.core.store.SampleStore;

/**
 * The phone endpoint of one data folder, started and closed as one: the desktop's identity, the
 * paired devices, pairing, the batch service over the open store, the HTTPS listener and the mDNS
 * advert. {@code openvitals serve} and (later) the Devices screen start it.
 */
public final class PhoneEndpoint implements AutoCloseable {
  /** The folder inside the data folder that holds the key, certificate and paired devices. */
  public static final String FOLDER = "bridge";

  /**
   * How to run.
   *
   * @param bindHost the address to listen on ({@code 0.0.0.0} for the LAN, 127.0.0.1 in tests)
   * @param port the port to try first (0 for any free port)
   * @param advertise whether to announce the endpoint over mDNS
   * @param burst requests a device may make at once before the rate limit applies
   * @param perSecond the rate a device's allowance refills at
   * @param idleTimeout how long a connection may send nothing, mid-request included, before it is
   *     closed (a phone that stalls holds no thread longer)
   */
  public record Options(
      String desktopName,
      String bindHost,
      int port,
      boolean advertise,
      ApprovalHook approval,
      Clock clock,
      int burst,
      double perSecond,
      Duration idleTimeout) {

    public Options(
        String desktopName,
        String bindHost,
        int port,
        boolean advertise,
        ApprovalHook approval,
        Clock clock,
        int burst,
        double perSecond) {
      this(
          desktopName,
          bindHost,
          port,
          advertise,
          approval,
          clock,
          burst,
          perSecond,
          BridgeServer.IDLE_TIMEOUT);
    }

    public Options withIdleTimeout(Duration timeout) {
      return new Options(
          desktopName, bindHost, port, advertise, approval, clock, burst, perSecond, timeout);
    }

    public static Options lan(String desktopName, int port, ApprovalHook approval) {
      return new Options(desktopName, "0.0.0.0", port, true, approval, Clock.systemUTC(), 120, 40);
    }
  }

  private final Options options;
  private final DesktopIdentity identity;
  private final PairedDevices devices;
  private final PairingService pairing;
  private final BridgeServer server;
  private final Advertiser advertiser;

  private PhoneEndpoint(
      Options options,
      DesktopIdentity identity,
      PairedDevices devices,
      PairingService pairing,
      BridgeServer server,
      Advertiser advertiser) {
    this.options = options;
    this.identity = identity;
    this.devices = devices;
    this.pairing = pairing;
    this.server = server;
    this.advertiser = advertiser;
  }

  public static PhoneEndpoint start(
      Path dataDir,
      SampleStore store,
      KeySource keys,
      Options options,
      Consumer<String> log,
      Consumer<BatchService.Upload> uploads)
      throws IOException {
    Path dir = dataDir.resolve(FOLDER);
    DesktopIdentity identity = DesktopIdentity.loadOrCreate(dir, keys, options.desktopName());
    PairedDevices devices = new PairedDevices(dir.resolve("devices.json"));
    PairingService pairing =
        new PairingService(
            options.clock(),
            devices,
            identity.keyHash(),
            options.desktopName(),
            options.approval());
    BatchService batches = new BatchService(store, devices, options.clock(), uploads);
    PhoneApi api =
        new PhoneApi(
            pairing,
            devices,
            batches,
            new RateLimiter(options.burst(), options.perSecond(), options.clock()));
    char[] password = Base64Url.random(18).toCharArray();
    BridgeServer server =
        BridgeServer.start(
            options.bindHost(),
            options.port(),
            identity.keyStore(password),
            password,
            api,
            options.idleTimeout());
    Advertiser advertiser = null;
    if (options.advertise()) {
      advertiser = Advertiser.start(options.desktopName(), server.port(), identity.keyHash(), log);
    }
    return new PhoneEndpoint(options, identity, devices, pairing, server, advertiser);
  }

  /** A pairing payload with a fresh one-time secret. */
  public PairingPayload newPairingPayload() {
    return new PairingPayload(
        hosts(), server.port(), identity.keyHash(), pairing.issueSecret(), options.desktopName());
  }

  /** Where the phone can reach this desktop: the listening address, or every LAN address. */
  List<String> hosts() {
    List<String> hosts = new ArrayList<>();
    if (!"0.0.0.0".equals(options.bindHost()) && !"::".equals(options.bindHost())) {
      hosts.add(options.bindHost());
      return hosts;
    }
    for (InetAddress a : Advertiser.lanAddresses()) {
      String text = a.getHostAddress();
      int zone = text.indexOf('%');
      if (a instanceof Inet6Address) {
        if (a.isLinkLocalAddress()) {
          continue; // needs a zone id the phone cannot know
        }
        text = "[" + (zone >= 0 ? text.substring(0, zone) : text) + "]";
      }
      hosts.add(text);
    }
    if (hosts.isEmpty()) {
      hosts.add("127.0.0.1");
    }
    return hosts;
  }

  public int port() {
    return server.port();
  }

  public String keyHash() {
    return identity.keyHash();
  }

  public PairedDevices devices() {
    return devices;
  }

  public PairingService pairing() {
    return pairing;
  }

  @Override
  public void close() {
    if (advertiser != null) {
      advertiser.close();
    }
    server.close();
  }
}
