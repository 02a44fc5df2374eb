package org.openvitals.connectors.cloudtest;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;
import org.openvitals.connectors.http.Backoff;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.sync.CloudConnector;
import org.openvitals.connectors.sync.CloudSettings;
import org.openvitals.connectors.sync.SyncEngine;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.connectors.vault.VaultEntry;
import org.openvitals.core.store.SampleStore;

/** Wires an engine to a fake provider: settings point every URL at it; waiting is simulated. */
public final class CloudTestKit {
  public final FakeProvider fake;
  public final TestClock clock;
  public final SampleStore store;
  public final TokenVault vault;
  public final CloudSettings settings;
  public final SyncEngine engine;
  public final String provider;

  public CloudTestKit(
      Path dataDir,
      FakeProvider fake,
      TestClock clock,
      SampleStore store,
      CloudConnector connector,
      Map<String, String> extraSettings) {
    this.fake = fake;
    this.clock = clock;
    this.store = store;
    this.provider = connector.id();
    this.vault =
        new TokenVault(
            dataDir.resolve("vault"),
            new FileKeySource(dataDir.resolve("vault").resolve("vault.key")));
    Map<String, String> env = new HashMap<>();
    env.put(
        CloudSettings.envName(provider, "authorization_url"),
        fake.url("/oauth/authorize").toString());
    env.put(CloudSettings.envName(provider, "token_url"), fake.url("/oauth/token").toString());
    env.put(CloudSettings.envName(provider, "api_url"), fake.url("").toString());
    extraSettings.forEach((k, v) -> env.put(CloudSettings.envName(provider, k), v));
    this.settings = new CloudSettings(new Properties(), env);
    this.engine =
        new SyncEngine(
            store,
            settings,
            vault,
            HttpClient.newHttpClient(),
            clock,
            clock.sleeper(),
            new Backoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 4, RandomGenerator.getDefault()),
            List.of(connector),
            dataDir.resolve("sync"));
  }

  /** Stores a token pair the fake issued, as a finished connect would. */
  public String[] connectDirectly() {
    String[] pair = fake.issueTokens();
    vault.write(
        new VaultEntry(
            provider,
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            new TokenSet(pair[0], pair[1], clock.instant().plus(fake.tokenLifetime), null, null),
            clock.instant(),
            null));
    return pair;
  }
}
