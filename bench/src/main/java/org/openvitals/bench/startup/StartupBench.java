package org.openvitals.bench.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openvitals.app.dashboard.Period;
import org.openvitals.app.shell.StartupCache;
import org.openvitals.bench.dashboard.DashboardBench;
import org.openvitals.connectors.applehealth.ExportGenerator;
import org.openvitals.core.files.FileTrees;

/**
 * Start-up of the current launcher against one or more packaged apps (each {@code --image}), in one
 * run, in fresh processes, alternating: cold start to a dashboard showing values on the five-year
 * store (the {@link DashboardBench} child, run on each variant's runtime and class path), {@code
 * openvitals --version}, and a CLI import of a generated Apple Health export, whose start-up share
 * is the wall time outside the import's own {@code seconds}. Run with {@code bench/startup --image
 * installer/target/packaging/image/openvitals}, or with {@code --before DIR} (another checkout,
 * built with {@code ./mvnw -pl bench -am package}) to put that checkout's {@code ./openvitals}
 * first, as the baseline, before a change; both options together give all four. {@code --cli-only}
 * leaves out the dashboard (and the five-year store it needs). Each command's CPU seconds (user and
 * system, its children included) are reported beside its wall time: on a shared machine they vary
 * less with the load.
 */
public final class StartupBench {
  private StartupBench() {}

  /**
   * How one variant starts: the JVM and its options, and its class path (the dashboard's child
   * appends the bench's classes after it, which leaves a class-data archive valid), and the command
   * line's own start.
   */
  record Variant(String name, List<String> jvm, String classPath, List<String> cli, Path home) {
    /** A checkout's class path already holds its own bench classes (its own ColdStart). */
    boolean benchClasses() {
      return name.startsWith("before");
    }
  }

  public static void main(String[] args) throws Exception {
    List<Path> images = new ArrayList<>();
    Path before = null;
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Path store = Path.of("target", "dashboard-store").toAbsolutePath();
    Path work = Path.of("target", "startup-bench").toAbsolutePath();
    int runs = 5;
    int exportMb = 200;
    boolean cliOnly = false;
    boolean dashboardOnly = false;
    boolean ownStores = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--image" -> images.add(Path.of(args[++i]).toAbsolutePath());
        case "--before" -> before = Path.of(args[++i]).toAbsolutePath().normalize();
        case "--store" -> store = Path.of(args[++i]).toAbsolutePath();
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--export-mb" -> exportMb = Integer.parseInt(args[++i]);
        case "--cli-only" -> cliOnly = true;
        case "--dashboard-only" -> dashboardOnly = true;
        case "--own-stores" -> ownStores = true;
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    if (images.isEmpty() && before == null) {
      throw new IllegalArgumentException(
          "--image DIR: the packaged app (installer/target/packaging/image/openvitals, or"
              + " /opt/openvitals when installed), and/or --before DIR: another checkout whose"
              + " ./openvitals to compare with (built with ./mvnw -pl bench -am package)");
    }
    if (!cliOnly) {
      DashboardBench.ensureStore(store);
    }
    Path export =
        dashboardOnly ? null : ensureExport(work.resolve("export-" + exportMb + "mb"), exportMb);
    String benchClasses = Path.of("target", "classes").toAbsolutePath().toString();

    List<Variant> variants = new ArrayList<>();
    if (before != null) {
      variants.add(checkout(before));
    }
    variants.add(
        new Variant(
            "./openvitals", null, null, List.of(repo.resolve("openvitals").toString()), null));
    // Which store each variant's dashboard opens: with --own-stores each package its own copy.
    Map<String, Path> storeOf = new LinkedHashMap<>();
    for (int i = 0; i < images.size(); i++) {
      String name = images.size() == 1 ? "packaged" : "packaged #" + (i + 1);
      System.out.printf(Locale.ROOT, "%s: %s%n", name, images.get(i));
      Path own = ownStores && !cliOnly ? copyOnce(store, work.resolve("store-" + (i + 1))) : store;
      for (Variant v : packaged(name, images.get(i), work.resolve("home-" + (i + 1)), !cliOnly)) {
        variants.add(v);
        storeOf.put(v.name(), own);
      }
    }
    String loadBefore = loadAverage();
    Map<String, List<Long>> dashboard = new LinkedHashMap<>();
    Map<String, List<double[]>> version = new LinkedHashMap<>();
    Map<String, List<double[]>> imports = new LinkedHashMap<>();
    Path prefs = work.resolve("prefs");
    if (ownStores && !cliOnly) {
      // Untimed: each store's shown days resolved and stored by the code that opens it.
      for (Variant v : variants) {
        DashboardBench.child(
            v.classPath() == null ? DashboardBench.launcherJvm() : v.jvm(),
            childClassPath(v, benchClasses),
            "dashboard",
            storeOf.getOrDefault(v.name(), store),
            prefs.resolve(v.name()),
            Period.WEEK);
      }
    }
    for (int i = 0; i < runs; i++) {
      for (Variant v : variants) {
        String cp = childClassPath(v, benchClasses);
        List<String> jvm = v.classPath() == null ? DashboardBench.launcherJvm() : v.jvm();
        if (!cliOnly) {
          DashboardBench.Start start =
              DashboardBench.child(
                  jvm,
                  cp,
                  "dashboard",
                  storeOf.getOrDefault(v.name(), store),
                  prefs.resolve(v.name()),
                  Period.WEEK);
          // The child's phases (ms since its JVM started), to see where a start went.
          System.out.printf(
              Locale.ROOT, "  %s: %d ms (%s)%n", v.name(), start.wallMs(), start.phases());
          dashboard.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(start.wallMs());
        }
        if (!dashboardOnly) {
          version.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(version(v));
          imports
              .computeIfAbsent(v.name(), k -> new ArrayList<>())
              .add(importOnce(v, export, work));
        }
      }
      System.out.printf(Locale.ROOT, "run %d of %d done%n", i + 1, runs);
    }
    report(variants, dashboard, version, imports, runs, loadBefore);
  }

  private static String childClassPath(Variant v, String benchClasses) {
    return v.classPath() == null
        ? System.getProperty("java.class.path")
        : v.benchClasses() ? v.classPath() : v.classPath() + File.pathSeparator + benchClasses;
  }

  /**
   * A copy of {@code store} at {@code copy}, made once: packages whose rules' code differs would
   * otherwise each resolve again the days the other stored, at every start.
   */
  private static Path copyOnce(Path store, Path copy) throws IOException {
    Path complete = copy.resolve("complete");
    if (!Files.exists(complete)) {
      System.out.printf(Locale.ROOT, "copying %s to %s%n", store, copy);
      try (var files = Files.walk(store)) {
        for (Path f : files.toList()) {
          Path to = copy.resolve(store.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else if (!f.getFileName().toString().equals("complete")) {
            Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Files.copy(store.resolve("complete"), complete);
    }
    return copy;
  }

  /**
   * Another checkout's {@code ./openvitals} (say, main before a change), its dashboard started by
   * its own bench's {@link org.openvitals.bench.dashboard.ColdStart} on its own jars, as that
   * checkout's {@code bench/dashboard} would.
   */
  static Variant checkout(Path dir) throws IOException {
    Path target = dir.resolve("bench/target");
    if (!Files.isDirectory(target.resolve("classes"))) {
      throw new IllegalArgumentException(
          dir + " has no bench/target/classes: build it with ./mvnw -pl bench -am package");
    }
    String javafx = "";
    StringBuilder classPath = new StringBuilder(target.resolve("classes").toString());
    try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
      for (Path jar : jars.sorted().toList()) {
        String name = jar.getFileName().toString();
        if (name.startsWith("javafx-") && !name.matches(".*\\d\\.jar")) {
          javafx += (javafx.isEmpty() ? "" : File.pathSeparator) + jar;
        } else if (!name.startsWith("javafx-")) {
          classPath.append(File.pathSeparator).append(jar);
        }
      }
    }
    List<String> jvm =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED,javafx.graphics",
            "--module-path",
            javafx,
            "--add-modules",
            "javafx.controls");
    return new Variant(
        "before: " + dir.getFileName(),
        jvm,
        classPath.toString(),
        List.of(dir.resolve("openvitals").toString()),
        null);
  }

  /**
   * A packaged app: the dashboard's child on its runtime with its launcher's class path and JVM
   * options (whatever archive they name included), the command line through its own launcher, with
   * {@code $HOME} set to {@code home}. When the package's window launcher names a start-up cache
   * there (the AOT cache the desktop app makes after its first start), the bench makes it as the
   * package's own app would ({@link TrainStartupCache}), and the dashboard is measured twice: with
   * the cache and without it (its options left out). When the command line's launcher names a cache
   * of its own, the bench makes that too: the command line then runs with it in the first variant,
   * and without it (an empty home) in the second. The window's cache is made only when the
   * dashboard is measured ({@code measuresWindow}): a command never reads it, and making it takes a
   * training run of its own.
   */
  static List<Variant> packaged(String name, Path image, Path home, boolean measuresWindow)
      throws IOException, InterruptedException {
    Path appDir = image.resolve("lib/app");
    // The menu entry's launcher where the package has one of its own (it names the cache).
    Path window = appDir.resolve("openvitals-window.cfg");
    List<String> lines =
        Files.readAllLines(Files.exists(window) ? window : appDir.resolve("openvitals.cfg"));
    String classPath =
        String.join(File.pathSeparator, values(lines, "app.classpath", appDir, home));
    List<String> options = values(lines, "java-options", appDir, home);
    Path runtime = image.resolve("lib/runtime");
    List<String> cli = List.of(image.resolve("bin/openvitals").toString());
    List<String> jvm = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
    jvm.addAll(options);
    Files.createDirectories(home);
    Variant asIs = new Variant(name, jvm, classPath, cli, home);
    String cache =
        StartupCache.named(
                options.stream()
                    .filter(o -> o.startsWith("-D" + StartupCache.PROPERTY + "="))
                    .map(o -> o.substring(o.indexOf('=') + 1))
                    .findFirst()
                    .orElse(null))
            .map(Path::toString)
            .orElse(null);
    if (cache == null) {
      return List.of(asIs);
    }
    if (measuresWindow
        && train(
            StartupCache.Purpose.WINDOW, Path.of(cache), runtime, classPath, options, classPath)) {
      System.out.printf(Locale.ROOT, "%s: start-up cache made, %s%n", name, cache);
    }
    makeCommandLineCache(name, appDir, runtime, classPath, home, options);
    List<String> without = new ArrayList<>();
    for (String o : jvm) {
      if (!o.startsWith("-XX:AOTCache=") && !o.startsWith("-D" + StartupCache.PROPERTY + "=")) {
        without.add(o);
      }
    }
    Path emptyHome = home.resolveSibling(home.getFileName() + "-without-cache");
    Files.createDirectories(emptyHome);
    return List.of(
        new Variant(name + ", cache", jvm, classPath, cli, home),
        new Variant(name + ", no cache", without, classPath, cli, emptyHome));
  }

  /**
   * Makes the command line's start-up cache in {@code home} as the desktop app would, when the
   * command line's launcher names one: the app's training run gets the options of the app's own JVM
   * ({@code appOptions}, the window launcher's), not the command line's, so a JVM option named for
   * commands only (another collector, say) is not in it.
   */
  private static void makeCommandLineCache(
      String name,
      Path appDir,
      Path runtime,
      String appClassPath,
      Path home,
      List<String> appOptions)
      throws IOException, InterruptedException {
    List<String> lines = Files.readAllLines(appDir.resolve("openvitals.cfg"));
    List<String> options = values(lines, "java-options", appDir, home);
    Optional<Path> cache =
        StartupCache.named(
            options.stream()
                .filter(o -> o.startsWith("-D" + StartupCache.COMMAND_LINE_PROPERTY + "="))
                .map(o -> o.substring(o.indexOf('=') + 1))
                .findFirst()
                .orElse(null));
    if (cache.isPresent()
        && train(
            StartupCache.Purpose.COMMAND_LINE,
            cache.get(),
            runtime,
            String.join(File.pathSeparator, values(lines, "app.classpath", appDir, home)),
            appOptions,
            appClassPath)) {
      System.out.printf(
          Locale.ROOT, "%s: command line's start-up cache made, %s%n", name, cache.get());
    }
  }

  /**
   * Makes a package's cache with the package's own training ({@link TrainStartupCache} in a child
   * JVM on its runtime and {@code appClassPath}, with the app's options but no cache, as the app
   * that trains runs: its preparation may open a store, which needs the package's native library
   * path); whether a new cache is in place.
   */
  private static boolean train(
      StartupCache.Purpose purpose,
      Path cache,
      Path runtime,
      String classPath,
      List<String> options,
      String appClassPath)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(runtime.resolve("bin/java").toString()));
    options.stream()
        .filter(o -> !o.startsWith("-XX:AOTCache=") && !o.startsWith("-Xlog:aot"))
        .forEach(command::add);
    command.addAll(
        List.of(
            "-cp",
            appClassPath + File.pathSeparator + Path.of("target", "classes").toAbsolutePath(),
            TrainStartupCache.class.getName(),
            purpose.name(),
            cache.toString(),
            runtime.toString(),
            classPath));
    command.addAll(options);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("Training the " + purpose + " cache failed: " + out);
    }
    return out.endsWith("made");
  }

  /**
   * The cfg's values of one key, with {@code $APPDIR} and environment variables ({@code $HOME},
   * {@code ${XDG_CACHE_HOME}}) expanded as the launcher expands them; an unset variable stays as
   * written.
   */
  private static List<String> values(List<String> cfg, String key, Path appDir, Path home) {
    return cfg.stream()
        .filter(l -> l.startsWith(key + "="))
        .map(l -> expand(l.substring(key.length() + 1).replace("$APPDIR", appDir.toString()), home))
        .toList();
  }

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private static String expand(String value, Path home) {
    return VARIABLE
        .matcher(value)
        .replaceAll(m -> {
          String name = m.group(1) != null ? m.group(1) : m.group(2);
          String set = name.equals("HOME") ? home.toString() : System.getenv(name);
          return Matcher.quoteReplacement(set == null ? m.group() : set);
        });
  }

  /** {wall ms, CPU ms} of {@code openvitals --version}. */
  private static double[] version(Variant v) throws Exception {
    List<String> command = new ArrayList<>(v.cli());
    command.add("--version");
    double cpu0 = childrenCpuSeconds();
    long t0 = System.nanoTime();
    String out = run(command, v.home());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (!out.startsWith("OpenVitals ")) {
      throw new IllegalStateException(v.name() + " --version printed " + out);
    }
    return new double[] {ms, 1000 * (childrenCpuSeconds() - cpu0)};
  }

  /**
   * {total seconds, the import's own seconds, records read, CPU seconds} for one import into a new
   * data folder.
   */
  private static double[] importOnce(Variant v, Path export, Path work) throws Exception {
    Path data = work.resolve("import-data");
    FileTrees.delete(data);
    List<String> command = new ArrayList<>(v.cli());
    command.addAll(List.of("--data-dir", data.toString(), "import", export.toString(), "--json"));
    double cpu0 = childrenCpuSeconds();
    long t0 = System.nanoTime();
    String out = run(command, v.home());
    double total = (System.nanoTime() - t0) / 1e9;
    double cpu = childrenCpuSeconds() - cpu0;
    JsonNode json = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
    if (!json.path("completed").asBoolean()) {
      throw new IllegalStateException(v.name() + " import failed: " + out);
    }
    FileTrees.delete(data);
    return new double[] {total, json.path("seconds").asDouble(), json.path("read").asDouble(), cpu};
  }

  /**
   * User and system CPU seconds of this process's finished children so far (Linux: cutime and
   * cstime of /proc/self/stat, counted when a child is reaped, its own children included); NaN
   * elsewhere.
   */
  static double childrenCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // Fields after the command name (which may hold spaces) start with the state, field 3.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static Path ensureExport(Path dir, int sizeMb) throws IOException {
    Path marker = dir.resolve(".complete");
    if (!Files.exists(marker)) {
      System.out.printf(Locale.ROOT, "Generating a %d MB export in %s%n", sizeMb, dir);
      ExportGenerator.Result g = ExportGenerator.writeFolder(dir, (long) sizeMb << 20, 1);
      Files.writeString(marker, g.records() + "\n");
    }
    return dir.resolve("export.xml");
  }

  /** Runs a command, with {@code $HOME} set to {@code home} unless that is null. */
  private static String run(List<String> command, Path home) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    if (home != null) {
      builder.environment().put("HOME", home.toString());
      // The launcher would take the caches from there; the bench makes them in $HOME/.cache.
      builder.environment().remove("XDG_CACHE_HOME");
    }
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out.strip();
  }

  private static void report(
      List<Variant> variants,
      Map<String, List<Long>> dashboard,
      Map<String, List<double[]>> version,
      Map<String, List<double[]>> imports,
      int runs,
      String loadBefore) {
    String base = variants.getFirst().name();
    System.out.printf(
        Locale.ROOT,
        "%nStart-up, median of %d fresh processes per variant (load average before: %s)%n",
        runs,
        loadBefore);
    System.out.printf(
        Locale.ROOT,
        "%-24s %22s %29s %34s %17s%n",
        "",
        "dashboard with values",
        "--version: wall, CPU",
        "CLI import: total / outside import",
        "import CPU");
    double baseVersion = version.isEmpty() ? 0 : median(version.get(base), 0);
    double baseVersionCpu = version.isEmpty() ? 0 : median(version.get(base), 1);
    double baseImportCpu = imports.isEmpty() ? 0 : median(imports.get(base), 3);
    for (Variant v : variants) {
      String d = "n/a";
      if (dashboard.containsKey(v.name())) {
        long ms = DashboardBench.median(dashboard.get(v.name()));
        d =
            String.format(
                Locale.ROOT,
                "%d ms (%.2fx)",
                ms,
                (double) ms / DashboardBench.median(dashboard.get(base)));
      }
      if (!version.containsKey(v.name())) {
        System.out.printf(Locale.ROOT, "%-24s %22s%n", v.name(), d);
        continue;
      }
      double ver = median(version.get(v.name()), 0);
      double verCpu = median(version.get(v.name()), 1);
      List<double[]> runsOf = new ArrayList<>(imports.get(v.name()));
      runsOf.sort(Comparator.comparingDouble(r -> r[0]));
      double[] mid = runsOf.get(runsOf.size() / 2);
      double outside = mid[0] - mid[1];
      double importCpu = median(imports.get(v.name()), 3);
      System.out.printf(
          Locale.ROOT,
          "%-24s %22s %6.0f ms (%.2fx) %5.0f ms (%.2fx) %7.2f s / %.2f s = %4.1f %% of %,.0f"
              + " records %6.2f s (%.2fx)%n",
          v.name(),
          d,
          ver,
          ver / baseVersion,
          verCpu,
          verCpu / baseVersionCpu,
          mid[0],
          outside,
          100 * outside / mid[0],
          mid[2],
          importCpu,
          importCpu / baseImportCpu);
    }
    System.out.printf(Locale.ROOT, "Load average after: %s%n", loadAverage());
  }

  /** The median of one column of the runs. */
  private static double median(List<double[]> runs, int column) {
    double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return values[values.length / 2];
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "n/a";
    }
  }
}
