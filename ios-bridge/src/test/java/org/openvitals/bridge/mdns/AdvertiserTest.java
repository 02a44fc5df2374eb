package org.openvitals.bridge.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.openvitals.bridge.protocol.Base64Url;

/**
 * A JmDNS browser on the same machine finds the advert with its TXT entries, and finds it again
 * after the desktop's addresses changed.
 */
class AdvertiserTest {

  @Test
  void aBrowserFindsTheEndpointWithItsTxtRecord() throws Exception {
    var addresses = Advertiser.lanAddresses();
    assumeTrue(!addresses.isEmpty(), "no non-loopback interface to advertise on");
    String keyHash = Base64Url.random(32);
    List<String> log = new CopyOnWriteArrayList<>();
    InetAddress first = addresses.iterator().next();
    String name = "Test desk " + System.nanoTime();
    try (Advertiser advertiser = Advertiser.start(name, 48_787, keyHash, log::add);
        JmDNS browser = JmDNS.create(first, "browser")) {
      assertThat(advertiser.addresses()).contains(first);
      ServiceInfo found = null;
      for (int i = 0; i < 10 && found == null; i++) {
        for (ServiceInfo s : browser.list(Advertiser.SERVICE_TYPE, 1_000)) {
          // Under load the answer can list the service before its TXT record came: ask again.
          if (s.getName().equals(name)
              && s.getPort() == 48_787
              && s.getPropertyString("pv") != null) {
            found = s;
          }
        }
      }
      assertThat(found).as("advert on " + first + "; " + log).isNotNull();
      assertThat(found.getPropertyString("pv")).isEqualTo("1");
      assertThat(found.getPropertyString("kh")).isEqualTo(keyHash.substring(0, 16));
      assertThat(found.getPropertyString("n")).startsWith("Test desk");
    }
  }

  @Test
  void theAdvertFollowsTheAddressesWhenTheyChange() throws Exception {
    var lan = Advertiser.lanAddresses();
    assumeTrue(!lan.isEmpty(), "no non-loopback interface to advertise on");
    InetAddress address = lan.iterator().next();
    AtomicReference<Set<InetAddress>> now = new AtomicReference<>(Set.of());
    List<String> log = new CopyOnWriteArrayList<>();
    String name = "Moving desk " + System.nanoTime();
    try (Advertiser advertiser =
        Advertiser.start(
            name, 48_788, Base64Url.random(32), log::add, now::get, Duration.ofMillis(200))) {
      assertThat(advertiser.addresses()).as("no network yet").isEmpty();

      now.set(Set.of(address)); // Wi-Fi joined
      await(
          () -> advertiser.addresses().contains(address), "advertised on " + address + "; " + log);
      assertThat(found(address, name)).as("found after the address came; %s", log).isTrue();

      now.set(Set.of()); // address gone
      await(() -> advertiser.addresses().isEmpty(), "withdrawn; " + log);
      assertThat(log).anyMatch(l -> l.startsWith("mDNS: stopped advertising on"));

      now.set(Set.of(address)); // back again (DHCP renewed)
      await(() -> advertiser.addresses().contains(address), "advertised again; " + log);
      assertThat(found(address, name)).as("found again; %s", log).isTrue();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(50);
    }
  }

  /** A fresh browser, so that nothing it cached from before the change answers for the advert. */
  private static boolean found(InetAddress on, String name) throws Exception {
    try (JmDNS browser = JmDNS.create(on, "browser-" + System.nanoTime())) {
      for (int i = 0; i < 10; i++) {
        for (ServiceInfo s : browser.list(Advertiser.SERVICE_TYPE, 1_000)) {
          if (s.getName().equals(name) && s.getPort() == 48_788) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
