package org.openvitals.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.openvitals.app.cli.OpenVitalsCli;
import org.openvitals.app.cli.VersionProvider;
import org.openvitals.app.logging.LibraryLog;
import org.openvitals.core.store.sqlite.SqliteSampleStore;
import picocli.CommandLine;

/** Entry point of the one jar: with no command the desktop app, otherwise the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, true, charset);
    PrintWriter err = new PrintWriter(System.err, true, charset);
    return run(out, err, args);
  }

  /** Runs a command with its output going to the given writers (tests capture them). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // What picocli would print, without building the model of every command first: that costs
      // a fresh JVM about 0.4 s of CPU, most of a packaged '--version' (bench/README.md).
      for (String line : new VersionProvider().getVersion()) {
        out.println(line);
      }
      out.flush();
      return 0;
    }
    // Set-up that does not depend on the arguments runs beside picocli's model of the command
    // (a fifth of a CLI import's start): the library log, for which the JDK opens every jar of the
    // class path looking for a logging service, and, when a command is named, the SQLite driver.
    // The command runs once both are done, as it did when they ran first.
    FutureTask<Void> setUp =
        new FutureTask<>(() -> {
          LibraryLog.install();
          if (OpenVitalsCli.namesCommand(args)) {
            SqliteSampleStore.prepareDriver();
          }
          return null;
        });
    Thread.ofPlatform().name("openvitals-set-up").daemon().start(setUp);
    CommandLine cli = OpenVitalsCli.commandLine(out, err, args);
    awaitSetUp(setUp);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static void awaitSetUp(FutureTask<Void> setUp) {
    try {
      setUp.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
