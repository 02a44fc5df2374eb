package org.openvitals.connectors.oauth;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The authorization-code flow for native apps (RFC 8252 with PKCE, RFC 7636): opens the system
 * browser (or hands the URL to the caller), then waits for the first of the loopback callback or a
 * pasted redirect URL or code, within a time limit.
 *
 * <p>{@code state} is {@code <loopback port>.<random>}: a relay page (for providers that forbid
 * loopback redirect URIs, such as Withings) reads the port from it and forwards {@code code} and
 * {@code state} to {@code http://127.0.0.1:<port>/callback}; the random part defeats forgery.
 */
public final class AuthorizationFlow {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** Shows the authorization URL to the user: a browser, or a line on the console. */
  @FunctionalInterface
  public interface Presenter {
    void show(URI authorizationUrl) throws IOException;
  }

  private final SecureRandom random;
  private final Duration timeout;

  public AuthorizationFlow(SecureRandom random, Duration timeout) {
    this.random = random;
    this.timeout = timeout;
  }

  public AuthorizationFlow() {
    this(new SecureRandom(), DEFAULT_TIMEOUT);
  }

  /**
   * Runs the browser part of the sign-in.
   *
   * @param paste lines the user may paste the redirect URL or the bare code into, or null
   * @param messages where to say what is going on (state mismatches in pasted URLs ...)
   */
  public AuthorizationCode authorize(
      OAuthConfig config, Presenter presenter, BufferedReader paste, Consumer<String> messages)
      throws OAuthException, IOException, InterruptedException {
    config.requireClient();
    try (LoopbackReceiver receiver = LoopbackReceiver.start(config.loopbackPort())) {
      String state = receiver.port() + "." + randomToken();
      Pkce pkce = config.pkce() ? Pkce.create(random) : null;
      URI redirectUri = config.relayUrl() != null ? config.relayUrl() : receiver.redirectUri();
      URI url = authorizationUrl(config, redirectUri, state, pkce);
      CompletableFuture<String> code = receiver.expect(state);
      if (paste != null) {
        Thread.ofVirtual().start(() -> readPasted(paste, state, code, messages));
      }
      presenter.show(url);
      try {
        return new AuthorizationCode(
            code.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
            redirectUri,
            pkce == null ? null : pkce.verifier());
      } catch (TimeoutException e) {
        throw new OAuthException(
            "timeout",
            "No answer from the browser within "
                + timeout.toMinutes()
                + " minutes; the sign-in to "
                + config.provider()
                + " was abandoned. Run connect again.");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof OAuthException oauth) {
          throw oauth;
        }
        throw new OAuthException("callback", "The sign-in failed: " + e.getCause(), e.getCause());
      }
    }
  }

  public static URI authorizationUrl(OAuthConfig config, URI redirectUri, String state, Pkce pkce) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", config.clientId());
    params.put("redirect_uri", redirectUri.toString());
    params.put("scope", config.scope().isEmpty() ? null : config.scope());
    params.put("state", state);
    if (pkce != null) {
      params.put("code_challenge", pkce.challenge());
      params.put("code_challenge_method", pkce.method());
    }
    return QueryStrings.withQuery(config.authorizationUrl(), params);
  }

  private static void readPasted(
      BufferedReader paste, String state, CompletableFuture<String> code, Consumer<String> say) {
    try {
      String line;
      while (!code.isDone() && (line = paste.readLine()) != null) {
        PastedCallback pasted = PastedCallback.parse(line);
        if (pasted == null) {
          continue;
        }
        if (pasted.state() != null && !pasted.state().equals(state)) {
          say.accept("That URL belongs to another sign-in (state mismatch); paste the latest one.");
        } else if (pasted.error() == null && pasted.code() == null) {
          say.accept("No code in what was pasted; paste the whole address the browser ended on.");
        } else if (pasted.error() != null) {
          code.completeExceptionally(
              new OAuthException(
                  pasted.error(), "The provider refused the sign-in: " + pasted.error()));
        } else {
          code.complete(pasted.code());
        }
      }
    } catch (IOException e) {
      say.accept("Could not read the pasted answer: " + e.getMessage());
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Opens the system browser where there is one, else prints the URL for the user to open. */
  public static Presenter systemBrowserOr(Consumer<String> print) {
    return url -> {
      if (!GraphicsEnvironment.isHeadless()
          && Desktop.isDesktopSupported()
          && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        try {
          Desktop.getDesktop().browse(url);
          print.accept("Your browser opened the sign-in page. If it did not, open:\n" + url);
          return;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
          // No default browser configured: fall through to printing the address.
        }
      }
      print.accept("Open this address in a browser to sign in:\n" + url);
    };
  }
}
