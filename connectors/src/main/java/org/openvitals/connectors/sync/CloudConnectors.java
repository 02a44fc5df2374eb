package org.openvitals.connectors.sync;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registered cloud connectors, found through {@link ServiceLoader}. */
public final class CloudConnectors {
  private CloudConnectors() {}

  public static List<CloudConnector> all() {
    return ServiceLoader.load(CloudConnector.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }

  public static Optional<CloudConnector> byId(String id) {
    return all().stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
