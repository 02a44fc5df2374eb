package org.openvitals.app.assistant;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.prefs.Preferences;

/**
 * How the assistant reaches its model: off by default. Kept per user (Java preferences, like the
 * theme), never in the data folder, so a copied data folder carries no endpoint.
 *
 * @param enabled nothing is sent anywhere until this is true
 * @param api the model server's API
 * @param url the server's base address ({@code http://127.0.0.1:11434} for Ollama, {@code
 *     http://127.0.0.1:8080/v1} for llama.cpp's or LM Studio's OpenAI-compatible API)
 * @param model the model's name on that server
 * @param confirmedHost a host that is not this computer which the user confirmed by name (empty:
 *     none); it counts only while {@code url} points at that same host
 */
public record AssistantSettings(
    boolean enabled, Api api, String url, String model, String confirmedHost) {

  /** The model server's API. */
  public enum Api {
    OPENAI_COMPATIBLE("OpenAI-compatible (llama.cpp, LM Studio, Ollama /v1)"),
    OLLAMA("Ollama");

    private final String label;

    Api(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static final AssistantSettings OFF =
      new AssistantSettings(false, Api.OLLAMA, "http://127.0.0.1:11434", "", "");

  private static final String NODE = "assistant";

  public AssistantSettings {
    Objects.requireNonNull(api, "api");
    url = url == null ? "" : url.strip();
    model = model == null ? "" : model.strip();
    confirmedHost = confirmedHost == null ? "" : confirmedHost.strip();
  }

  /** The host of {@link #url}, lower case; throws with a sentence when the address is unusable. */
  public String host() {
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException(
            "The assistant's address '" + url + "' is not an http:// or https:// address");
      }
      return uri.getHost().toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "The assistant's address '" + url + "' is not an address", e);
    }
  }

  /**
   * Whether the server runs on this computer: {@code localhost}, a loopback address, or an address
   * of one of this computer's network interfaces. Host names other than {@code localhost} are not
   * looked up (a look-up would already tell a name server where we want to go): they count as
   * elsewhere.
   */
  public boolean local() {
    String host = host();
    if (host.equals("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9a-f:.]+")) {
      return false;
    }
    try {
      InetAddress address = InetAddress.ofLiteral(literal);
      return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (IllegalArgumentException | SocketException e) {
      return false;
    }
  }

  /**
   * Why nothing may be sent with these settings, or null when it may: off, incomplete, or a server
   * elsewhere whose host the user has not confirmed by name.
   */
  public String refusal() {
    if (!enabled) {
      return "The assistant is off: turn it on in Settings first.";
    }
    if (url.isEmpty() || model.isEmpty()) {
      return "The assistant needs its server's address and a model name (Settings).";
    }
    try {
      if (!local() && !host().equals(confirmedHost)) {
        return host()
            + " is not on this computer: your questions and the figures the assistant reads"
            + " would go there. Confirm that host by name in Settings first.";
      }
    } catch (IllegalArgumentException e) {
      return e.getMessage() + ".";
    }
    return null;
  }

  public AssistantSettings withEnabled(boolean value) {
    return new AssistantSettings(value, api, url, model, confirmedHost);
  }

  public AssistantSettings withConfirmedHost(String host) {
    return new AssistantSettings(enabled, api, url, model, host);
  }

  public static AssistantSettings load(Preferences root) {
    Preferences p = root.node(NODE);
    Api api;
    try {
      api = Api.valueOf(p.get("api", OFF.api().name()));
    } catch (IllegalArgumentException unknown) {
      api = OFF.api();
    }
    return new AssistantSettings(
        p.getBoolean("enabled", false),
        api,
        p.get("url", OFF.url()),
        p.get("model", ""),
        p.get("confirmed_host", ""));
  }

  public void save(Preferences root) {
    Preferences p = root.node(NODE);
    p.putBoolean("enabled", enabled);
    p.put("api", api.name());
    p.put("url", url);
    p.put("model", model);
    p.put("confirmed_host", confirmedHost);
  }
}
