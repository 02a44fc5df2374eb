package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openvitals.installer.EmptyEnvironment.Run;

/**
 * A Linux package unpacked into a temporary root (the file system it would install), and what both
 * packages' tests check in it; commands run with an empty environment (no JAVA_HOME,
 * PATH=/usr/bin:/bin), so that what runs is the package's own runtime.
 */
record UnpackedPackage(Path root) {
  /** The packages with this ending that {@code -Ppackage} built (none where it did not run). */
  static List<Path> built(String ending) throws IOException {
    Path packages = Path.of(System.getProperty("ov.packages", "target/packages"));
    if (!Files.isDirectory(packages)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(packages)) {
      return files.filter(p -> p.toString().endsWith(ending)).toList();
    }
  }

  Path launcher() {
    return root.resolve("opt/openvitals/bin/openvitals");
  }

  /** Runs a command with nothing from this JVM's environment: only PATH=/usr/bin:/bin. */
  Run run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  /** The same, with these variables set too (or PATH replaced). */
  Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    return EmptyEnvironment.run(command, env, root, Duration.ofMinutes(5));
  }

  Run openvitals(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  /**
   * The command line on the PATH, exactly one menu entry (ours, starting the window's launcher and
   * naming the themed icon), the icon in every size, and no entry of jpackage's in the app's
   * folder.
   */
  void assertCommandOnThePathOneMenuEntryAndItsIcons() throws IOException {
    assertThat(launcher()).isExecutable();
    Path link = root.resolve("usr/bin/openvitals");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/opt/openvitals/bin/openvitals"));

    try (Stream<Path> entries = Files.list(root.resolve("usr/share/applications"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactly("openvitals.desktop");
    }
    assertThat(root.resolve("usr/share/applications/openvitals.desktop"))
        .content()
        .contains("Name=OpenVitals")
        .contains("Exec=/opt/openvitals/bin/" + Packager.WINDOW_LAUNCHER + "\n")
        .contains("Icon=openvitals\n");
    for (int size : Icons.PNG_SIZES) {
      assertThat(
              root.resolve(
                  "usr/share/icons/hicolor/%dx%d/apps/openvitals.png".formatted(size, size)))
          .isRegularFile();
    }
    try (Stream<Path> lib = Files.list(root.resolve("opt/openvitals/lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".desktop"));
    }
  }

  /**
   * The runtime has AWT's libraries (java.awt.Desktop opens the browser) but not javax.sound's, the
   * one that needs ALSA, nor the splash screen's (Packager.LEFT_OUT_LIBRARIES).
   */
  void assertRuntimeHasNoSoundOrSplashScreenLibrary() {
    Path natives = root.resolve("opt/openvitals/lib/runtime/lib");
    assertThat(natives.resolve("libawt_xawt.so")).isRegularFile();
    assertThat(natives.resolve("libjsound.so")).doesNotExist();
    assertThat(natives.resolve("libsplashscreen.so")).doesNotExist();
  }

  /**
   * The app's jars that are modules (Bouncy Castle, picocli, sqlite-jdbc, Jackson, SLF4J...) are in
   * the runtime and on no class path (Packager's LinkedModules); the runtime's sqlite-jdbc holds no
   * native library (its own is a file of the app, which the launchers name).
   */
  void assertModularJarsAreLinkedIntoTheRuntime() throws IOException, InterruptedException {
    Path runtime = root.resolve("opt/openvitals/lib/runtime");
    Run modules = run(List.of(runtime.resolve("bin/java").toString(), "--list-modules"));
    assertThat(modules.output().lines().map(line -> line.replaceFirst("[@ ].*", "")))
        .contains("org.bouncycastle.pkix", "org.bouncycastle.provider", "org.xerial.sqlitejdbc")
        .contains("info.picocli", "com.fasterxml.jackson.databind", "org.slf4j", "org.slf4j.jul");
    Path app = root.resolve("opt/openvitals/lib/app");
    List<String> linked =
        List.of("bcprov-", "bcpkix-", "sqlite-jdbc-", "picocli-", "jackson-", "slf4j-");
    try (Stream<Path> jars = Files.list(app.resolve("lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString()))
          .contains("openvitals-core-0.1.0-SNAPSHOT.jar")
          .noneMatch(name -> linked.stream().anyMatch(name::startsWith));
    }
    for (String cfg : List.of("openvitals.cfg", Packager.WINDOW_LAUNCHER + ".cfg")) {
      String content = Files.readString(app.resolve(cfg));
      assertThat(content).contains("openvitals-core-");
      linked.forEach(name -> assertThat(content).doesNotContain("/" + name));
    }
    Path jimage = Path.of(System.getProperty("java.home"), "bin", "jimage");
    Run image = run(List.of(jimage.toString(), "list", runtime.resolve("lib/modules").toString()));
    assertThat(image.output())
        .contains("Module: org.xerial.sqlitejdbc")
        .contains("org/sqlite/JDBC.class")
        .doesNotContain("org/sqlite/native/");
    assertThat(app.resolve("native/libsqlitejdbc.so")).isRegularFile();
  }

  void assertPrintsItsVersion() throws IOException, InterruptedException {
    Run version = openvitals("--version");

    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output().strip()).startsWith("OpenVitals 0.");
  }

  void assertPassesItsSelfTest() throws IOException, InterruptedException {
    Run selfTest = openvitals("self-test");

    assertThat(selfTest.code()).as(selfTest.output()).isZero();
    assertThat(selfTest.output())
        .contains("Self-test passed.")
        .contains("Phone pairing: a TLS certificate")
        // No warning: sqlite-jdbc's module, linked into the runtime, may load its library.
        .doesNotContain("WARNING")
        .contains("at " + root.resolve("opt/openvitals/lib/runtime"))
        // The rules' fingerprint reads the jar through the zip file system (jdk.zipfs): without
        // it every session merges every day again.
        .doesNotContain("Cannot read the rules' class files");
  }
}
