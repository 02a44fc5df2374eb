package org.openvitals.app.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code openvitals sync [SOURCE]}: fetches what is new from connected cloud sources. */
@Command(
    name = "sync",
    description = "Sync connected cloud sources now (all of them at once, or the one named).")
public final class SyncCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Parameters(
      paramLabel = "SOURCE",
      arity = "0..1",
      description = "oura, withings, strava, whoop or fitbit (default: every connected source)")
  String provider;

  @Override
  public Integer call() throws Exception {
    try (CloudCommands cloud = new CloudCommands(root.storeConfig(), System.err)) {
      List<String> targets = provider == null ? cloud.engine.connected() : List.of(provider);
      targets.forEach(cloud.engine::connector); // an unknown name fails here, with the known ones
      if (targets.isEmpty()) {
        System.err.println(
            "No cloud source is connected: run 'openvitals connect withings' or 'openvitals connect oura'.");
        return 1;
      }
      Map<String, SyncRun> runs = cloud.engine.syncAll(targets);
      boolean allOk = true;
      for (SyncRun run : runs.values()) {
        if (run.outcome() == SyncState.SYNCING) {
          System.out.println(
              run.provider()
                  + ": another OpenVitals process (the app?) is syncing it now; see 'openvitals status'");
          continue;
        }
        System.out.printf(
            "%s: %s, %d new or changed, %d unchanged, %d removed, %d skipped, %d requests, %.1f s%n",
            run.provider(),
            run.outcome().label(),
            run.written(),
            run.unchanged(),
            run.tombstoned(),
            run.skipped(),
            run.requests(),
            java.time.Duration.between(run.started(), run.finished()).toMillis() / 1000.0);
        run.errors().forEach(e -> System.out.println("  " + e));
        allOk &= run.outcome() == SyncState.OK;
      }
      return allOk ? 0 : 1;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
  }
}
