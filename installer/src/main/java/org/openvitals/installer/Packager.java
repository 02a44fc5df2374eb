package org.openvitals.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the packages of the OS it runs on from the built app ({@code app/target/openvitals.jar}
 * and {@code app/target/lib}):
 *
 * <ol>
 *   <li>the icons, rendered from the SVG source ({@link Icons});
 *   <li>the app's jars (those its manifest's Class-Path names), without JavaFX (it goes into the
 *       runtime) and with only this platform's SQLite and JNA native libraries;
 *   <li>a runtime made by jlink with the modules jdeps finds (plus locale data), JavaFX from its
 *       platform jars and the app's jars that are modules ({@link LinkedModules}), no debug
 *       attributes, man pages or headers, nor the sound and splash screen libraries ({@link
 *       #LEFT_OUT_LIBRARIES});
 *   <li>a jpackage app image, on Linux with sh launchers made from jpackage's ({@link
 *       ShellLaunchers});
 *   <li>the native packages: .deb (and .rpm when rpmbuild is there) on Linux, .dmg on macOS, .msi
 *       on Windows.
 * </ol>
 *
 * The package ships no start-up cache (an AOT cache is 28 to 63 MB, over the size budget); on Linux
 * the menu entry's launcher ({@link #WINDOW_LAUNCHER}) and the command line's each name one in the
 * user's cache folder, which the app makes there after its first start (see docs/architecture.md,
 * "Packaging").
 */
public final class Packager {
  static final String NAME = "openvitals";
  static final String DISPLAY_NAME = "OpenVitals";
  static final String MAIN_CLASS = "org.openvitals.app.Main";

  /** Fixed for the life of the product: Windows Installer replaces an older install with it. */
  static final String WINDOWS_UPGRADE_UUID = "6b0f3c52-8d53-4a61-9a4a-4f0d2c7e9b14";

  /**
   * Modules the app loads without a static reference jdeps could see: localized dates and numbers
   * for every locale (DisplayValues formats in the user's), and the zip file system the rules'
   * fingerprint reads its own jar with (a provider found at run time; without it the packaged app
   * merges every day again in each session).
   */
  static final List<String> EXTRA_MODULES = List.of("jdk.localedata", "jdk.zipfs");

  /**
   * The languages whose date and number formats the runtime keeps (with every country's variant):
   * all of jdk.localedata would add 9 MB more. Others fall back to English formats.
   */
  static final String LOCALES = "en,de,fr,es,it,nl,pt,sv,da,nb,nn,fi,pl,cs,ja,zh,ko,ru,tr";

  /**
   * The JDK's native libraries the runtime leaves out, by the names {@code System.loadLibrary} is
   * given: javax.sound's, the only file in the runtime that needs ALSA ({@code libasound.so.2}),
   * which the Linux packages would otherwise depend on, and the splash screen's, which only {@code
   * java -splash:} and a {@code SplashScreen-Image} manifest entry load (the launchers give
   * neither). The app plays no sound and shows no splash screen; their classes stay, in {@code
   * java.desktop}, which {@code javafx.base} and {@code javafx.graphics} require and whose AWT
   * opens the browser ({@code java.awt.Desktop}). The app's ArchitectureTest keeps its classes from
   * using them.
   */
  static final List<String> LEFT_OUT_LIBRARIES = List.of("jsound", "splashscreen");

  /**
   * jlink's {@code --exclude-files} patterns for {@link #LEFT_OUT_LIBRARIES}: jlink names a native
   * library {@code /java.desktop/lib/FILE} (read from a jmod or from a runtime without jmods), the
   * folder left open for whatever a Windows JDK calls it.
   */
  static String leftOutLibrariesPatterns(Os os) {
    return LEFT_OUT_LIBRARIES.stream()
        .map(name -> "glob:/java.desktop/*/" + os.libraryFile(name))
        .collect(Collectors.joining(","));
  }

  /**
   * The folder of the app ({@code $APPDIR}) holding sqlite-jdbc's native library, out of its jar:
   * from the jar, sqlite-jdbc copies it to the temporary folder and compares it with the jar's at
   * every start (about a tenth of a CPU second).
   */
  static final String NATIVE_DIR = "native";

  /** sqlite-jdbc's module, linked into the runtime ({@link LinkedModules}). */
  static final String SQLITE_MODULE = "org.xerial.sqlitejdbc";

  /**
   * JVM options of every launcher: JavaFX and sqlite-jdbc load native libraries (JNA from the class
   * path), sqlite-jdbc's from {@link #NATIVE_DIR}.
   */
  static final List<String> JAVA_OPTIONS =
      List.of(
          "--enable-native-access=ALL-UNNAMED,javafx.graphics," + SQLITE_MODULE,
          "-Dorg.sqlite.lib.path=$APPDIR/" + NATIVE_DIR);

  /**
   * JVM options of the Linux command line's launcher, as the from-source launcher gives every
   * command: a command is a fresh JVM for seconds to a minute in which C2 otherwise compiles huge
   * inlined methods; with these limits an import took 0.77x the CPU and serve 0.81x
   * (bench/README.md, "Phone sync"). The Serial collector (no concurrent threads, cheaper write
   * barriers) took an import's CPU to 0.87x to 0.89x again (bench/README.md, "The Serial collector
   * for commands, measured again"). The window keeps the JVM's defaults.
   */
  static final List<String> COMMAND_JVM_OPTIONS =
      List.of("-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000", "-XX:+UseSerialGC");

  /** Linux: the launcher of the menu entry, the one that names the window's start-up cache. */
  static final String WINDOW_LAUNCHER = NAME + "-window";

  /**
   * Where the Linux window launcher looks for the start-up cache, an AOT cache the app makes on the
   * person's machine after its first start (StartupCache in the app): in the user's cache folder,
   * which the Linux sh launcher takes from an absolute {@code $XDG_CACHE_HOME} when there is one
   * (ShellLaunchers.HOME_CACHE). Shipping the cache would add 50 to 63 MB to the package.
   */
  static final String LINUX_STARTUP_CACHE = "$HOME/.cache/OpenVitals/openvitals.aot";

  /**
   * Where the Linux command line's launcher looks for its own start-up cache, made by the same app
   * after the window's (a cache of the window's classes made {@code --version} slower than none).
   */
  static final String LINUX_COMMAND_LINE_CACHE = "$HOME/.cache/OpenVitals/openvitals-cli.aot";

  /** The app's property naming the window's cache (StartupCache.PROPERTY). */
  static final String WINDOW_CACHE_PROPERTY = "openvitals.startupCache";

  /** The app's property naming the command line's cache (StartupCache.COMMAND_LINE_PROPERTY). */
  static final String COMMAND_LINE_CACHE_PROPERTY = "openvitals.commandLineCache";

  /**
   * A launcher's options for its start-up cache: the JVM uses it when it was made for these jars
   * and this runtime and otherwise starts without it, saying nothing (so the command line's output
   * stays clean); the app learns the same path from the property.
   */
  static List<String> startupCacheOptions(String cache, String property) {
    return List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off", "-D" + property + "=" + cache);
  }

  enum Os {
    LINUX,
    MAC,
    WINDOWS;

    static Os current() {
      String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
      return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
    }

    /** The JavaFX jars' classifier for this OS and CPU, e.g. linux, mac-aarch64, win. */
    String javafxClassifier() {
      boolean arm = System.getProperty("os.arch").contains("aarch64");
      return switch (this) {
        case LINUX -> arm ? "linux-aarch64" : "linux";
        case MAC -> arm ? "mac-aarch64" : "mac";
        case WINDOWS -> "win";
      };
    }

    /** sqlite-jdbc's folder of this platform's native library: org/sqlite/native/OS/ARCH/. */
    String sqliteNativeDir() {
      String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch64" : "x86_64";
      String os =
          switch (this) {
            case LINUX -> "Linux";
            case MAC -> "Mac";
            case WINDOWS -> "Windows";
          };
      return "org/sqlite/native/" + os + "/" + arch + "/";
    }

    /** JNA's folder of this platform's native library: com/sun/jna/OS-ARCH/. */
    String jnaNativeDir() {
      boolean arm = System.getProperty("os.arch").contains("aarch64");
      String os =
          switch (this) {
            case LINUX -> "linux";
            case MAC -> "darwin";
            case WINDOWS -> "win32";
          };
      return "com/sun/jna/" + os + (arm ? "-aarch64/" : "-x86-64/");
    }

    String nativeSuffix() {
      return switch (this) {
        case LINUX -> ".so";
        case MAC -> ".dylib";
        case WINDOWS -> ".dll";
      };
    }

    /**
     * The file of the native library {@code System.loadLibrary(name)} loads, as {@code
     * System.mapLibraryName} names it on this OS: libNAME.so, libNAME.dylib, NAME.dll.
     */
    String libraryFile(String name) {
      return (this == WINDOWS ? "" : "lib") + name + nativeSuffix();
    }

    /** Where the runtime looks for its own native libraries (sun.boot.library.path). */
    Path nativeDir(Path runtime) {
      return runtime.resolve(this == WINDOWS ? "bin" : "lib");
    }

    List<String> defaultTypes() {
      return switch (this) {
        case LINUX -> onPath("rpmbuild") ? List.of("deb", "rpm") : List.of("deb");
        case MAC -> List.of("dmg");
        case WINDOWS -> List.of("msi");
      };
    }
  }

  /** What the pom passes in. */
  record Options(
      Path app,
      Path work,
      Path out,
      Path icon,
      String version,
      String description,
      String vendor,
      String license,
      String maintainer,
      List<String> types) {

    static Options parse(String... args) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("Expected --name value pairs, got " + args[i]);
        }
        values.put(args[i].substring(2), args[i + 1]);
      }
      if (args.length % 2 != 0) {
        values.put(args[args.length - 1].substring(2), "");
      }
      String types = values.getOrDefault("types", "").strip();
      return new Options(
          Path.of(required(values, "app")).toAbsolutePath(),
          Path.of(required(values, "work")).toAbsolutePath(),
          Path.of(required(values, "out")).toAbsolutePath(),
          Path.of(required(values, "icon")).toAbsolutePath(),
          required(values, "version"),
          required(values, "description"),
          required(values, "vendor"),
          required(values, "license"),
          values.getOrDefault("maintainer", ""),
          types.isEmpty()
              ? Os.current().defaultTypes()
              : Arrays.stream(types.split(",")).map(String::strip).toList());
    }

    private static String required(Map<String, String> values, String key) {
      String value = values.get(key);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("--" + key + " is required");
      }
      return value;
    }

    /** jpackage takes one to three numbers: 0.1.0-SNAPSHOT packages as 0.1.0. */
    String numericVersion() {
      String numeric = version.replaceFirst("[^0-9.].*$", "").replaceAll("\\.+$", "");
      if (!numeric.matches("\\d+(\\.\\d+){0,2}")) {
        throw new IllegalArgumentException("Cannot package version " + version);
      }
      return numeric;
    }

    /**
     * macOS bundle versions must start with a number of at least 1 (CFBundleVersion); before 1.0
     * the bundle says 1.MINOR.PATCH. A dmg is copied over the old app, so nothing compares them.
     */
    String macVersion() {
      String numeric = numericVersion();
      return numeric.startsWith("0.") ? "1." + numeric.substring(2) : numeric;
    }
  }

  private final Options options;
  private final Os os = Os.current();

  Packager(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    List<Path> built = new Packager(options).run();
    System.out.println("Packages in " + options.out() + ":");
    for (Path p : built) {
      System.out.printf(Locale.ROOT, "  %s  %,d bytes%n", p.getFileName(), Files.size(p));
    }
  }

  List<Path> run() throws IOException, InterruptedException {
    deleteTree(options.work());
    Files.createDirectories(options.work());
    // What an earlier run built goes (the ITs check the one package of each kind there, and a
    // build without rpmbuild must not leave an older .rpm beside its .deb).
    deleteTree(options.out());
    Files.createDirectories(options.out());
    long t0 = System.nanoTime();
    Icons.Set icons = Icons.from(options.icon()).writeAll(options.work().resolve("icons"));
    Path input = stageInput();
    List<Path> javafx = javafxJars();
    List<String> modules = modules(input, javafx);
    LinkedModules linked = link(input, javafx);
    log("Modules: " + String.join(",", modules));
    log("Linked from the app's jars: " + String.join(",", linked.names()));
    Path runtime = jlink(modules, javafx, linked);
    Path image = appImage(runtime, input, icons);
    if (os == Os.LINUX) {
      ShellLaunchers.replace(image);
    }
    sign(image);
    log("App image: " + image + " (" + megabytes(sizeOf(image)) + ")");
    List<Path> built = new ArrayList<>();
    for (String type : options.types()) {
      built.add(
          switch (type) {
            case "app-image" -> image;
            case "deb" -> new DebPackage(this, image, icons).build();
            case "rpm" -> new RpmPackage(this, image, icons).build();
            default -> nativePackage(type, image);
          });
    }
    log(String.format(Locale.ROOT, "Done in %.0f s", (System.nanoTime() - t0) / 1e9));
    return built;
  }

  Options options() {
    return options;
  }

  // --- the app's jars ---

  /**
   * {@code input/openvitals.jar} and {@code input/lib/*.jar}: what the launcher's class path holds.
   */
  private Path stageInput() throws IOException {
    Path jar = options.app().resolve("openvitals.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No built app in " + options.app() + " (run the app module's package phase first)");
    }
    Path input = options.work().resolve("input");
    Files.createDirectories(input.resolve("lib"));
    Files.copy(jar, input.resolve("openvitals.jar"));
    for (Path p : classPath(jar)) {
      String name = p.getFileName().toString();
      if (name.startsWith("javafx-")) {
        continue; // in the runtime, as modules
      }
      Path target = input.resolve("lib").resolve(name);
      if (name.startsWith("sqlite-jdbc-")) {
        keepOnlyNative(p, target, SQLITE_NATIVES, os.sqliteNativeDir(), input.resolve(NATIVE_DIR));
      } else if (name.matches("jna-[0-9].*\\.jar")) {
        keepOnlyNative(p, target, JNA_NATIVES, os.jnaNativeDir());
      } else if (ClassFileUpgrade.JARS.matcher(name).matches()) {
        log("Upgraded class files in " + name + ": " + ClassFileUpgrade.upgrade(p, target));
      } else {
        Files.copy(p, target);
      }
    }
    return input;
  }

  /**
   * The jars the app jar's manifest names (its Class-Path, which the build writes from the app's
   * runtime dependencies), sorted by name: exactly what the app runs with, whatever else an earlier
   * build left in {@code lib/} (a dependency since dropped would otherwise be packaged again).
   */
  static List<Path> classPath(Path appJar) throws IOException {
    String entries;
    try (JarFile jar = new JarFile(appJar.toFile())) {
      Manifest manifest = jar.getManifest();
      entries =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    }
    if (entries == null || entries.isBlank()) {
      throw new IllegalStateException(appJar + " names no Class-Path in its manifest");
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : entries.strip().split("\\s+")) {
      Path p = appJar.resolveSibling(entry);
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(appJar + " names " + entry + ", which is not there");
      }
      jars.add(p);
    }
    jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return jars;
  }

  /** sqlite-jdbc's native libraries: org/sqlite/native/OS/ARCH/. */
  static final Pattern SQLITE_NATIVES = Pattern.compile("org/sqlite/native/.*");

  /**
   * JNA's native libraries (for the keyring): com/sun/jna/OS-ARCH/; its class packages have no dash
   * (com/sun/jna/win32/ is classes, com/sun/jna/win32-x86-64/ a library).
   */
  static final Pattern JNA_NATIVES = Pattern.compile("com/sun/jna/[a-z0-9]+-[a-z0-9-]+/.*");

  /**
   * A copy of a jar without the native libraries of every other platform: the entries matching
   * {@code natives} are kept only under {@code nativeDir} (sqlite-jdbc: 12 MB less, JNA: 1.5 MB).
   */
  static void keepOnlyNative(Path jar, Path target, Pattern natives, String nativeDir)
      throws IOException {
    keepOnlyNative(jar, target, natives, nativeDir, null);
  }

  /**
   * The same, with this platform's native libraries written as files into {@code movedTo} instead
   * of into the jar's copy, when {@code movedTo} is not null.
   */
  static void keepOnlyNative(Path jar, Path target, Pattern natives, String nativeDir, Path movedTo)
      throws IOException {
    boolean found = false;
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry : in.stream().toList()) {
        String name = entry.getName();
        if (natives.matcher(name).matches() && !name.startsWith(nativeDir)) {
          continue;
        }
        boolean own = name.startsWith(nativeDir) && !entry.isDirectory();
        found |= own;
        if (movedTo != null && natives.matcher(name).matches()) {
          if (own) {
            Files.createDirectories(movedTo);
            try (InputStream data = in.getInputStream(entry)) {
              Files.copy(data, movedTo.resolve(name.substring(name.lastIndexOf('/') + 1)));
            }
          }
          continue;
        }
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        try (InputStream data = in.getInputStream(entry)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
    }
    if (!found) {
      throw new IllegalStateException(jar + " has no native library in " + nativeDir);
    }
  }

  private List<Path> javafxJars() throws IOException {
    String suffix = "-" + os.javafxClassifier() + ".jar";
    List<Path> found =
        classPath(options.app().resolve("openvitals.jar")).stream()
            .filter(p -> p.getFileName().toString().startsWith("javafx-"))
            .filter(p -> p.getFileName().toString().endsWith(suffix))
            .toList();
    if (found.isEmpty()) {
      throw new IllegalStateException(
          "No JavaFX jars for " + os.javafxClassifier() + " in " + options.app().resolve("lib"));
    }
    return found;
  }

  // --- the runtime ---

  /** The JDK modules the app's jars use, by jdeps, plus what they load by name. */
  private List<String> modules(Path input, List<Path> javafx) throws IOException {
    List<String> classPath = new ArrayList<>();
    try (Stream<Path> jars = Files.list(input.resolve("lib"))) {
      jars.sorted().forEach(p -> classPath.add(p.toString()));
    }
    String output =
        tool(
            "jdeps",
            "--multi-release",
            Integer.toString(Runtime.version().feature()),
            "--ignore-missing-deps",
            "--print-module-deps",
            "--module-path",
            join(javafx),
            "--class-path",
            String.join(java.io.File.pathSeparator, classPath),
            input.resolve("openvitals.jar").toString());
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    TreeSet<String> modules = new TreeSet<>(Arrays.asList(last.split(",")));
    if (!modules.contains("java.base") || !modules.contains("javafx.controls")) {
      throw new IllegalStateException("jdeps gave no usable module list:\n" + output);
    }
    modules.addAll(EXTRA_MODULES);
    return List.copyOf(modules);
  }

  /**
   * Moves the app's jars that {@link LinkedModules} chooses out of {@code input/lib} (the
   * launchers' class path) into {@code linked/}, from where jlink links them into the runtime.
   * sqlite-jdbc must be among them: the launchers allow its module native access ({@link
   * #JAVA_OPTIONS}).
   */
  private LinkedModules link(Path input, List<Path> javafx) throws IOException {
    List<Path> jars;
    try (Stream<Path> listed = Files.list(input.resolve("lib"))) {
      jars = listed.sorted().toList();
    }
    LinkedModules chosen = LinkedModules.choose(jars, javafx);
    if (!chosen.names().contains(SQLITE_MODULE)) {
      throw new IllegalStateException(
          SQLITE_MODULE + " is not among the modules linked into the runtime: " + chosen.names());
    }
    Path dir = options.work().resolve("linked");
    Files.createDirectories(dir);
    Map<String, Path> moved = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : chosen.jars().entrySet()) {
      Path target = dir.resolve(e.getValue().getFileName());
      Files.move(e.getValue(), target);
      moved.put(e.getKey(), target);
    }
    return new LinkedModules(moved);
  }

  /**
   * jlink: the modules, JavaFX's classes from its jars, the {@code linked} app jars' modules, no
   * debug attributes, man pages, headers, nor {@link #LEFT_OUT_LIBRARIES}; JavaFX's native
   * libraries go beside the JDK's instead of into the modules file (from there JavaFX would copy
   * them into the user's home at every first start).
   */
  private Path jlink(List<String> modules, List<Path> javafx, LinkedModules linked)
      throws IOException, InterruptedException {
    Path runtime = options.work().resolve("runtime");
    List<Path> modulePath = new ArrayList<>(javafx);
    modulePath.addAll(linked.paths());
    List<String> added = new ArrayList<>(modules);
    added.addAll(linked.names());
    tool(
        "jlink",
        "--module-path",
        join(modulePath),
        "--add-modules",
        String.join(",", added),
        // Bouncy Castle's jars are signed, which jlink refuses without this (it still warns); the
        // signature matters only to a registered JCE provider, and the app registers none.
        "--ignore-signing-information",
        "--strip-debug",
        "--no-man-pages",
        "--no-header-files",
        "--include-locales",
        LOCALES,
        "--compress",
        "zip-6",
        "--exclude-resources",
        "glob:/javafx.*/**" + os.nativeSuffix(),
        "--exclude-files",
        leftOutLibrariesPatterns(os),
        "--output",
        runtime.toString());
    Path natives = os.nativeDir(runtime);
    for (Path jar : javafx) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (ZipEntry entry : zip.stream().toList()) {
          if (!entry.isDirectory()
              && !entry.getName().contains("/")
              && entry.getName().endsWith(os.nativeSuffix())) {
            try (InputStream in = zip.getInputStream(entry)) {
              Files.copy(in, natives.resolve(entry.getName()), StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      }
    }
    stripSymbols(runtime);
    return runtime;
  }

  /**
   * Linux: the symbol tables of the runtime's native libraries go (libjvm.so alone 30 MB to 25 MB;
   * jlink's --strip-native-debug-symbols removes debug sections, which Temurin's libraries do not
   * have). A crash report then names fewer functions; nothing else changes. Skipped, with a line,
   * where binutils' strip is missing.
   */
  private static void stripSymbols(Path runtime) throws IOException, InterruptedException {
    if (Os.current() != Os.LINUX) {
      return;
    }
    if (!onPath("strip")) {
      log("No 'strip' on the PATH (binutils): the runtime keeps its native symbol tables");
      return;
    }
    List<String> command = new ArrayList<>(List.of("strip", "--strip-unneeded"));
    try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
      files
          .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".so"))
          .sorted()
          .forEach(f -> command.add(f.toString()));
    }
    long before = sizeOf(runtime);
    run(runtime, command);
    log(
        "Stripped native symbols: runtime "
            + megabytes(before)
            + " -> "
            + megabytes(sizeOf(runtime)));
  }

  // --- the app image ---

  private Path appImage(Path runtime, Path input, Icons.Set icons) throws IOException {
    Path dest = options.work().resolve("image");
    List<String> args = new ArrayList<>(common());
    args.addAll(
        List.of(
            "--type",
            "app-image",
            "--dest",
            dest.toString(),
            "--input",
            input.toString(),
            "--main-jar",
            "openvitals.jar",
            "--main-class",
            MAIN_CLASS,
            "--runtime-image",
            runtime.toString(),
            "--icon",
            (switch (os) {
                  case LINUX -> icons.png();
                  case MAC -> icons.icns();
                  case WINDOWS -> icons.ico();
                })
                .toString()));
    for (String option : launcherOptions(os)) {
      args.addAll(List.of("--java-options", option));
    }
    if (os == Os.LINUX) {
      // The menu entry's own launcher, naming the window's start-up cache (a JVM with it loads all
      // of its classes at start, which every command would pay: bench/README.md) and, for the app
      // to make it, the command line's.
      List<String> windowOptions = new ArrayList<>(JAVA_OPTIONS);
      windowOptions.addAll(startupCacheOptions(LINUX_STARTUP_CACHE, WINDOW_CACHE_PROPERTY));
      windowOptions.add("-D" + COMMAND_LINE_CACHE_PROPERTY + "=" + LINUX_COMMAND_LINE_CACHE);
      Path window = options.work().resolve(WINDOW_LAUNCHER + ".properties");
      Files.writeString(
          window, "java-options=" + String.join(" ", windowOptions) + "\nlinux-shortcut=false\n");
      args.addAll(List.of("--add-launcher", WINDOW_LAUNCHER + "=" + window));
    }
    if (os == Os.MAC) {
      args.addAll(
          List.of(
              "--mac-package-identifier",
              "org.openvitals.OpenVitals",
              "--mac-package-name",
              DISPLAY_NAME,
              "--mac-app-category",
              "public.app-category.healthcare-fitness"));
    }
    if (os == Os.WINDOWS) {
      // The window's launcher has no console; this second one is the command line's.
      Path cli = options.work().resolve("openvitals-cli.properties");
      Files.writeString(cli, "win-console=true\n");
      args.addAll(List.of("--add-launcher", "openvitals-cli=" + cli));
    }
    tool("jpackage", args.toArray(String[]::new));
    try (Stream<Path> made = Files.list(dest)) {
      return made.findFirst()
          .orElseThrow(() -> new IllegalStateException("jpackage made no image"));
    }
  }

  /**
   * The main launcher's JVM options: on Linux it is the command line's ({@code openvitals} on the
   * PATH), naming its start-up cache, inlining less and collecting with the Serial collector. Only
   * Linux's launcher's expansion of $HOME is tested (docs/architecture.md, "Packaging"), so macOS
   * and Windows name none.
   */
  static List<String> launcherOptions(Os os) {
    List<String> launcher = new ArrayList<>(JAVA_OPTIONS);
    if (os == Os.LINUX) {
      launcher.addAll(startupCacheOptions(LINUX_COMMAND_LINE_CACHE, COMMAND_LINE_CACHE_PROPERTY));
      launcher.addAll(COMMAND_JVM_OPTIONS);
    }
    return launcher;
  }

  /** Name, version, vendor, description, copyright: the same on every package. */
  List<String> common() {
    return List.of(
        "--name",
        os == Os.LINUX ? NAME : DISPLAY_NAME,
        "--app-version",
        os == Os.MAC ? options.macVersion() : options.numericVersion(),
        "--vendor",
        options.vendor(),
        "--description",
        options.description(),
        "--copyright",
        options.vendor() + ". " + options.license());
  }

  // --- signing (set up by the workflow from its secrets; unsigned without them) ---

  /** macOS: a Developer ID identity in the keychain; jpackage signs the image and the dmg. */
  static final String MAC_IDENTITY_ENV = "OV_MAC_SIGN_IDENTITY";

  static final String MAC_KEYCHAIN_ENV = "OV_MAC_SIGN_KEYCHAIN";

  /**
   * Windows: the signing command without the file (e.g. {@code signtool sign /f cert.pfx /p ... /fd
   * sha256 /tr URL /td sha256}); run on the launchers before the msi and on the msi.
   */
  static final String WINDOWS_SIGN_ENV = "OV_WIN_SIGN_COMMAND";

  /** Signs the finished image: its launchers on Windows, the whole bundle on macOS. */
  private void sign(Path image) throws IOException, InterruptedException {
    if (os == Os.MAC && !macSigning().isEmpty()) {
      List<String> args = new ArrayList<>(List.of("--type", "app-image", "--app-image"));
      args.add(image.toString());
      args.addAll(macSigning());
      tool("jpackage", args.toArray(String[]::new));
    }
    if (os == Os.WINDOWS && System.getenv(WINDOWS_SIGN_ENV) != null) {
      try (Stream<Path> files = Files.list(image)) {
        for (Path exe : files.filter(p -> p.toString().endsWith(".exe")).toList()) {
          windowsSign(exe);
        }
      }
    }
  }

  private static List<String> macSigning() {
    String identity = System.getenv(MAC_IDENTITY_ENV);
    if (identity == null || identity.isBlank()) {
      return List.of();
    }
    List<String> args =
        new ArrayList<>(List.of("--mac-sign", "--mac-signing-key-user-name", identity));
    String keychain = System.getenv(MAC_KEYCHAIN_ENV);
    if (keychain != null && !keychain.isBlank()) {
      args.addAll(List.of("--mac-signing-keychain", keychain));
    }
    return args;
  }

  private void windowsSign(Path file) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(Arrays.asList(System.getenv(WINDOWS_SIGN_ENV).strip().split("\\s+")));
    command.add(file.toString());
    run(options.work(), command);
  }

  // --- packages ---

  /**
   * rpm, dmg, msi, and the deb before its repack: jpackage from the finished image, with these
   * further options.
   */
  Path nativePackage(String type, Path image, String... more)
      throws IOException, InterruptedException {
    Path dest = options.work().resolve("packages-" + type);
    deleteTree(dest);
    List<String> args = new ArrayList<>(common());
    args.addAll(
        List.of("--type", type, "--app-image", image.toString(), "--dest", dest.toString()));
    args.addAll(List.of(more));
    args.addAll(
        switch (type) {
          case "deb", "rpm" -> linuxOptions(type);
          case "msi" ->
              List.of(
                  "--win-menu",
                  "--win-menu-group",
                  DISPLAY_NAME,
                  "--win-shortcut",
                  "--win-dir-chooser",
                  "--win-upgrade-uuid",
                  WINDOWS_UPGRADE_UUID);
          case "dmg" -> macSigning();
          default -> List.of();
        });
    if (type.equals("deb")) {
      args.addAll(List.of("--temp", options.work().resolve("deb-temp").toString()));
      deleteTree(options.work().resolve("deb-temp"));
    }
    tool("jpackage", args.toArray(String[]::new));
    try (Stream<Path> made = Files.list(dest)) {
      Path built = made.findFirst().orElseThrow();
      if (type.equals("deb")) {
        return built; // repacked by DebPackage
      }
      Path target = options.out().resolve(built.getFileName());
      Files.move(built, target, StandardCopyOption.REPLACE_EXISTING);
      if (type.equals("msi") && System.getenv(WINDOWS_SIGN_ENV) != null) {
        windowsSign(target);
      }
      return target;
    }
  }

  /** The menu entry is not jpackage's: each package carries it as a file ({@link LinuxFiles}). */
  private List<String> linuxOptions(String type) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--linux-package-name",
            NAME,
            "--linux-app-category",
            type.equals("deb") ? "misc" : "Applications/Productivity"));
    // The .rpm's Requires are rpm's, from the sonames its libraries need (RpmPackage).
    if (type.equals("deb")) {
      args.addAll(List.of("--linux-package-deps", LinuxFiles.DEB_DEPENDS));
    } else {
      args.addAll(List.of("--linux-rpm-license-type", options.license()));
    }
    if (type.equals("deb") && !options.maintainer().isBlank()) {
      args.addAll(List.of("--linux-deb-maintainer", options.maintainer()));
    }
    return args;
  }

  // --- helpers ---

  /** Runs a JDK tool in this JVM; its output is returned, or thrown with it when it fails. */
  static String tool(String name, String... args) {
    ToolProvider tool =
        ToolProvider.findFirst(name)
            .orElseThrow(() -> new IllegalStateException("This JDK has no " + name));
    log("$ " + name + " " + String.join(" ", args));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    int code = tool.run(out, out, args);
    String output = buffer.toString(StandardCharsets.UTF_8);
    if (code != 0) {
      throw new IllegalStateException(name + " failed (exit " + code + "):\n" + output);
    }
    log(String.format(Locale.ROOT, "  %s took %.1f s", name, (System.nanoTime() - t0) / 1e9));
    return output;
  }

  static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    log("$ " + String.join(" ", command));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command.getFirst() + " failed:\n" + output);
    }
  }

  static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  private static String join(List<Path> paths) {
    return paths.stream()
        .map(Path::toString)
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  // Not core's FileTrees: the packager runs on the installer's classes alone (installer/pom.xml).
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void log(String line) {
    System.out.println("[package] " + line);
    System.out.flush();
  }
}
