package org.openvitals.app;

import org.openvitals.app.cli.OpenVitalsCli;
import picocli.CommandLine;

/** Entry point of the one jar: with no arguments the desktop app, otherwise the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new OpenVitalsCli()).execute(args);
  }
}
