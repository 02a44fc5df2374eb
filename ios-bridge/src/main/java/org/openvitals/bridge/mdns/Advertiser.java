package org.openvitals.bridge.mdns;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;

/**
 * Advertises the endpoint with DNS-SD as {@code _openvitals._tcp} on every non-loopback interface
 * address, through JmDNS (one responder per address, as JmDNS binds one). TXT: {@code pv} protocol
 * version, {@code kh} the first 16 characters of the key hash, {@code n} the desktop name. The
 * addresses are looked at every {@link #CHECK_EVERY} and the advert is made again when they changed
 * (Wi-Fi joined, DHCP renewed).
 */
public final class Advertiser implements AutoCloseable {
  public static final String SERVICE_TYPE = "_openvitals._tcp.local.";
  static final Duration CHECK_EVERY = Duration.ofSeconds(10);

  private final String desktopName;
  private final int port;
  private final Map<String, String> txt;
  private final Consumer<String> log;
  private final Supplier<Set<InetAddress>> addressSource;
  private final ScheduledExecutorService checker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("mdns-address-check").unstarted(r));
  private final Map<InetAddress, JmDNS> responders = new LinkedHashMap<>();

  private Advertiser(
      String desktopName,
      int port,
      String keyHash,
      Consumer<String> log,
      Supplier<Set<InetAddress>> addressSource) {
    this.desktopName = desktopName;
    this.port = port;
    this.log = log;
    this.addressSource = addressSource;
    this.txt = Map.of("pv", "1", "kh", keyHash.substring(0, 16), "n", desktopName);
  }

  /** Starts advertising; {@code log} hears about each address advertised or given up. */
  public static Advertiser start(
      String desktopName, int port, String keyHash, Consumer<String> log) {
    return start(desktopName, port, keyHash, log, Advertiser::lanAddresses, CHECK_EVERY);
  }

  /** As above, with the addresses from {@code addressSource}, looked at every {@code check}. */
  static Advertiser start(
      String desktopName,
      int port,
      String keyHash,
      Consumer<String> log,
      Supplier<Set<InetAddress>> addressSource,
      Duration check) {
    Advertiser a = new Advertiser(desktopName, port, keyHash, log, addressSource);
    a.refresh();
    a.checker.scheduleWithFixedDelay(
        a::refresh, check.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
    return a;
  }

  /** The non-loopback addresses of the interfaces that are up (IPv4 first). */
  public static Set<InetAddress> lanAddresses() {
    Set<InetAddress> v4 = new LinkedHashSet<>();
    Set<InetAddress> v6 = new LinkedHashSet<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || nif.isPointToPoint()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (!a.isLoopbackAddress()) {
            (a instanceof Inet4Address ? v4 : v6).add(a);
          }
        }
      }
    } catch (SocketException e) {
      // No interfaces to list: nothing to advertise on.
    }
    v4.addAll(v6);
    return v4;
  }

  /** The addresses advertised on right now. */
  public synchronized Set<InetAddress> addresses() {
    return Set.copyOf(responders.keySet());
  }

  synchronized void refresh() {
    Set<InetAddress> now = addressSource.get();
    for (var it = responders.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!now.contains(e.getKey())) {
        closeQuietly(e.getValue());
        it.remove();
        log.accept(
            "mDNS: stopped advertising on " + e.getKey().getHostAddress() + " (address gone)");
      }
    }
    for (InetAddress a : now) {
      if (responders.containsKey(a)) {
        continue;
      }
      try {
        JmDNS jmdns = JmDNS.create(a, "openvitals-" + Math.abs(a.hashCode()));
        jmdns.registerService(ServiceInfo.create(SERVICE_TYPE, desktopName, port, 0, 0, txt));
        responders.put(a, jmdns);
        log.accept(
            "mDNS: advertising " + SERVICE_TYPE + " on " + a.getHostAddress() + " port " + port);
      } catch (IOException e) {
        log.accept("mDNS: cannot advertise on " + a.getHostAddress() + ": " + e.getMessage());
      }
    }
  }

  private static void closeQuietly(JmDNS jmdns) {
    try {
      jmdns.unregisterAllServices();
      jmdns.close();
    } catch (IOException e) {
      // Closing a responder whose interface went away; nothing left to release.
    }
  }

  @Override
  public synchronized void close() {
    checker.shutdownNow();
    responders.values().forEach(Advertiser::closeQuietly);
    responders.clear();
  }
}
