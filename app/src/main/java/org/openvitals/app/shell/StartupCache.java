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
import org.openvitals.core.files.FileTrees;

/**
 * The package's start-up cache: a JDK 25 AOT cache (JEP 483, 514, 515) made on the person's own
 * machine rather than shipped, which would take the package over its 120 MB (docs/architecture.md,
 * "Packaging"). The Linux menu entry's launcher ({@code openvitals-window}; the command line's has
 * none) names the cache with {@code -XX:AOTCache} and {@code -Xlog:aot*=off} in the user's cache
 * folder, and tells the app where that is with {@link #PROPERTY}. While the cache is missing, or
 * was made for other jars or another runtime (an update), the JVM starts without it, silently, and
 * the desktop app, a while after its window is up, makes it: a training run of {@code self-test
 * --window} on JavaFX's headless platform in a child JVM with this JVM's runtime, options and class
 * path plus {@code -XX:AOTCacheOutput}, its temporary store, preferences and log in the cache
 * folder. The finished cache is moved into place in one step, so a start never maps half a file; a
 * failed run is recorded and not repeated for the same installation.
 */
public final class StartupCache {
  /** The system property by which the package's launcher names the cache file. */
  public static final String PROPERTY = "openvitals.startupCache";

  /** How long after the window opens the training starts, so it does not slow the first minutes. */
  static final Duration DELAY = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(StartupCache.class.getName());

  /** Runs a training command, its output going to the log file; returns its exit code. */
  interface Training {
    int run(List<String> command, Path log) throws IOException, InterruptedException;
  }

  private final Path cache;
  private final Path javaHome;
  private final String classPath;
  private final List<String> jvmOptions;
  private final Training training;

  /**
   * @param cache the file the launcher's {@code -XX:AOTCache} names
   * @param javaHome the runtime the app runs on (the training runs on the same)
   * @param classPath the app's class path, exactly as the launcher gave it
   * @param jvmOptions the launcher's JVM options, as this JVM received them
   */
  StartupCache(
      Path cache, Path javaHome, String classPath, List<String> jvmOptions, Training training) {
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
      Path cache, Path javaHome, String classPath, List<String> jvmOptions) {
    return new StartupCache(cache, javaHome, classPath, jvmOptions, StartupCache::runProcess);
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
   * In the packaged desktop app, makes the cache on a daemon thread after {@link #DELAY} when it is
   * missing or made for another installation; elsewhere does nothing.
   */
  static void makeLaterIfNeeded() {
    named(System.getProperty(PROPERTY))
        .ifPresent(cache ->
            Thread.ofPlatform()
                .daemon()
                .name("startup-cache")
                .start(() -> {
                  try {
                    Thread.sleep(DELAY);
                    of(
                            cache,
                            Path.of(System.getProperty("java.home")),
                            System.getProperty("java.class.path"),
                            ManagementFactory.getRuntimeMXBean().getInputArguments())
                        .makeIfNeeded();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "The start-up cache was not made", e);
                  }
                }));
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
   * The training run: this runtime's java with the launcher's options (less the cache's own and
   * those set here), {@code -XX:AOTCacheOutput}, JavaFX's headless platform, and a temporary
   * folder, preferences root and data folder in {@code work}, running {@code self-test --window} on
   * the same class path.
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
          && !option.startsWith("-Djava.class.path=")
          && !option.startsWith("-Djava.io.tmpdir=")
          && !option.startsWith("-Djava.util.prefs.userRoot=")
          && !option.startsWith("-Dglass.platform=")
          && !option.startsWith("-Dprism.order=")) {
        command.add(option);
      }
    }
    command.addAll(
        List.of(
            "-XX:AOTCacheOutput=" + output,
            "-Djava.io.tmpdir=" + work.resolve("tmp"),
            "-Djava.util.prefs.userRoot=" + work.resolve("prefs"),
            "-Dglass.platform=Headless",
            "-Dprism.order=sw",
            "-cp",
            classPath,
            Main.class.getName(),
            "--data-dir",
            work.resolve("data").toString(),
            "self-test",
            "--window"));
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
