package org.openvitals.bridge.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.openvitals.bridge.protocol.Base64Url;

/** A JmDNS browser on the same machine finds the advert with its TXT entries. */
class AdvertiserTest {

  @Test
  void aBrowserFindsTheEndpointWithItsTxtRecord() throws Exception {
    var addresses = Advertiser.lanAddresses();
    assumeTrue(!addresses.isEmpty(), "no non-loopback interface to advertise on");
    String keyHash = Base64Url.random(32);
    List<String> log = new CopyOnWriteArrayList<>();
    InetAddress first = addresses.iterator().next();
    try (Advertiser advertiser =
            Advertiser.start("Test desk " + System.nanoTime(), 48_787, keyHash, log::add);
        JmDNS browser = JmDNS.create(first, "browser")) {
      assertThat(advertiser.addresses()).contains(first);
      ServiceInfo found = null;
      for (int i = 0; i < 10 && found == null; i++) {
        for (ServiceInfo s : browser.list(Advertiser.SERVICE_TYPE, 1_000)) {
          if (s.getName().startsWith("Test desk") && s.getPort() == 48_787) {
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
}
