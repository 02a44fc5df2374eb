package org.openvitals.connectors.sync;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.core.store.SampleStore;

/**
 * Cloud sync for one open store: the settings and vault of its data folder, the engine, and the
 * background scheduler, which runs only after {@link #start}. The desktop app owns one per open
 * store; a headless mode runs the same with {@code start()} and {@code close()}. Closing stops the
 * scheduler and any running sync at its next page boundary; the store stays open (its owner closes
 * it).
 */
public final class SyncService implements AutoCloseable {
  private final SyncEngine engine;
  private final TokenVault vault;
  private final SyncScheduler scheduler;
  private final List<String> warnings;

  public SyncService(
      SyncEngine engine,
      TokenVault vault,
      List<String> warnings,
      Clock clock,
      NetworkProbe network,
      SyncScheduler.Listener listener) {
    this.engine = engine;
    this.vault = vault;
    this.warnings = List.copyOf(warnings);
    this.scheduler = new SyncScheduler(engine, clock, network, listener);
  }

  /** The data folder's settings and vault, the registered connectors, the real clock. */
  public static SyncService open(SampleStore store, Path dataDir, SyncScheduler.Listener listener) {
    CloudSettings settings = CloudSettings.load(dataDir);
    List<String> warnings = new ArrayList<>();
    TokenVault vault = TokenVault.open(dataDir, settings.keyStorage(), warnings::add);
    return new SyncService(
        SyncEngine.standard(store, settings, vault, dataDir),
        vault,
        warnings,
        Clock.systemUTC(),
        NetworkProbe.INTERFACES,
        listener);
  }

  /** Starts background syncing: every connected source now, then on its interval. */
  public void start() {
    scheduler.start();
  }

  public SyncEngine engine() {
    return engine;
  }

  public SyncScheduler scheduler() {
    return scheduler;
  }

  public TokenVault vault() {
    return vault;
  }

  /** What opening the vault warned about (no OS keychain: where the key file is), or nothing. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
