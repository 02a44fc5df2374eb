package org.openvitals.app.maps;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.prefs.Preferences;

/**
 * Whether workout routes are drawn on map tiles, and from which server: off by default, so nothing
 * is fetched. Kept per user (Java preferences, like the theme and the assistant's server), never in
 * the data folder.
 *
 * @param enabled nothing is fetched until this is true
 * @param urlTemplate the tile server's address with {@code {z}}, {@code {x}} and {@code {y}}
 * @param attribution what the map must credit, shown on it
 */
public record MapTileSettings(boolean enabled, String urlTemplate, String attribution) {

  /** OpenStreetMap's standard tiles, the address its tile usage policy names. */
  public static final String OPENSTREETMAP = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

  /** The credit OpenStreetMap's tiles require. */
  public static final String OPENSTREETMAP_ATTRIBUTION = "© OpenStreetMap contributors";

  public static final MapTileSettings OFF =
      new MapTileSettings(false, OPENSTREETMAP, OPENSTREETMAP_ATTRIBUTION);

  private static final String NODE = "map_tiles";

  public MapTileSettings {
    urlTemplate = urlTemplate == null ? "" : urlTemplate.strip();
    attribution = attribution == null ? "" : attribution.strip();
  }

  /**
   * Why tiles cannot be fetched with these settings, one sentence, or null when they can: off, or
   * an address that is not an http(s) template with {z}, {x} and {y}.
   */
  public String refusal() {
    if (!enabled) {
      return "Map tiles are off.";
    }
    for (String part : new String[] {"{z}", "{x}", "{y}"}) {
      if (!urlTemplate.contains(part)) {
        return "The tile server's address '" + urlTemplate + "' has no " + part + ".";
      }
    }
    try {
      host();
    } catch (IllegalArgumentException e) {
      return e.getMessage() + ".";
    }
    return null;
  }

  /** The tile server's host, lower case; throws with a sentence when the address is unusable. */
  public String host() {
    try {
      URI uri = new URI(url(new TileMath.Tile(0, 0, 0)));
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException(
            "The tile server's address '"
                + urlTemplate
                + "' is not an http:// or https:// address");
      }
      return uri.getHost().toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "The tile server's address '" + urlTemplate + "' is not an address", e);
    }
  }

  /** The address of one tile. */
  public String url(TileMath.Tile tile) {
    return urlTemplate
        .replace("{z}", Integer.toString(tile.z()))
        .replace("{x}", Integer.toString(tile.x()))
        .replace("{y}", Integer.toString(tile.y()));
  }

  public static MapTileSettings load(Preferences root) {
    Preferences p = root.node(NODE);
    return new MapTileSettings(
        p.getBoolean("enabled", false),
        p.get("url_template", OFF.urlTemplate()),
        p.get("attribution", OFF.attribution()));
  }

  public void save(Preferences root) {
    Preferences p = root.node(NODE);
    p.putBoolean("enabled", enabled);
    p.put("url_template", urlTemplate);
    p.put("attribution", attribution);
  }
}
