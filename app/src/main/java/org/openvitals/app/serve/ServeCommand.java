package org.openvitals.app.serve;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.openvitals.app.cli.OpenVitalsCli;
import org.openvitals.bridge.PhoneEndpoint;
import org.openvitals.bridge.pairing.ApprovalHook;
import org.openvitals.bridge.server.BridgeServer;
import org.openvitals.connectors.sync.CloudSettings;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openvitals serve}: runs the background services without a window until stopped (Ctrl-C or
 * SIGTERM): the phone endpoint and the cloud sync scheduler. Each service is a {@link
 * BackgroundService} in {@link #services}; they start in order and stop in reverse order, then the
 * store closes.
 */
@Command(
    name = "serve",
    header = "Run the phone endpoint and the cloud sync without a window, until stopped.",
    description = {
      "Listens for a paired iPhone on the local network (HTTPS, TLS 1.3, the desktop's own key),",
      "prints the pairing code as text (openvitals-pair:v1?...) on stdout, a new one whenever the",
      "last was used or is about to expire, and logs each upload on stderr. Without --accept, each",
      "pairing request is asked about on the terminal with its comparison code.",
      "Syncs every connected cloud source as the app does (on start, then on its interval, once",
      "more after a wake or when the network returns) and logs each run on stderr.",
      "Ctrl-C or SIGTERM stops it cleanly: a running sync ends at a page boundary and the next",
      "one continues from there."
    })
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      description =
          "Port to listen on (default: "
              + BridgeServer.DEFAULT_PORT
              + "; when taken, the next free one, then any). 0: any free port.")
  int port = BridgeServer.DEFAULT_PORT;

  @Option(
      names = "--accept",
      description = "Allow every pairing request without asking (scripts, tests).")
  boolean accept;

  @Option(
      names = "--pairing-file",
      paramLabel = "F",
      description = "Also write the current pairing code to F (owner-only; deleted on stop).")
  Path pairingFile;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The desktop's name shown on the phone (default: the host name).")
  String name;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Address to listen on (default 0.0.0.0: every interface).")
  String bind = "0.0.0.0";

  @Option(names = "--no-mdns", description = "Do not advertise the endpoint over mDNS/Bonjour.")
  boolean noMdns;

  @Option(
      names = "--no-phone",
      description = "Only sync cloud sources: no phone endpoint, no pairing code.")
  boolean noPhone;

  @Option(names = "--no-sync", description = "Only the phone endpoint: no cloud sync.")
  boolean noSync;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (noPhone && noSync) {
      err.println("--no-phone and --no-sync together leave nothing to serve.");
      return 2;
    }
    StoreConfig config = root.storeConfig();
    CloudSettings settings = CloudSettings.load(config.dataDir());
    var keys = TokenVault.keySource(config.dataDir(), settings.keyStorage(), err::println);
    SampleStore store = Stores.open(config);
    ApprovalHook approval = accept ? ApprovalHook.ACCEPT_ALL : terminalApproval(err);
    PhoneEndpoint.Options options = PhoneEndpoint.Options.lan(desktopName(), port, approval);
    options =
        new PhoneEndpoint.Options(
            options.desktopName(),
            bind,
            port,
            !noMdns,
            approval,
            options.clock(),
            options.burst(),
            options.perSecond());
    List<BackgroundService> services = new ArrayList<>();
    if (!noPhone) {
      services.add(
          new PhoneEndpointService(config.dataDir(), store, keys, options, pairingFile, out, err));
    }
    if (!noSync) {
      services.add(new CloudSyncService(store, config.dataDir(), err));
    }

    CountDownLatch stopped = new CountDownLatch(1);
    List<BackgroundService> running = new ArrayList<>();
    Thread hook =
        new Thread(
            () -> {
              stop(running, err);
              store.close();
              err.println("Stopped.");
              err.flush();
              stopped.countDown();
            },
            "serve-stop");
    try {
      for (BackgroundService s : services) {
        s.start();
        running.add(s);
      }
    } catch (Exception e) {
      stop(running, err);
      store.close();
      err.println(
          "Cannot start the " + services.get(running.size()).name() + ": " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("Serving from " + config.dataDir() + "; Ctrl-C to stop.");
    err.flush();
    stopped.await();
    return 0;
  }

  private static void stop(List<BackgroundService> running, PrintWriter err) {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (RuntimeException e) {
        err.println("The " + running.get(i).name() + " did not stop cleanly: " + e.getMessage());
      }
    }
    running.clear();
  }

  private String desktopName() {
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "OpenVitals desktop";
    }
  }

  /** Asks on the terminal; with no terminal to answer on, refuses and says how to allow. */
  private static ApprovalHook terminalApproval(PrintWriter err) {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return r ->
        CompletableFuture.supplyAsync(
            () -> {
              synchronized (err) {
                err.printf(
                    "Allow \"%s\" (%s, %s) to send health data? Comparison code %s (the phone shows the same). [y/N] ",
                    r.deviceName(), r.model(), r.osVersion(), r.comparisonCode());
                err.flush();
              }
              try {
                String answer = in.readLine();
                if (answer == null) {
                  err.println(
                      "No terminal to answer on: refused. Run 'openvitals serve --accept' to allow without asking.");
                  return false;
                }
                return answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
              } catch (java.io.IOException e) {
                return false;
              }
            },
            runnable -> Thread.ofVirtual().start(runnable));
  }
}
