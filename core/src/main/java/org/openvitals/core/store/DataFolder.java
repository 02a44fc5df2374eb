package org.openvitals.core.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where OpenVitals keeps its data: {@code --data-dir} first, then the {@code OPENVITALS_DATA_DIR}
 * environment variable, then the OS's per-user data folder.
 */
public final class DataFolder {
  public static final String ENV = "OPENVITALS_DATA_DIR";

  private DataFolder() {}

  public static Path resolve(Path fromCommandLine) {
    return resolve(
        fromCommandLine,
        System.getenv(),
        System.getProperty("os.name"),
        System.getProperty("user.home"));
  }

  static Path resolve(Path fromCommandLine, Map<String, String> env, String osName, String home) {
    if (fromCommandLine != null) {
      return fromCommandLine.toAbsolutePath();
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String appData = env.get("APPDATA");
      return Path.of(appData != null ? appData : home + "\\AppData\\Roaming", "OpenVitals");
    }
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Application Support", "OpenVitals");
    }
    String xdg = env.get("XDG_DATA_HOME");
    return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share"))
        .resolve("OpenVitals");
  }
}
