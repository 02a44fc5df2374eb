package org.openvitals.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Linux: the image's launchers ({@code bin/openvitals}, {@code bin/openvitals-window}) as POSIX sh
 * scripts in place of jpackage's native ones, which with their {@code libapplauncher.so} ask rpm
 * and dpkg at every start which package they belong to (about 0.14 s before the JVM exists;
 * dpkg-query reads the whole package database). Each script is made from the launcher's {@code
 * lib/app/NAME.cfg} that jpackage wrote, which stays as the one list of the launcher's options and
 * class path (the bench and the package's test read it too): it resolves its own place through
 * links ({@code /usr/bin/openvitals}) and execs the package's {@code lib/runtime/bin/java} with the
 * cfg's options, class path and main class, expanding variables as jpackage's launcher does.
 */
final class ShellLaunchers {
  private ShellLaunchers() {}

  /**
   * The launcher's own folders and the user's cache folder, set by the script; any other variable
   * is the environment's.
   */
  private static final List<String> LAUNCHER_VARIABLES =
      List.of("APPDIR", "BINDIR", "ROOTDIR", "CACHEDIR");

  /**
   * How a cfg names the user's cache folder, which jpackage's launchers on macOS and Windows cannot
   * take from {@code $XDG_CACHE_HOME}; the sh script says {@code $CACHEDIR} instead.
   */
  static final String HOME_CACHE = "$HOME/.cache/";

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  /**
   * Replaces every launcher in {@code image/bin} by the script made from its cfg, and removes the
   * native launchers' library.
   */
  static void replace(Path image) throws IOException {
    Path appDir = image.resolve("lib/app");
    List<Path> launchers;
    try (Stream<Path> files = Files.list(image.resolve("bin"))) {
      launchers = files.sorted().toList();
    }
    for (Path launcher : launchers) {
      String name = launcher.getFileName().toString();
      Path cfg = appDir.resolve(name + ".cfg");
      if (!Files.isRegularFile(cfg)) {
        throw new IllegalStateException("No " + cfg + " for the launcher " + launcher);
      }
      Files.writeString(launcher, script(cfg, Files.readAllLines(cfg)));
      Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.delete(image.resolve("lib/libapplauncher.so"));
  }

  /**
   * The script of one launcher from its cfg's lines: every java option, the class path and the main
   * class; a key this cannot say in sh fails the build, naming the cfg's line.
   */
  static String script(Path cfg, List<String> lines) {
    List<String> options = new ArrayList<>();
    List<String> classPath = new ArrayList<>();
    String mainClass = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("[")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq);
      String value = eq < 0 ? "" : line.substring(eq + 1);
      String where = cfg + ", line " + (i + 1);
      switch (key) {
        case "java-options" -> options.add(word(value, where));
        case "app.classpath" -> classPath.add(value);
        case "app.mainclass" -> mainClass = value;
        default ->
            throw new IllegalStateException(
                where + ": '" + line + "' has no equivalent in the sh launcher");
      }
    }
    if (mainClass == null || classPath.isEmpty()) {
      throw new IllegalStateException(cfg + " names no app.mainclass or no app.classpath");
    }
    StringBuilder script = new StringBuilder();
    script.append(
        """
        #!/bin/sh
        # OpenVitals' launcher, made from lib/app/%s when the package was built: it
        # starts the package's own Java runtime with that file's options, class path and main class.
        BINDIR=$(readlink -f -- "$0") || exit
        BINDIR=${BINDIR%%/*}
        ROOTDIR=${BINDIR%%/*}
        APPDIR=$ROOTDIR/lib/app
        # The user's cache folder (the start-up caches): $XDG_CACHE_HOME when it is an absolute path,
        # as the XDG base directory specification says, else ~/.cache.
        case ${XDG_CACHE_HOME-} in
          /*) CACHEDIR=$XDG_CACHE_HOME ;;
          *) CACHEDIR=${HOME-\\$HOME}/.cache ;;
        esac
        # java would read JDK_JAVA_OPTIONS; the package's launcher never did.
        unset JDK_JAVA_OPTIONS
        exec "$ROOTDIR/lib/runtime/bin/java" \\
        """
            .formatted(cfg.getFileName()));
    for (String option : options) {
      script.append("  ").append(option).append(" \\\n");
    }
    script
        .append("  -cp ")
        .append(word(String.join(":", classPath), cfg.toString()))
        .append(" \\\n  ")
        .append(word(mainClass, cfg.toString()))
        .append(" \"$@\"\n");
    return script.toString();
  }

  /**
   * A cfg value as one double-quoted sh word, its variables expanded when the script runs as
   * jpackage's launcher expands them: {@code $APPDIR}, {@code $BINDIR} and {@code $ROOTDIR} are the
   * launcher's folders and {@code $HOME/.cache/} the user's cache folder ({@code $CACHEDIR}), any
   * other {@code $NAME} or {@code ${NAME}} the environment's, left as {@code $NAME} when unset (so
   * that an unset {@code $HOME} names no start-up cache: StartupCache.named). Any other {@code $}
   * fails.
   */
  static String word(String cfgValue, String where) {
    String value = cfgValue.replace(HOME_CACHE, "$CACHEDIR/");
    StringBuilder word = new StringBuilder("\"");
    Matcher m = VARIABLE.matcher(value);
    int last = 0;
    while (m.find()) {
      word.append(literal(value.substring(last, m.start()), where));
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      word.append(
          LAUNCHER_VARIABLES.contains(name)
              ? "${" + name + "}"
              : "${" + name + "-\\$" + name + "}");
      last = m.end();
    }
    word.append(literal(value.substring(last), where)).append('"');
    return word.toString();
  }

  /** Text inside double quotes, as written. */
  private static String literal(String text, String where) {
    if (text.contains("$")) {
      throw new IllegalStateException(where + ": cannot say '" + text + "' in the sh launcher");
    }
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`");
  }
}
