package org.openvitals.app.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.openvitals.app.format.NextSync;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code openvitals status}: each cloud source's state (ok, syncing, error, reconnect needed, not
 * connected), its last sync and, with {@code --history}, its recent syncs.
 */
@Command(name = "status", description = "Show the sync status of each cloud source.")
public final class CloudStatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @ParentCommand OpenVitalsCli root;

  @Option(names = "--history", description = "Also list each source's recent syncs.")
  boolean history;

  @Override
  public Integer call() throws Exception {
    try (CloudCommands cloud = new CloudCommands(root.storeConfig(), System.err)) {
      for (SourceStatus s : cloud.engine.statuses()) {
        SyncRun last = s.lastRun();
        String next = NextSync.describe(s, Instant.now(), ZoneId.systemDefault());
        System.out.printf(
            "%-9s %-17s last sync: %s%s%s%n",
            s.provider(),
            s.state().label(),
            last == null
                ? "never"
                : when(last)
                    + " ("
                    + last.written()
                    + " new or changed, "
                    + last.requests()
                    + " requests)",
            next == null ? "" : ", next sync: " + next,
            s.message() == null ? "" : "\n          " + s.message());
        if (history) {
          for (SyncRun run : cloud.engine.history(s.provider())) {
            System.out.printf(
                "          %s %s %d new or changed%s%n",
                when(run),
                run.outcome().label(),
                run.written(),
                run.errors().isEmpty() ? "" : ": " + String.join("; ", run.errors()));
          }
        }
      }
      return 0;
    }
  }

  private static String when(SyncRun run) {
    return WHEN.format(run.finished().atZone(ZoneId.systemDefault()));
  }
}
