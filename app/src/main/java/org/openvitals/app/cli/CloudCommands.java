package org.openvitals.app.cli;

import java.io.PrintStream;
import org.openvitals.connectors.sync.CloudSettings;
import org.openvitals.connectors.sync.SyncEngine;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/** What the cloud subcommands share: the store, the settings, the vault and the sync engine. */
final class CloudCommands implements AutoCloseable {
  final SampleStore store;
  final SyncEngine engine;
  final TokenVault vault;

  CloudCommands(StoreConfig config, PrintStream warnings) {
    CloudSettings settings = CloudSettings.load(config.dataDir());
    this.vault = TokenVault.open(config.dataDir(), settings.keyStorage(), warnings::println);
    this.store = Stores.open(config);
    this.engine = SyncEngine.standard(store, settings, vault, config.dataDir());
  }

  @Override
  public void close() {
    store.close();
  }
}
