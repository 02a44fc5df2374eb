package org.openvitals.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.OAuthException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openvitals connect withings|oura}: signs in through the system browser and keeps the
 * tokens in the encrypted vault of the data folder.
 */
@Command(
    name = "connect",
    description = {
      "Connect a cloud source (oura, withings, strava, whoop, fitbit) through your browser.",
      "You bring your own developer app: see README, 'Connecting cloud sources'.",
      "If the browser cannot reach OpenVitals, paste the address it ended on (or the code) here."
    })
public final class ConnectCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Parameters(paramLabel = "SOURCE", description = "oura, withings, strava, whoop or fitbit")
  String provider;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "Your app's client id (else from settings or the previous connection).")
  String clientId;

  @Option(
      names = "--client-secret",
      paramLabel = "SECRET",
      description = "Your app's client secret (or set $OPENVITALS_<SOURCE>_CLIENT_SECRET).")
  String clientSecret;

  @Option(
      names = "--scopes",
      paramLabel = "NAMES",
      split = ",",
      description =
          "fitbit only: the kinds of data to allow, comma-separated, of activity_and_fitness,"
              + " health_metrics_and_measurements, sleep, nutrition, profile (kept for later"
              + " sign-ins; default: the last choice, else the first three).")
  List<String> scopes;

  @Option(
      names = "--no-browser",
      description =
          "Print the authorization URL on stdout instead of opening a browser, then wait for the redirect.")
  boolean noBrowser;

  @Override
  public Integer call() throws Exception {
    try (CloudCommands cloud = new CloudCommands(root.storeConfig(), System.err)) {
      AuthorizationFlow.Presenter presenter =
          noBrowser
              ? url -> {
                System.out.println(url);
                System.out.flush();
              }
              : AuthorizationFlow.systemBrowserOr(System.err::println);
      BufferedReader paste =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (scopes != null) {
        cloud.engine.chooseScopes(provider, scopes);
      }
      System.err.println("Waiting for " + provider + " (up to 5 minutes)...");
      cloud.engine.connect(
          provider,
          clientId,
          clientSecret,
          new AuthorizationFlow(),
          presenter,
          paste,
          System.err::println);
      System.err.println(
          "Connected "
              + provider
              + ". Tokens are encrypted in "
              + root.storeConfig().dataDir().resolve("vault")
              + " with the key in the "
              + cloud.vault.keyDescription()
              + ". Run 'openvitals sync "
              + provider
              + "' to fetch your data.");
      return 0;
    } catch (OAuthException e) {
      System.err.println("Could not connect " + provider + ": " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
  }
}
