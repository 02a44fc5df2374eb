package org.openvitals.app.shell;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvitals.app.Main;
import org.openvitals.app.cli.SelfTestCommand;
import org.openvitals.core.files.FileTrees;
import org.openvitals.core.store.StoreConfig;

/**
 * A start-up cache of the package: a JDK 25 AOT cache (JEP 483, 514, 515) made on the person's own
 * machine rather than shipped, which would take the package over its 120 MB (docs/architecture.md,
 * "Packaging"). Each Linux launcher names its own in the user's cache folder with {@code
 * -XX:AOTCache} and {@code -Xlog:aot*=off}: the menu entry's ({@code openvitals-window}) the
 * window's ({@link Purpose#WINDOW}, told to the app with {@link #PROPERTY}), the command line's the
 * commands' ({@link Purpose#COMMAND_LINE}, {@link #COMMAND_LINE_PROPERTY}, which the window's
 * launcher passes too). While a cache is missing, or was made for other jars or another runtime (an
 * update), the JVM starts without it, silently, and the desktop app, a while after its window is
 * up, makes both: a training run of the purpose's command in a child JVM with this JVM's runtime,
 * options and class path plus {@code -XX:AOTCacheOutput}, its temporary store, preferences and log
 * in the cache folder. The finished cache is moved into place in one step, so a start never maps
 * half a file; a failed run is recorded and not repeated for the same installation.
 */
public final class StartupCache {
  /** The system property by which the package's window launcher names the window's cache. */
  public static final String PROPERTY = "openvitals.startupCache";

  /**
   * The system property by which the package's launchers name the command line's cache (the one the
   * command line's {@code -XX:AOTCache} names).
   */
  public static final String COMMAND_LINE_PROPERTY = "openvitals.commandLineCache";

  /** What a cache starts, and so what its training runs. */
  public enum Purpose {
    /**
     * The desktop app: its own start ({@link WindowTraining}) on JavaFX's headless platform, on
     * demo data written into the training's data folder beforehand, until the dashboard shows
     * values. Its classes are linked ahead of time, so the JVM loads all of them at every start,
     * and the training runs nothing else: trained on {@code self-test --window}, which imports and
     * merges in the same JVM before it opens the window, the cache held 58 MB, whose mapping and
     * loading a window then paid before its first line of code (bench/README.md, "The window's
     * training: the app's own start").
     */
    WINDOW(List.of("-Dglass.platform=Headless", "-Dprism.order=sw")) {
      @Override
      List<String> mainAndArguments(Path work) {
        return List.of(WindowTraining.class.getName(), work.resolve(DATA).toString());
      }

      @Override
      void prepare(Path work) {
        SelfTestCommand.writeDemoData(StoreConfig.sqlite(work.resolve(DATA)));
      }
    },
    /**
     * A command such as {@code import}: {@code import} of the self-test's built-in export, as a
     * person types it (picocli's model of the command, the store's opening, the importer and the
     * report). Its classes are linked ahead of time, so the JVM loads them all at every start with
     * the start's lambdas linked, and it holds only what an import's start needs: a cache of the
     * self-test's merge as well held Jackson's databind and the rules, which {@code --version} then
     * loaded too. It holds no JIT profiles from the training ({@code -XX:-AOTRecordTraining}):
     * replayed, a ten-record import's profiles had the JIT compile at the start what an import
     * needs later. Outside an import that took 0.78x and 0.86x the time of the unlinked cache of
     * the self-test (bench/README.md, "The command line's cache linked, without JIT profiles").
     */
    COMMAND_LINE(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining")) {
      @Override
      List<String> mainAndArguments(Path work) {
        return List.of(
            Main.class.getName(),
            "--data-dir",
            work.resolve(DATA).toString(),
            "import",
            work.resolve(TRAINING_EXPORT).toString());
      }

      @Override
      void prepare(Path work) throws IOException {
        SelfTestCommand.writeBuiltInExport(work.resolve(TRAINING_EXPORT));
      }
    };

    private final List<String> jvmOptions;

    Purpose(List<String> jvmOptions) {
      this.jvmOptions = jvmOptions;
    }

    /** The training's main class and its arguments, after the class path. */
    abstract List<String> mainAndArguments(Path work);

    /** Puts into {@code work} what the training reads. */
    abstract void prepare(Path work) throws IOException;
  }

  /** The training's data folder, in its work folder. */
  static final String DATA = "data";

  /** The built-in export the command line's training imports, in its work folder. */
  static final String TRAINING_EXPORT = "export.xml";

  /** How long after the window opens the training starts, so it does not slow the first minutes. */
  static final Duration DELAY = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(StartupCache.class.getName());

  /** Runs a training command, its output going to the log file; returns its exit code. */
  interface Training {
    int run(List<String> command, Path log) throws IOException, InterruptedException;
  }

  private final Purpose purpose;
  private final Path cache;
  private final Path javaHome;
  private final String classPath;
  private final List<String> jvmOptions;
  private final Training training;

  /**
   * @param purpose what the cache starts
   * @param cache the file the launcher's {@code -XX:AOTCache} names
   * @param javaHome the runtime the app runs on (the training runs on the same)
   * @param classPath the app's class path, exactly as the launcher gave it
   * @param jvmOptions the launcher's JVM options, as this JVM received them
   */
  StartupCache(
      Purpose purpose,
      Path cache,
      Path javaHome,
      String classPath,
      List<String> jvmOptions,
      Training training) {
    this.purpose = purpose;
    this.cache = cache;
    this.javaHome = javaHome;
    this.classPath = classPath;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.training = training;
  }

  /**
   * The cache for an installed app, made by a training run in a child process (the package's test
   * makes one in the unpacked package this way).
   */
  public static StartupCache of(
      Purpose purpose, Path cache, Path javaHome, String classPath, List<String> jvmOptions) {
    return new StartupCache(
        purpose, cache, javaHome, classPath, jvmOptions, StartupCache::runProcess);
  }

  /**
   * The cache the launcher names, if it names one: only the package's launcher does, and only with
   * an absolute path (an unset {@code $HOME} leaves the variable unexpanded: then there is none).
   */
  public static Optional<Path> named(String property) {
    if (property == null || property.isBlank() || property.contains("$")) {
      return Optional.empty();
    }
    Path path = Path.of(property);
    return path.isAbsolute() ? Optional.of(path) : Optional.empty();
  }

  /**
   * In the packaged desktop app, makes the window's cache and then the command line's on a daemon
   * thread after {@link #DELAY}, each when it is missing or made for another installation;
   * elsewhere does nothing.
   */
  static void makeLaterIfNeeded() {
    Optional<Path> window = named(System.getProperty(PROPERTY));
    Optional<Path> commandLine = named(System.getProperty(COMMAND_LINE_PROPERTY));
    if (window.isEmpty() && commandLine.isEmpty()) {
      return;
    }
    Thread.ofPlatform()
        .daemon()
        .name("startup-cache")
        .start(() -> {
          try {
            Thread.sleep(DELAY);
            window.ifPresent(cache -> makeIfNeeded(Purpose.WINDOW, cache));
            commandLine.ifPresent(cache -> makeIfNeeded(Purpose.COMMAND_LINE, cache));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private static void makeIfNeeded(Purpose purpose, Path cache) {
    try {
      of(
              purpose,
              cache,
              Path.of(System.getProperty("java.home")),
              System.getProperty("java.class.path"),
              ManagementFactory.getRuntimeMXBean().getInputArguments())
          .makeIfNeeded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "The start-up cache " + cache + " was not made", e);
    }
  }

  /**
   * What the JVM checks before it uses a cache, and so what a cache is made for: the runtime's
   * version and place, and every class path entry with its size and modification time.
   */
  String installation() throws IOException {
    StringBuilder key = new StringBuilder();
    key.append("java ").append(Runtime.version()).append(" at ").append(javaHome).append('\n');
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      key.append(entry);
      if (Files.isRegularFile(p)) {
        key.append(' ')
            .append(Files.size(p))
            .append(' ')
            .append(Files.getLastModifiedTime(p).toMillis());
      }
      key.append('\n');
    }
    return key.toString();
  }

  /** Whether a training run is due: no cache made for this installation, and none failed for it. */
  boolean needed() throws IOException {
    String installation = installation();
    boolean made = Files.isRegularFile(cache) && installation.equals(read(madeFor()));
    return !made && !installation.equals(read(failedFor()));
  }

  /**
   * Makes the cache when {@link #needed()}, unless another instance of the app is making it.
   *
   * @return whether a new cache is in place
   */
  public boolean makeIfNeeded() throws IOException, InterruptedException {
    Path folder = cache.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    try (FileChannel lockFile =
            FileChannel.open(
                sibling(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null || !needed()) {
        return false;
      }
      String installation = installation();
      Path output = sibling(".part");
      // The training JVM's recording, which it removes itself unless it was stopped.
      Path recording = sibling(".part.config");
      Path work = sibling(".training");
      try {
        FileTrees.delete(work);
        Files.deleteIfExists(output);
        Files.deleteIfExists(recording);
        Files.createDirectories(work.resolve("tmp"));
        purpose.prepare(work);
        long t0 = System.nanoTime();
        int exit = training.run(command(output, work), sibling(".training.log"));
        if (exit != 0 || !Files.isRegularFile(output)) {
          Files.writeString(failedFor(), installation);
          LOG.log(
              System.Logger.Level.WARNING,
              "The training run for the start-up cache failed (exit {0}); see {1}",
              exit,
              sibling(".training.log"));
          return false;
        }
        Files.move(
            output, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(madeFor(), installation);
        Files.deleteIfExists(failedFor());
        LOG.log(
            System.Logger.Level.INFO,
            "Start-up cache {0} made in {1} s",
            cache,
            (System.nanoTime() - t0) / 1_000_000_000);
        return true;
      } finally {
        FileTrees.delete(work);
        Files.deleteIfExists(output);
        Files.deleteIfExists(recording);
      }
    }
  }

  /**
   * The training run: this runtime's java with the launcher's options (less the caches' own and
   * those set here), {@code -XX:AOTCacheOutput}, the purpose's options, and a temporary folder,
   * preferences root and data folder in {@code work}, running the purpose's command on the same
   * class path.
   */
  List<String> command(Path output, Path work) {
    List<String> command = new ArrayList<>();
    command.add(
        javaHome
            .resolve("bin")
            .resolve(File.separatorChar == '\\' ? "java.exe" : "java")
            .toString());
    for (String option : jvmOptions) {
      if (!option.startsWith("-XX:AOTCache")
          && !option.startsWith("-Xlog:aot")
          && !option.startsWith("-D" + PROPERTY + "=")
          && !option.startsWith("-D" + COMMAND_LINE_PROPERTY + "=")
          && !option.startsWith("-Djava.class.path=")
          && !option.startsWith("-Djava.io.tmpdir=")
          && !option.startsWith("-Djava.util.prefs.userRoot=")
          && !option.startsWith("-Dglass.platform=")
          && !option.startsWith("-Dprism.order=")) {
        command.add(option);
      }
    }
    command.add("-XX:AOTCacheOutput=" + output);
    command.addAll(purpose.jvmOptions);
    command.addAll(
        List.of(
            "-Djava.io.tmpdir=" + work.resolve("tmp"),
            "-Djava.util.prefs.userRoot=" + work.resolve("prefs"),
            "-cp",
            classPath));
    command.addAll(purpose.mainAndArguments(work));
    return command;
  }

  /**
   * Runs the training as a child process, its output in the log; the child (and the JVM it starts
   * to write the cache) ends with this app, leaving no cache, so the next start tries again.
   */
  static int runProcess(List<String> command, Path log) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Thread stop =
        new Thread(() -> {
          process.descendants().forEach(ProcessHandle::destroy);
          process.destroy();
        });
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      return process.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs
      }
    }
  }

  private Path sibling(String suffix) {
    return cache.resolveSibling(cache.getFileName() + suffix);
  }

  private Path madeFor() {
    return sibling(".made-for");
  }

  private Path failedFor() {
    return sibling(".failed-for");
  }

  private static String read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
  }
}
