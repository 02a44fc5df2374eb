package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvitals.app.Main;
import picocli.CommandLine;

/**
 * Every command the command line registers, found by walking its registry (so commands added later
 * are checked too), answers {@code --help} and {@code -h}; arguments that name no command are usage
 * errors even next to {@code --help}.
 */
class CliHelpTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
    all.addAll(args);
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** The path of names to every registered command, the top level ({@code []}) first. */
  static Stream<List<String>> everyCommand() {
    CommandLine cli =
        OpenVitalsCli.commandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    SequencedSet<List<String>> paths = new LinkedHashSet<>();
    collect(cli, List.of(), paths);
    return paths.stream();
  }

  private static void collect(
      CommandLine command, List<String> path, SequencedSet<List<String>> into) {
    into.add(path);
    // Keyed by name and by alias: the set keeps each command once, under its name.
    command
        .getSubcommands()
        .forEach((name, sub) -> {
          if (name.equals(sub.getCommandName())) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            collect(sub, List.copyOf(subPath), into);
          }
        });
  }

  @Test
  void theWalkFindsNestedCommands() {
    assertThat(everyCommand())
        .contains(List.of(), List.of("import"), List.of("doctor"), List.of("preferences", "set"));
  }

  @ParameterizedTest(name = "openvitals {0} --help")
  @MethodSource("everyCommand")
  void everyCommandAnswersHelpWithItsOwnUsage(List<String> command) {
    String usage =
        String.join(" ", Stream.concat(Stream.of("Usage: openvitals"), command.stream()).toList());
    for (String flag : List.of("--help", "-h")) {
      List<String> args = new ArrayList<>(command);
      args.add(flag);

      Run run = run(args);

      assertThat(run.code()).as("%s: %s", args, run.err()).isZero();
      // A command's one-line header, where it has one, comes first.
      assertThat(run.out()).as("%s", args).containsPattern("(?m)^" + Pattern.quote(usage) + " ");
      assertThat(run.err()).as("%s", args).isEmpty();
    }
    assertThat(dir).as("asking for help never creates a store").isEmptyDirectory();
  }

  @Test
  void versionAtTheTopLevel() {
    Run run = run(List.of("--version"));

    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("OpenVitals ").hasLineCount(1);
  }

  @Test
  void versionAloneSkipsBuildingTheCommandsButPrintsWhatPicocliWould() {
    StringWriter picocli = new StringWriter();
    int picocliCode =
        OpenVitalsCli.commandLine(
                new PrintWriter(picocli, true), new PrintWriter(new StringWriter()))
            .execute("--version");
    for (String option : List.of("--version", "-V")) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int code = Main.run(new PrintWriter(out), new PrintWriter(err), option);

      assertThat(code).isEqualTo(picocliCode).isZero();
      assertThat(out.toString()).isEqualTo(picocli.toString()).startsWith("OpenVitals ");
      assertThat(err.toString()).isEmpty();
    }
  }

  @Test
  void anUnknownCommandFollowedByHelpIsStillAUsageErrorNamingIt() {
    Run run = run(List.of("frobnicate", "--help"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualToIgnoringNewLines(
            "openvitals: unknown command or option 'frobnicate' (see 'openvitals --help')");
  }

  @Test
  void anUnknownSubcommandPointsToItsParentsHelp() {
    Run run = run(List.of("preferences", "frobnicate", "--help"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualToIgnoringNewLines(
            "openvitals: unknown command or option 'frobnicate'"
                + " (see 'openvitals preferences --help')");
  }

  @Test
  void helpForAnUnknownCommandNamesIt() {
    Run run = run(List.of("help", "frobnicate"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out() + run.err()).contains("'frobnicate'");
  }
}
