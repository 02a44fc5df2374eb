package org.openvitals.core.model;

import java.util.Locale;

/**
 * What kind of thing recorded a source's data. The default preference order ranks by it: manual
 * entries, then dedicated devices, then phones, then apps.
 */
public enum DeviceClass {
  MANUAL,
  WATCH,
  RING,
  SCALE,
  STRAP,
  PHONE,
  APP,
  UNKNOWN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeviceClass fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /**
   * A first guess from the provider and the source's own name, used when a source is first seen;
   * the user can correct it. Provider-level facts win (an Oura source is a ring wherever it comes
   * from), then words in the name.
   */
  public static DeviceClass guess(String provider, String name) {
    String p = provider.toLowerCase(Locale.ROOT);
    String n = name.toLowerCase(Locale.ROOT);
    if (p.equals("manual") || n.contains("manual") || n.equals("health")) {
      return MANUAL;
    }
    if (p.equals("oura") || n.contains("oura") || n.contains("ring")) {
      return RING;
    }
    if (p.equals("whoop") || n.contains("whoop") || n.contains("strap") || n.contains("polar h")) {
      return STRAP;
    }
    if (p.equals("withings") && (n.contains("scale") || n.contains("body"))
        || n.contains("scale")
        || n.contains("body+")
        || n.contains("body cardio")) {
      return SCALE;
    }
    if (n.contains("watch")
        || p.equals("fitbit")
        || n.contains("fitbit")
        || n.contains("garmin")
        || n.contains("forerunner")) {
      return WATCH;
    }
    if (n.contains("iphone")
        || n.contains("phone")
        || n.contains("pixel")
        || n.contains("galaxy")) {
      return PHONE;
    }
    if (p.equals("withings")) {
      return SCALE;
    }
    if (p.equals("cronometer")
        || p.equals("myfitnesspal")
        || p.equals("strava")
        || p.equals("csv")
        || p.equals("apple_health")) {
      return APP;
    }
    return UNKNOWN;
  }
}
