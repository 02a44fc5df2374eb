package org.openvitals.app.cli;

import java.nio.file.Path;
import org.openvitals.core.store.DataFolder;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code openvitals} command. Global options come before the subcommand; each subcommand is a
 * class in this package (or its feature's package) registered with one line below.
 */
@Command(
    name = "openvitals",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Your health data from every source, merged by your rules, on your computer.",
    subcommands = {ConnectCommand.class, SyncCommand.class, CloudStatusCommand.class})
public final class OpenVitalsCli {

  /** Environment variable holding the password of an encrypted H2 store. */
  public static final String PASSWORD_ENV = "OPENVITALS_DB_PASSWORD";

  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Data folder (default: $" + DataFolder.ENV + ", else the OS's per-user data folder).")
  Path dataDir;

  @Option(
      names = "--engine",
      scope = ScopeType.INHERIT,
      paramLabel = "ENGINE",
      description =
          "Storage engine: sqlite (default) or h2. With h2, set $"
              + PASSWORD_ENV
              + " to use an encrypted file.")
  String engine;

  /** The store the global options select; an engine chosen before is remembered by the folder. */
  public StoreConfig storeConfig() {
    Path dir = DataFolder.resolve(dataDir);
    Engine chosen =
        engine != null ? Engine.fromId(engine) : Stores.detectEngine(dir).orElse(Engine.SQLITE);
    String password = System.getenv(PASSWORD_ENV);
    char[] secret =
        chosen == Engine.H2 && password != null && !password.isEmpty()
            ? password.toCharArray()
            : null;
    return new StoreConfig(dir, chosen, secret);
  }
}
