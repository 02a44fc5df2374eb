package org.openvitals.core.export;

import java.util.Locale;

/** The file formats samples can be exported in. */
public enum ExportFormat {
  CSV,
  JSON;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ExportFormat fromId(String id) {
    for (ExportFormat f : values()) {
      if (f.id().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Unknown export format '" + id + "' (use csv or json)");
  }
}
