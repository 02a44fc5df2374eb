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
    LibraryLog.install();
    // When a command is named, the SQLite driver's once-a-process set-up (its native library, the
    // JDK's locale data for its date formats) runs on a second thread while picocli builds the
    // command's model, a fifth of a CLI import's start; the command starts once it is done. (The
    // library log stays first: its set-up opens every jar of the class path, which would hold up
    // picocli's classes, read from their jar.)
    FutureTask<Void> driver = null;
    if (OpenVitalsCli.namesCommand(args)) {
      driver = new FutureTask<>(SqliteSampleStore::prepareDriver, null);
      Thread.ofPlatform().name("openvitals-sqlite-set-up").daemon().start(driver);
    }
    CommandLine cli = OpenVitalsCli.commandLine(out, err, args);
    if (driver != null) {
      awaitSetUp(driver);
    }
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Waits for the driver's set-up. It is only a head start: whatever failed in it (it catches the
   * driver's own errors) happens again, and is reported, when the command opens its store.
   */
  private static void awaitSetUp(FutureTask<Void> setUp) {
    try {
      setUp.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // See above: the store's open meets it again.
    }
  }
}
