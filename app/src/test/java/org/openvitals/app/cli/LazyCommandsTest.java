package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvitals.app.Main;
import org.openvitals.app.serve.ServeCommand;
import picocli.CommandLine;

/**
 * The command line builds picocli's model of the one command named (OpenVitalsCli.commandsFor), and
 * what it prints must not change for it: every command's help and usage errors are compared with a
 * command line holding every command.
 */
class LazyCommandsTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  @Test
  void theNamedCommandAloneIsBuilt() {
    assertThat(OpenVitalsCli.commandsFor("--data-dir", "d", "import", "export.zip"))
        .containsExactly(ImportCommand.class);
    assertThat(OpenVitalsCli.commandsFor("--engine=h2", "preferences", "set", "x"))
        .containsExactly(PreferencesCommand.class);
    assertThat(OpenVitalsCli.commandsFor("serve", "--help")).containsExactly(ServeCommand.class);
    assertThat(
            OpenVitalsCli.commandLine(
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()),
                    "import",
                    "export.zip")
                .getSubcommands())
        .containsOnlyKeys("import");
  }

  @Test
  void aGlobalOptionWithItsValueAttachedIsSkipped() {
    assertThat(OpenVitalsCli.commandsFor("--data-dir=d", "--engine=sqlite", "import", "x.zip"))
        .containsExactly(ImportCommand.class);
  }

  @Test
  void noCommandBuildsNoneAndHelpOrAnythingElseBuildsEvery() {
    assertThat(OpenVitalsCli.commandsFor()).isEmpty();
    assertThat(OpenVitalsCli.commandsFor("--data-dir", "import"))
        .as("a folder named import")
        .isEmpty();
    for (List<String> args :
        List.of(
            List.of("--help"),
            List.of("help", "import"),
            List.of("-V", "import"),
            List.of("frobnicate"),
            List.of("--data-dir", "d", "imprt", "export.zip"))) {
      assertThat(OpenVitalsCli.commandsFor(args.toArray(String[]::new)))
          .as("%s", args)
          .isEqualTo(OpenVitalsCli.COMMANDS);
    }
  }

  static Stream<List<String>> everyCommand() {
    return CliHelpTest.everyCommand();
  }

  @ParameterizedTest(name = "openvitals {0} ...")
  @MethodSource("everyCommand")
  void printsWhatACommandLineOfEveryCommandPrints(List<String> command) {
    for (String extra : List.of("--help", "--no-such-option")) {
      List<String> args = new ArrayList<>(List.of("--data-dir", dir.toString()));
      args.addAll(command);
      args.add(extra);
      String[] argv = args.toArray(String[]::new);

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          OpenVitalsCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
              .execute(argv);
      Run everyCommand = new Run(code, out.toString(), err.toString());

      out = new StringWriter();
      err = new StringWriter();
      code = Main.run(new PrintWriter(out), new PrintWriter(err), argv);

      assertThat(new Run(code, out.toString(), err.toString()))
          .as("%s", args)
          .isEqualTo(everyCommand);
    }
  }

  @Test
  void theHelpCommandStillNamesEveryCommand() {
    StringWriter out = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "help");

    assertThat(code).isZero();
    for (Class<?> command : OpenVitalsCli.COMMANDS) {
      assertThat(out.toString())
          .contains("  " + command.getAnnotation(CommandLine.Command.class).name() + " ");
    }
  }
}
