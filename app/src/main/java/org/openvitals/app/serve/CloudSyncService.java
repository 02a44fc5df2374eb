package org.openvitals.app.serve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncScheduler;
import org.openvitals.connectors.sync.SyncService;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.store.SampleStore;

/**
 * The cloud sync scheduler as a {@code serve} service: the same {@link SyncService} the window runs
 * (each connected source on start, then on its interval, once more after a wake or when the network
 * returns), with each run logged. Closing stops a running sync at its next page boundary.
 */
public final class CloudSyncService implements BackgroundService {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final SampleStore store;
  private final Path dataDir;
  private final PrintWriter log;
  private SyncService sync;

  public CloudSyncService(SampleStore store, Path dataDir, PrintWriter log) {
    this.store = store;
    this.dataDir = dataDir;
    this.log = log;
  }

  @Override
  public String name() {
    return "cloud sync";
  }

  @Override
  public void start() {
    sync =
        SyncService.open(
            store,
            dataDir,
            new SyncScheduler.Listener() {
              @Override
              public void started(String provider) {
                logLine("sync " + provider + ": started");
              }

              @Override
              public void finished(SyncRun run) {
                logRun(run);
              }
            });
    List<String> connected = sync.engine().connected();
    logLine(
        connected.isEmpty()
            ? "Cloud sync: no source connected (openvitals connect <provider>)"
            : "Cloud sync: " + String.join(", ", connected) + ", each on its interval");
    sync.start();
  }

  private void logRun(SyncRun run) {
    StringBuilder line = new StringBuilder("sync " + run.provider() + ": ");
    if (run.outcome() == SyncState.SYNCING) {
      line.append("another OpenVitals process (the app?) is syncing it; trying again later");
    } else {
      line.append(
          String.format(
              "%s, %d new or changed, %d unchanged, %d removed, %d skipped, %d requests, %.1f s",
              run.outcome().label(),
              run.written(),
              run.unchanged(),
              run.tombstoned(),
              run.skipped(),
              run.requests(),
              Duration.between(run.started(), run.finished()).toMillis() / 1000.0));
    }
    sync.scheduler()
        .nextSync(run.provider())
        .ifPresent(next ->
            line.append("; next at ").append(CLOCK.format(next.atZone(ZoneId.systemDefault()))));
    logLine(line.toString());
    run.errors().forEach(e -> logLine("  " + e));
  }

  private void logLine(String line) {
    synchronized (log) {
      log.println(line);
      log.flush();
    }
  }

  @Override
  public void close() {
    if (sync != null) {
      sync.close();
    }
  }
}
