package org.openvitals.connectors.sync;

import java.net.NetworkInterface;
import java.net.SocketException;

/** Whether the computer has a network, asked by the scheduler on each tick to notice its return. */
@FunctionalInterface
public interface NetworkProbe {
  /** Any interface other than loopback that is up and has an address. */
  NetworkProbe INTERFACES =
      () -> {
        try {
          return NetworkInterface.networkInterfaces()
              .anyMatch(n -> {
                try {
                  return n.isUp() && !n.isLoopback() && n.inetAddresses().findAny().isPresent();
                } catch (SocketException e) {
                  return false;
                }
              });
        } catch (SocketException e) {
          return false;
        }
      };

  boolean online();
}
