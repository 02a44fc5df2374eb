package org.openvitals.core.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Where samples come from: the provider OpenVitals read them from ({@code apple_health}, {@code
 * withings}, {@code csv} ...) and the originating app or device inside it ("Anna's Apple Watch",
 * "iPhone", "Oura"). One Apple Health export therefore yields several sources, which the rules rank
 * separately.
 */
public record SourceRef(String provider, String name) {

  /** Real names run to a few dozen characters; a longer one is a damaged or crafted file. */
  public static final int MAX_NAME_CHARS = 200;

  public SourceRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(name, "name");
    if (provider.isBlank()) {
      throw new IllegalArgumentException("A source needs a provider");
    }
    if (name.length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "a source name of %,d characters is longer than the %d kept",
              name.length(),
              MAX_NAME_CHARS));
    }
  }

  /** A stable text key, {@code provider/name}, used in preferences, exports and the CLI. */
  public String key() {
    return provider + "/" + name;
  }

  public static SourceRef parseKey(String key) {
    int slash = key.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException(
          "A source is written provider/name, for example 'apple_health/Anna's Apple Watch'; got '"
              + key
              + "'");
    }
    return new SourceRef(key.substring(0, slash), key.substring(slash + 1));
  }

  @Override
  public String toString() {
    return key();
  }
}
