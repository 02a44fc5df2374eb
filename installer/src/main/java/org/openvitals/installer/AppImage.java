package org.openvitals.installer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A jpackage app image on disk: where its runtime and launcher configurations are, and what the
 * main launcher runs (class path, main class, JVM options) read from its {@code .cfg} file.
 *
 * @param root the image's top folder (Linux: {@code openvitals}, macOS: {@code OpenVitals.app})
 * @param appDir the folder of the jars and the launchers' .cfg files ($APPDIR)
 * @param java the runtime's java launcher
 * @param cfg the main launcher's configuration
 */
record AppImage(Path root, Path appDir, Path java, Path cfg) {
  static final String AOT_OPTION_PREFIX = "java-options=-XX:AOTCache";
  static final String AOT_LOG_OPTION = "java-options=-Xlog:aot*=off";

  static AppImage of(Packager.Os os, Path root) {
    String launcher = root.getFileName().toString().replaceFirst("\\.app$", "");
    return switch (os) {
      case LINUX ->
          new AppImage(
              root,
              root.resolve("lib/app"),
              root.resolve("lib/runtime/bin/java"),
              root.resolve("lib/app/" + launcher + ".cfg"));
      case MAC ->
          new AppImage(
              root,
              root.resolve("Contents/app"),
              root.resolve("Contents/runtime/Contents/Home/bin/java"),
              root.resolve("Contents/app/" + launcher + ".cfg"));
      case WINDOWS ->
          new AppImage(
              root,
              root.resolve("app"),
              root.resolve("runtime/bin/java.exe"),
              root.resolve("app/" + launcher + ".cfg"));
    };
  }

  private List<String> values(String key) throws IOException {
    String prefix = key + "=";
    return Files.readAllLines(cfg).stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()).replace("$APPDIR", appDir.toString()))
        .toList();
  }

  /** The class path exactly as the launcher builds it: the cfg's entries in order. */
  String classPath() throws IOException {
    return String.join(File.pathSeparator, values("app.classpath"));
  }

  String mainClass() throws IOException {
    return values("app.mainclass").getFirst();
  }

  /** The launcher's JVM options, without the start-up cache's own (a training run makes it). */
  List<String> javaOptions() throws IOException {
    return values("java-options").stream()
        .filter(o -> !o.startsWith("-XX:AOTCache") && !o.startsWith("-Xlog:aot"))
        .toList();
  }

  /** Takes the AOT cache's options out of every launcher of the image. */
  void removeStartupCacheOptions() throws IOException {
    try (Stream<Path> files = Files.list(appDir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".cfg")).toList()) {
        Files.write(
            file,
            Files.readAllLines(file).stream()
                .filter(l -> !l.startsWith(AOT_OPTION_PREFIX) && !l.equals(AOT_LOG_OPTION))
                .toList());
      }
    }
  }

  /** Adds a JVM option to every launcher of the image (once). */
  void addJavaOption(String option) throws IOException {
    String line = "java-options=" + option;
    try (Stream<Path> files = Files.list(appDir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".cfg")).toList()) {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        if (lines.contains(line)) {
          continue;
        }
        int section = lines.indexOf("[JavaOptions]");
        if (section < 0) {
          lines.add("[JavaOptions]");
          lines.add(line);
        } else {
          int end = section + 1;
          while (end < lines.size() && lines.get(end).startsWith("java-options=")) {
            end++;
          }
          lines.add(end, line);
        }
        Files.write(file, lines);
      }
    }
  }
}
