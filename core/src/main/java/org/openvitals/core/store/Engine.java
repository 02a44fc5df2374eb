package org.openvitals.core.store;

import java.util.Locale;

/** The storage engines. SQLite is the default; H2 can also encrypt its file. */
public enum Engine {
  SQLITE,
  H2;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Engine fromId(String id) {
    for (Engine e : values()) {
      if (e.id().equalsIgnoreCase(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("Unknown storage engine '" + id + "' (use sqlite or h2)");
  }
}
