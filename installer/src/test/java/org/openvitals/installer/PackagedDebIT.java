package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.shell.StartupCache;
import org.openvitals.installer.EmptyEnvironment.Run;

/**
 * The .deb that {@code -Ppackage} built, unpacked with {@code dpkg-deb -x} into a temporary root
 * and run with an empty environment (no JAVA_HOME, PATH=/usr/bin:/bin), so that what runs is the
 * package's own runtime and nothing of the build machine's JDK.
 */
class PackagedDebIT {
  @TempDir static Path root;

  static Path deb;
  static Path launcher;
  static UnpackedPackage unpacked;

  @BeforeAll
  static void unpack() throws Exception {
    List<Path> debs = UnpackedPackage.built(".deb");
    assumeTrue(debs.size() == 1, "one .deb built by -Ppackage (on Linux only)");
    deb = debs.getFirst();
    unpacked = new UnpackedPackage(root);
    Run unpacking = run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()));
    assertThat(unpacking.code()).as(unpacking.output()).isZero();
    launcher = unpacked.launcher();
  }

  static Run run(List<String> command) throws IOException, InterruptedException {
    return unpacked.run(command);
  }

  static Run run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    return unpacked.run(command, env);
  }

  static Run openvitals(String... args) throws IOException, InterruptedException {
    return unpacked.openvitals(args);
  }

  @Test
  void installsUnderOptWithTheCommandOnThePathAMenuEntryAndItsIcon() throws Exception {
    unpacked.assertCommandOnThePathOneMenuEntryAndItsIcons();
    // No JDK tool (no SQLite library in the runtime: linksTheModularJarsIntoItsRuntime).
    assertThat(root.resolve("opt/openvitals/lib/runtime/bin/javac")).doesNotExist();
    // SQLite's library is a file of the app, which the launcher names.
    assertThat(root.resolve("opt/openvitals/lib/app/openvitals.cfg"))
        .content()
        .contains("-Dorg.sqlite.lib.path=$APPDIR/native");
  }

  @Test
  void linksTheModularJarsIntoItsRuntime() throws Exception {
    unpacked.assertModularJarsAreLinkedIntoTheRuntime();
  }

  @Test
  void hasNoSoundOrSplashScreenLibrary() {
    unpacked.assertRuntimeHasNoSoundOrSplashScreenLibrary();
  }

  /** GTK 3, GL and X11, and no ALSA: nothing in the runtime loads it. */
  @Test
  void dependsOnGtk3AndTheLibrariesJavaFxLoadsAndRunsNoScripts() throws Exception {
    Run control = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Version", "Depends"));
    assertThat(control.output())
        .contains("Package: openvitals")
        .contains("libgtk-3-0 | libgtk-3-0t64")
        .contains("libxtst6")
        .contains("libgl1")
        .doesNotContain("libasound");
    // Installing, upgrading and removing touch only the package's files, never the data folder.
    Run info = run(List.of("dpkg-deb", "-I", deb.toString()));
    assertThat(info.output())
        .contains("control")
        .doesNotContain("postinst")
        .doesNotContain("prerm");
  }

  @Test
  void printsItsVersionWithItsOwnRuntime() throws Exception {
    unpacked.assertPrintsItsVersion();
  }

  /**
   * The launchers start the package's java and nothing before it: jpackage's native launchers asked
   * rpm and dpkg at every start which package they belong to (about 0.14 s; ShellLaunchers).
   */
  @Test
  void theLaunchersAskNoPackageManager() throws Exception {
    Path tools = root.resolve("package-tools");
    Path asked = root.resolve("package-tools-asked");
    Files.createDirectories(tools);
    for (String tool : List.of("rpm", "dpkg", "dpkg-query")) {
      Path fake = tools.resolve(tool);
      Files.writeString(fake, "#!/bin/sh\necho \"$0 $*\" >> '" + asked + "'\nexit 1\n");
      assertThat(fake.toFile().setExecutable(true)).isTrue();
    }
    for (String name : List.of(Packager.NAME, Packager.WINDOW_LAUNCHER)) {
      Path launcher = root.resolve("opt/openvitals/bin/" + name);
      Run version =
          run(List.of(launcher.toString(), "--version"), Map.of("PATH", tools + ":/usr/bin:/bin"));
      assertThat(version.code()).as(version.output()).isZero();
      assertThat(version.output().strip()).startsWith("OpenVitals 0.");
      assertThat(asked).as("asked by " + name).doesNotExist();
      assertThat(Files.readString(launcher)).startsWith("#!/bin/sh\n");
    }
    assertThat(root.resolve("opt/openvitals/lib/libapplauncher.so")).doesNotExist();
  }

  /**
   * Through a link elsewhere (as {@code /usr/bin/openvitals}), each argument reaches the app as it
   * is, spaces and quotes included, and the app's exit code comes back; {@code JDK_JAVA_OPTIONS},
   * which jpackage's launcher never read, changes nothing.
   */
  @Test
  void passesArgumentsAsTheyAreAndReturnsTheAppsExitCodeThroughALink() throws Exception {
    Path link = root.resolve("usr/local/bin/openvitals");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of("../../../opt/openvitals/bin/openvitals"));
    String data = root.resolve("my data 'quoted' \"twice\" $HOME *").toString();
    Map<String, String> env = Map.of("JDK_JAVA_OPTIONS", "-XX:+NoSuchOption");

    Run demo = run(List.of(link.toString(), "--data-dir", data, "demo", "--days", "3"), env);
    assertThat(demo.code()).as(demo.output()).isZero();
    assertThat(Path.of(data)).isDirectory();
    Run summary =
        run(List.of(link.toString(), "--data-dir", data, "summary", "--metric", "steps"), env);
    assertThat(summary.code()).as(summary.output()).isZero();

    Run wrong = run(List.of(link.toString(), "--data-dir", data, "no such command"), env);
    assertThat(wrong.code()).as(wrong.output()).isEqualTo(2); // picocli's usage error
    assertThat(wrong.output()).contains("no such command");
  }

  /**
   * The budget: at most 120 MB installed (runtime, jars, launcher), which dpkg's
   * Installed-Size (KiB) must say too.
   */
  @Test
  void installsInAtMost120Mb() throws Exception {
    long bytes = Packager.sizeOf(root.resolve("opt/openvitals"));
    assertThat(bytes).as("bytes under /opt/openvitals").isLessThanOrEqualTo(120_000_000L);
    Run size = run(List.of("dpkg-deb", "-f", deb.toString(), "Installed-Size"));
    long installedKib = Long.parseLong(size.output().replaceAll("\\D", ""));
    assertThat(installedKib * 1024).isBetween(bytes, bytes + 2_000_000L);
  }

  @Test
  void passesItsSelfTestWithItsOwnRuntime() throws Exception {
    unpacked.assertPassesItsSelfTest();
  }

  @Test
  void fillsADemoStoreAndSummarisesIt() throws Exception {
    String data = root.resolve("data").toString();
    Run demo = openvitals("--data-dir", data, "demo", "--days", "30");
    assertThat(demo.code()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("Wrote 30 days of demo data");

    Run summary = openvitals("--data-dir", data, "summary", "--metric", "steps", "--json");
    assertThat(summary.code()).as(summary.output()).isZero();
    assertThat(summary.output()).contains("\"value\"");
  }

  /**
   * The menu entry's launcher names a start-up cache in the user's cache folder (the command line's
   * another) and starts silently while it is missing or not a cache; a training run as the desktop
   * app makes it (StartupCache) gives one the package's JVM maps.
   */
  @Test
  void startsSilentlyWithoutAStartupCacheAndUsesTheOneItsTrainingMakes() throws Exception {
    Path cfg = root.resolve("opt/openvitals/lib/app/" + Packager.WINDOW_LAUNCHER + ".cfg");
    assertThat(cfg)
        .content()
        .contains("java-options=-XX:AOTCache=" + Packager.LINUX_STARTUP_CACHE)
        .contains("java-options=-Xlog:aot*=off")
        .contains("java-options=-Dorg.sqlite.lib.path=$APPDIR/native");
    assertThat(root.resolve("opt/openvitals/lib/app/openvitals.cfg"))
        .content()
        .doesNotContain("AOTCache=" + Packager.LINUX_STARTUP_CACHE);
    Path windowLauncher = root.resolve("opt/openvitals/bin/" + Packager.WINDOW_LAUNCHER);
    Path home = root.resolve("home");
    Path cache = home.resolve(".cache/OpenVitals/openvitals.aot");
    assertStartsSilentlyWithoutACache(windowLauncher, home, cache);

    List<String> lines = Files.readAllLines(cfg);
    String classPath = classPath(lines);
    List<String> options = options(lines, home);
    Path runtime = train(StartupCache.Purpose.WINDOW, cache, classPath, options);

    List<String> command = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
    command.addAll(options);
    command.addAll(List.of("-Xlog:aot=info", "-cp", classPath, Packager.MAIN_CLASS, "--version"));
    Run withCache = runWithHome(home, command);
    assertThat(withCache.code()).as(withCache.output()).isZero();
    assertThat(withCache.output()).contains("Using AOT-linked classes: true");
    try (Stream<Path> left = Files.list(home.resolve(".cache/OpenVitals"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .doesNotContain("openvitals.aot.part", "openvitals.aot.training");
    }
  }

  /**
   * The command line's launcher names a cache of its own, starts silently while it is missing or
   * not a cache, and loads its classes from the one the desktop app's training makes.
   */
  @Test
  void theCommandLineStartsSilentlyWithoutItsCacheAndLoadsClassesFromTheOneItsTrainingMakes()
      throws Exception {
    Path cfg = root.resolve("opt/openvitals/lib/app/openvitals.cfg");
    assertThat(cfg)
        .content()
        .contains("java-options=-XX:AOTCache=" + Packager.LINUX_COMMAND_LINE_CACHE)
        .contains("java-options=-Xlog:aot*=off")
        .contains(
            "java-options=-D"
                + StartupCache.COMMAND_LINE_PROPERTY
                + "="
                + Packager.LINUX_COMMAND_LINE_CACHE);
    assertThat(root.resolve("opt/openvitals/lib/app/" + Packager.WINDOW_LAUNCHER + ".cfg"))
        .content()
        .contains(
            "java-options=-D"
                + StartupCache.COMMAND_LINE_PROPERTY
                + "="
                + Packager.LINUX_COMMAND_LINE_CACHE);
    Path launcher = root.resolve("opt/openvitals/bin/openvitals");
    Path home = root.resolve("home-cli");
    Path cache = home.resolve(".cache/OpenVitals/openvitals-cli.aot");
    assertStartsSilentlyWithoutACache(launcher, home, cache);

    List<String> lines = Files.readAllLines(cfg);
    String classPath = classPath(lines);
    List<String> options = options(lines, home);
    Path runtime = train(StartupCache.Purpose.COMMAND_LINE, cache, classPath, options);

    List<String> command = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
    command.addAll(options);
    command.addAll(
        List.of("-Xlog:class+load=info", "-cp", classPath, Packager.MAIN_CLASS, "--version"));
    Run withCache = runWithHome(home, command);
    assertThat(withCache.code()).as(withCache.output()).isZero();
    assertThat(withCache.output()).contains(Packager.MAIN_CLASS + " source: shared objects file");
    Run version = runWithHome(home, List.of(launcher.toString(), "--version"));
    assertThat(version.output().strip()).startsWith("OpenVitals 0.").doesNotContain("aot");

    // The training imports through the import command, so the command's own classes are cached
    // and linked too.
    Path export = home.resolve("export.xml");
    try (InputStream in =
        ClassLoader.getSystemResourceAsStream("org/openvitals/app/cli/self-test-export.xml")) {
      Files.copy(in, export);
    }
    List<String> importing = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
    importing.addAll(options);
    importing.addAll(
        List.of(
            "-Xlog:aot=info",
            "-Xlog:class+load=info",
            "-cp",
            classPath,
            Packager.MAIN_CLASS,
            "--data-dir",
            home.resolve("data").toString(),
            "import",
            export.toString()));
    Run imported = runWithHome(home, importing);
    assertThat(imported.code()).as(imported.output()).isZero();
    assertThat(imported.output())
        .contains("Using AOT-linked classes: true")
        .contains("org.openvitals.app.cli.ImportCommand$Listener source: shared objects file");
  }

  private static String classPath(List<String> cfg) {
    Path appDir = root.resolve("opt/openvitals/lib/app");
    return String.join(
        File.pathSeparator,
        cfg.stream()
            .filter(l -> l.startsWith("app.classpath="))
            .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", appDir.toString()))
            .toList());
  }

  /** The cfg's JVM options as its launcher expands them for {@code home}. */
  private static List<String> options(List<String> cfg, Path home) {
    Path appDir = root.resolve("opt/openvitals/lib/app");
    return cfg.stream()
        .filter(l -> l.startsWith("java-options="))
        .map(l ->
            l.substring("java-options=".length())
                .replace("$APPDIR", appDir.toString())
                .replace("$HOME", home.toString()))
        .toList();
  }

  private static Run runWithHome(Path home, List<String> command)
      throws IOException, InterruptedException {
    return run(command, Map.of("HOME", home.toString()));
  }

  /**
   * `--version` through the launcher succeeds and prints nothing about a missing or broken cache.
   */
  private void assertStartsSilentlyWithoutACache(Path launcher, Path home, Path cache)
      throws Exception {
    Files.createDirectories(cache.getParent());
    for (String content : List.of("", "not a cache")) {
      if (!content.isEmpty()) {
        Files.writeString(cache, content);
      }
      Run version = runWithHome(home, List.of(launcher.toString(), "--version"));
      assertThat(version.code()).as(version.output()).isZero();
      assertThat(version.output().strip()).startsWith("OpenVitals 0.").doesNotContain("aot");
    }
    Files.delete(cache);
  }

  /** Makes the cache as the desktop app does, with the package's runtime; returns that runtime. */
  private Path train(
      StartupCache.Purpose purpose, Path cache, String classPath, List<String> options)
      throws Exception {
    Path runtime = root.resolve("opt/openvitals/lib/runtime");
    assertThat(StartupCache.of(purpose, cache, runtime, classPath, options).makeIfNeeded())
        .as(
            "training log: %s",
            Files.readString(cache.resolveSibling(cache.getFileName() + ".training.log")))
        .isTrue();
    return runtime;
  }
}
