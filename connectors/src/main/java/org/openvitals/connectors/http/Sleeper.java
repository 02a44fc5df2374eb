package org.openvitals.connectors.http;

import java.time.Duration;

/** Waiting, made injectable so tests of rate limits and backoff run without real waiting. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL =
      duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration);
        }
      };

  void sleep(Duration duration) throws InterruptedException;
}
