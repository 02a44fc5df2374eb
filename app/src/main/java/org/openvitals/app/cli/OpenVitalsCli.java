package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.logging.LibraryLog;
import org.openvitals.app.serve.ServeCommand;
import org.openvitals.app.settings.UserSettings;
import org.openvitals.app.shell.DesktopLauncher;
import org.openvitals.connectors.files.OtherTypes;
import org.openvitals.core.store.DataFolder;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code openvitals} command. Global options come before the subcommand; each subcommand is a
 * class in this package (or its feature's package) registered with one line in {@link #COMMANDS}.
 * With no subcommand it starts the desktop app.
 */
@Command(
    name = "openvitals",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Your health data from every source, merged by your rules, on your computer.",
    footer = {
      "",
      "With no command, starts the desktop app.",
      "Exit codes: 0 success, 1 the command failed, 2 wrong usage, 70 internal error."
    })
public final class OpenVitalsCli implements Callable<Integer> {

  /** Environment variable holding the password of an encrypted H2 store. */
  public static final String PASSWORD_ENV = "OPENVITALS_DB_PASSWORD";

  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Data folder (default: $"
              + DataFolder.ENV
              + ", else the folder chosen in the app's Settings, else the OS's per-user data"
              + " folder).")
  Path dataDir;

  @Option(
      names = "--engine",
      scope = ScopeType.INHERIT,
      paramLabel = "ENGINE",
      description =
          "Storage engine: sqlite or h2 (default: the engine of the store already in the data"
              + " folder, else sqlite). With h2, set $"
              + PASSWORD_ENV
              + " to use an encrypted file.")
  String engine;

  /** Every subcommand, in the order the top-level help lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          SourcesCommand.class,
          SummaryCommand.class,
          ExportCommand.class,
          DoctorCommand.class,
          DemoCommand.class,
          MetricsCommand.class,
          ImportCommand.class,
          ExplainCommand.class,
          InsightsCommand.class,
          ReportCommand.class,
          PreferencesCommand.class,
          ConnectCommand.class,
          SyncCommand.class,
          CloudStatusCommand.class,
          SelfTestCommand.class,
          ServeCommand.class,
          PhoneSimCommand.class,
          CommandLine.HelpCommand.class);

  /** The global options that take a value, which may come before the subcommand's name. */
  private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of("--data-dir", "--engine");

  /**
   * A command line with OpenVitals' error handling, writing to the given streams, holding every
   * command (what the top-level help lists).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, COMMANDS);
  }

  /**
   * The command line to run {@code args} with: picocli's model of only the command they name, when
   * they name one before any other argument (so {@code openvitals import FILE} does not build the
   * model of every command, about a fifth of a CLI import's start), none when they name no command
   * (the desktop app), and every command otherwise (help, usage errors and their suggestions).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    return commandLine(out, err, commandsFor(args));
  }

  /** The commands {@link #commandLine(PrintWriter, PrintWriter, String...)} builds for args. */
  static List<Class<?>> commandsFor(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (GLOBAL_OPTIONS_WITH_VALUE.contains(arg)) {
        i++; // its value
      } else if (GLOBAL_OPTIONS_WITH_VALUE.stream().noneMatch(o -> arg.startsWith(o + "="))) {
        return COMMANDS.stream()
            .filter(c -> c != CommandLine.HelpCommand.class && names(c).contains(arg))
            .findFirst()
            .<List<Class<?>>>map(List::of)
            .orElse(COMMANDS);
      }
    }
    return List.of();
  }

  /** A command's name and aliases, from its annotation (no model built). */
  private static List<String> names(Class<?> command) {
    Command annotation = command.getAnnotation(Command.class);
    List<String> names = new ArrayList<>(List.of(annotation.aliases()));
    names.add(annotation.name());
    return names;
  }

  /**
   * Every command in it gets {@code -h/--help} and {@code -V/--version} here, so a command never
   * declares them: one listed in {@link #COMMANDS} (or nested in one) has them with no further
   * step. An argument no command knows is a usage error (exit 2), even next to {@code --help}.
   */
  private static CommandLine commandLine(
      PrintWriter out, PrintWriter err, List<Class<?>> commands) {
    CommandLine cli = new CommandLine(new OpenVitalsCli());
    for (Class<?> command : commands) {
      cli.addSubcommand(command);
    }
    cli.setOut(out);
    cli.setErr(err);
    CliErrors errors = new CliErrors();
    cli.setParameterExceptionHandler(errors);
    cli.setExecutionExceptionHandler(errors);
    cli.setExecutionStrategy(CliErrors::rejectUnmatchedThenRun);
    // Last, so that it reaches any command registered above as well.
    addStandardHelpOptions(cli, cli.getCommandSpec().versionProvider());
    return cli;
  }

  /** Adds picocli's standard help options to every subcommand, at any depth. */
  private static void addStandardHelpOptions(CommandLine command, IVersionProvider version) {
    for (CommandLine sub : command.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      // Skipped by picocli where a command has its own -h (the built-in help command).
      spec.mixinStandardHelpOptions(true);
      if (spec.versionProvider() == null) {
        spec.versionProvider(version);
      }
      addStandardHelpOptions(sub, version);
    }
  }

  /** Starts the desktop app on the selected store; returns when its window closes. */
  @Override
  public Integer call() {
    StoreConfig config = storeConfig();
    try {
      DesktopLauncher.launch(config);
    } catch (RuntimeException | LinkageError e) {
      // Typically no display or no GTK 3 on Linux: the command line still works.
      throw new CliException(
          "Cannot open the desktop window ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "); the command line works without one, see 'openvitals --help'");
    }
    return 0;
  }

  /**
   * The store the global options select: {@code --data-dir}, else {@code $OPENVITALS_DATA_DIR},
   * else the folder chosen on the app's Settings screen, else the OS's. Without {@code --engine},
   * the engine whose database is already in the folder is reopened, so {@code --engine h2} is
   * needed only once.
   */
  public StoreConfig storeConfig() {
    Path dir =
        UserSettings.rememberedDataFolder(dataDir, System.getenv(), UserSettings::forUser)
            .orElseGet(() -> DataFolder.resolve(dataDir));
    LibraryLog.useFolder(dir);
    Engine chosen =
        engine != null ? Engine.fromId(engine) : Stores.detectEngine(dir).orElse(Engine.SQLITE);
    String password = System.getenv(PASSWORD_ENV);
    char[] secret =
        chosen == Engine.H2 && password != null && !password.isEmpty()
            ? password.toCharArray()
            : null;
    return new StoreConfig(dir, chosen, secret);
  }

  /**
   * How commands word values, sources and times for a reader: in the units chosen on the app's
   * Settings screen, this computer's locale and time zone.
   */
  public DisplayFormat displayFormat() {
    return new DisplayFormat(UserSettings.forUser().unitSystem());
  }

  /**
   * Opens (creating if needed) the selected store, turning records of other types that this version
   * maps into samples; the caller closes it.
   */
  public SampleStore openStore() {
    SampleStore store = Stores.open(storeConfig());
    try {
      OtherTypes.promote(store);
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
