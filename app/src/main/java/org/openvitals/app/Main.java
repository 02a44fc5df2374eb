package org.openvitals.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.openvitals.app.cli.OpenVitalsCli;
import org.openvitals.app.cli.VersionProvider;
import org.openvitals.app.logging.LibraryLog;

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
    int code = OpenVitalsCli.commandLine(out, err, args).execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
