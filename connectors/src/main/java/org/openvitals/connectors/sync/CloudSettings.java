package org.openvitals.connectors.sync;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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

  public CloudSettings(Properties file, Map<String, String> env) {
    this.file = file;
    this.env = env;
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
    return new CloudSettings(props, env);
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
