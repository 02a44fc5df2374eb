package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one sentence on stderr and an exit code, never a stack trace for something
 * the user can fix. Bugs (exceptions nobody meant to throw) say so and print their stack trace only
 * when {@value #DEBUG_ENV} is set.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  /** The command failed for a reason its message explains. */
  static final int FAILED = 1;

  /** An unexpected exception: a bug. */
  static final int INTERNAL = 70;

  static final String DEBUG_ENV = "OPENVITALS_DEBUG";

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message =
        ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
            ? "unknown command or option '" + unmatched.getUnmatched().getFirst() + "'"
            : ex.getMessage();
    err.println(
        "openvitals: "
            + sentence(message)
            + " (see '"
            + cmd.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (isUserError(ex)) {
      err.println("openvitals: " + sentence(ex.getMessage()));
      err.flush();
      return FAILED;
    }
    err.println(
        "openvitals: internal error ("
            + ex.getClass().getSimpleName()
            + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
            + "); set "
            + DEBUG_ENV
            + "=1 for details and please report it.");
    if (System.getenv(DEBUG_ENV) != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return INTERNAL;
  }

  /**
   * Runs the command line's last subcommand, after refusing arguments that matched nothing. Picocli
   * lets them pass when help was asked for, so {@code openvitals frobnicate --help} would print the
   * top-level help and exit 0 instead of saying that there is no such command.
   */
  static int rejectUnmatchedThenRun(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (!level.unmatched().isEmpty()) {
        throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * Exceptions whose message is written for the user: bad input (including units), a store or file
   * problem.
   */
  private static boolean isUserError(Exception ex) {
    return ex.getMessage() != null
        && (ex instanceof CliException
            || ex instanceof IllegalArgumentException
            || ex instanceof org.openvitals.core.store.StoreException
            || ex instanceof org.openvitals.core.export.ExportException
            || ex instanceof UncheckedIOException);
  }

  private static String sentence(String message) {
    String text = message == null ? "unknown error" : message.strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
