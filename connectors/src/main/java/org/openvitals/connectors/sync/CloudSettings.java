package org.openvitals.connectors.sync;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvitals.connectors.oauth.OAuthConfig;

/**
 * Cloud settings: the file {@code cloud.properties} in the data folder, overridden by environment
 * variables. For provider {@code p} (e.g. {@code withings}), key {@code p.token_url} in the file
 * and {@code OPENVITALS_P_TOKEN_URL} in the environment; see the README section "Connecting cloud
 * sources" for the list.
 */
public final class CloudSettings {
  public static final String FILE = "cloud.properties";

  /** Every per-provider key this class reads. */
  public static final List<String> KEYS =
      List.of(
          "client_id",
          "client_secret",
          "authorization_url",
          "token_url",
          "api_url",
          "relay_url",
          "loopback_port",
          "scopes",
          "pkce",
          "sync_interval_minutes",
          "history_days",
          "request_limit",
          "request_window_seconds");

  private final Properties file;
  private final Map<String, String> env;
  private final Path path;

  /** Settings that are not kept in a file ({@link #put} changes them in memory only). */
  public CloudSettings(Properties file, Map<String, String> env) {
    this(file, env, null);
  }

  private CloudSettings(Properties file, Map<String, String> env, Path path) {
    this.file = file;
    this.env = env;
    this.path = path;
  }

  public static CloudSettings load(Path dataDir) {
    return load(dataDir, System.getenv());
  }

  public static CloudSettings load(Path dataDir, Map<String, String> env) {
    Properties props = new Properties();
    Path path = dataDir.resolve(FILE);
    if (Files.isRegularFile(path)) {
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        props.load(reader);
      } catch (IOException e) {
        throw new IllegalStateException("Could not read the settings file " + path + ": " + e, e);
      }
    }
    return new CloudSettings(props, env, path);
  }

  /**
   * Sets {@code provider.key} in {@code cloud.properties}, keeping the rest of the file as written
   * (comments and order): its line is replaced, or appended when there is none. An environment
   * variable for the key still wins over it.
   */
  public synchronized void put(String provider, String key, String value) throws IOException {
    String name = provider + "." + key;
    file.setProperty(name, value);
    if (path == null) {
      return;
    }
    // Properties.store would drop the person's comments and order, so only this line is edited;
    // Properties writes it, escaped as the format wants.
    Properties one = new Properties();
    one.setProperty(name, value);
    StringWriter written = new StringWriter();
    one.store(written, null);
    String line =
        written.toString().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
    List<String> lines =
        Files.isRegularFile(path)
            ? new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8))
            : new ArrayList<>();
    Pattern existing = Pattern.compile("^\\s*" + Pattern.quote(name) + "\\s*[=:\\s].*$");
    boolean replaced = false;
    for (int i = 0; i < lines.size(); i++) {
      if (existing.matcher(lines.get(i)).matches()) {
        boolean more = continues(lines.get(i));
        while (more && i + 1 < lines.size()) {
          more = continues(lines.remove(i + 1)); // the old value's continuation lines
        }
        lines.set(i, line);
        replaced = true;
      }
    }
    if (!replaced) {
      lines.add(line);
    }
    // Written beside it and moved over it, with the file's permissions (it may hold a secret).
    Path temporary = path.resolveSibling(FILE + ".new");
    Files.deleteIfExists(temporary);
    if (Files.getFileStore(path.getParent()).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> permissions =
          Files.exists(path)
              ? Files.getPosixFilePermissions(path)
              : PosixFilePermissions.fromString("rw-------");
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(permissions));
    }
    Files.write(temporary, lines, StandardCharsets.UTF_8);
    Files.move(
        temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A line ending in an odd number of backslashes goes on on the next. */
  private static boolean continues(String line) {
    int slashes = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      slashes++;
    }
    return slashes % 2 == 1;
  }

  /** The environment variable for a provider key, e.g. {@code OPENVITALS_OURA_API_URL}. */
  public static String envName(String provider, String key) {
    return "OPENVITALS_" + provider.toUpperCase(Locale.ROOT) + "_" + key.toUpperCase(Locale.ROOT);
  }

  public String get(String provider, String key) {
    String fromEnv = env.get(envName(provider, key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    String fromFile = file.getProperty(provider + "." + key);
    return fromFile == null || fromFile.isBlank() ? null : fromFile.strip();
  }

  /** {@code auto}, {@code keychain} or {@code file}: where the vault key lives. */
  public String keyStorage() {
    String fromEnv = env.get("OPENVITALS_KEY_STORAGE");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : file.getProperty("vault.key_storage");
  }

  /** The provider's defaults with the user's overrides applied. */
  public ProviderSettings resolve(ProviderInfo info) {
    String p = info.id();
    String scopes = get(p, "scopes");
    String relay = get(p, "relay_url");
    OAuthConfig oauth =
        new OAuthConfig(
            p,
            uri(p, "authorization_url", info.authorizationUrl()),
            uri(p, "token_url", info.tokenUrl()),
            get(p, "client_id"),
            get(p, "client_secret"),
            scopes == null
                ? info.scopes()
                : Arrays.stream(scopes.split("[ ,]+")).filter(s -> !s.isEmpty()).toList(),
            info.scopeSeparator(),
            bool(p, "pkce", info.pkce()),
            info.dialect(),
            relay == null ? null : URI.create(relay),
            (int) number(p, "loopback_port", 0));
    return new ProviderSettings(
        info,
        oauth,
        uri(p, "api_url", info.apiUrl()),
        (int) number(p, "request_limit", info.requestLimit()),
        Duration.ofSeconds(number(p, "request_window_seconds", info.requestWindow().toSeconds())),
        Duration.ofMinutes(number(p, "sync_interval_minutes", info.syncInterval().toMinutes())),
        (int) number(p, "history_days", info.historyDays()));
  }

  private URI uri(String provider, String key, URI fallback) {
    String value = get(provider, key);
    if (value == null) {
      return fallback;
    }
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("not an absolute URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw invalid(provider, key, "is not a URL", value);
    }
  }

  private long number(String provider, String key, long fallback) {
    String value = get(provider, key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(provider, key, "must be a whole number", value);
    }
  }

  /** "Setting oura.api_url (or $OPENVITALS_OURA_API_URL) is not a URL: 'x'". */
  private static IllegalArgumentException invalid(
      String provider, String key, String problem, String value) {
    return new IllegalArgumentException(
        "Setting "
            + provider
            + "."
            + key
            + " (or $"
            + envName(provider, key)
            + ") "
            + problem
            + ": '"
            + value
            + "'");
  }

  private boolean bool(String provider, String key, boolean fallback) {
    String value = get(provider, key);
    return value == null ? fallback : Boolean.parseBoolean(value);
  }
}
