package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.installer.EmptyEnvironment.Run;

/**
 * The sh launchers, run in an image whose {@code lib/runtime/bin/java} is a script that prints its
 * arguments one a line and exits with {@code FAKE_EXIT}.
 */
@EnabledOnOs(OS.LINUX)
class ShellLaunchersTest {
  @TempDir Path dir;

  Path image;

  static final List<String> CFG =
      List.of(
          "[Application]",
          "app.classpath=$APPDIR/openvitals.jar",
          "app.mainclass=org.openvitals.app.Main",
          "app.classpath=$APPDIR/lib/a b.jar",
          "",
          "[JavaOptions]",
          "java-options=-Djpackage.app-version=0.1.0",
          "java-options=-Dorg.sqlite.lib.path=$APPDIR/native",
          "java-options=-XX:AOTCache=$HOME/.cache/OpenVitals/openvitals.aot",
          "java-options=-Dquoted=\"a\\b`c`\"",
          "java-options=-Dbraced=${HOME}/x");

  @BeforeEach
  void image() throws IOException {
    // A space in the installation's own path too.
    image = dir.resolve("opt/open vitals");
    Files.createDirectories(image.resolve("bin"));
    Files.createDirectories(image.resolve("lib/app"));
    Files.createDirectories(image.resolve("lib/runtime/bin"));
    Files.writeString(image.resolve("bin/openvitals"), "native launcher");
    Files.writeString(image.resolve("lib/libapplauncher.so"), "native library");
    Files.write(image.resolve("lib/app/openvitals.cfg"), CFG);
    Path java = image.resolve("lib/runtime/bin/java");
    Files.writeString(
        java,
        """
        #!/bin/sh
        for a in "$@"; do printf '[%s]\\n' "$a"; done
        printf 'JDK_JAVA_OPTIONS=%s\\n' "${JDK_JAVA_OPTIONS-unset}"
        exit "${FAKE_EXIT:-0}"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    ShellLaunchers.replace(image);
  }

  Run run(Path launcher, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return EmptyEnvironment.run(command, env, dir, Duration.ofMinutes(1));
  }

  @Test
  void replacesTheNativeLauncherAndItsLibraryByAnExecutableScript() throws IOException {
    Path launcher = image.resolve("bin/openvitals");
    assertThat(Files.readString(launcher)).startsWith("#!/bin/sh\n");
    assertThat(launcher).isExecutable();
    assertThat(image.resolve("lib/libapplauncher.so")).doesNotExist();
  }

  @Test
  void execsThePackagesJavaWithTheCfgsOptionsClassPathAndMainClassThroughALink() throws Exception {
    Path link = dir.resolve("usr/bin/openvitals");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of("../../opt/open vitals/bin/openvitals"));
    Path appDir = image.toRealPath().resolve("lib/app");

    Run run = run(link, Map.of("HOME", "/home/someone", "JDK_JAVA_OPTIONS", "-XX:+Nothing"));

    assertThat(run.code()).isZero();
    assertThat(run.lines())
        .containsExactly(
            "[-Djpackage.app-version=0.1.0]",
            "[-Dorg.sqlite.lib.path=" + appDir + "/native]",
            "[-XX:AOTCache=/home/someone/.cache/OpenVitals/openvitals.aot]",
            "[-Dquoted=\"a\\b`c`\"]",
            "[-Dbraced=/home/someone/x]",
            "[-cp]",
            "[" + appDir + "/openvitals.jar:" + appDir + "/lib/a b.jar]",
            "[org.openvitals.app.Main]",
            "JDK_JAVA_OPTIONS=unset");
  }

  @Test
  void passesEveryArgumentAsItIsAndReturnsJavasExitCode() throws Exception {
    Run run =
        run(
            image.resolve("bin/openvitals"),
            Map.of("HOME", "/h", "FAKE_EXIT", "3"),
            "--data-dir",
            "a dir/with 'quotes' \"and\" $HOME *",
            "",
            "two  spaces");

    assertThat(run.code()).isEqualTo(3);
    List<String> lines = run.lines();
    assertThat(lines.subList(lines.indexOf("[org.openvitals.app.Main]") + 1, lines.size()))
        .containsExactly(
            "[--data-dir]",
            "[a dir/with 'quotes' \"and\" $HOME *]",
            "[]",
            "[two  spaces]",
            "JDK_JAVA_OPTIONS=unset");
  }

  /** The start-up caches follow the XDG base directory specification. */
  @Test
  void anAbsoluteXdgCacheHomeHoldsTheCachesARelativeOneIsIgnored() throws Exception {
    Path launcher = image.resolve("bin/openvitals");

    assertThat(run(launcher, Map.of("HOME", "/h", "XDG_CACHE_HOME", "/xdg/cache")).lines())
        .contains("[-XX:AOTCache=/xdg/cache/OpenVitals/openvitals.aot]", "[-Dbraced=/h/x]");
    assertThat(run(launcher, Map.of("HOME", "/h", "XDG_CACHE_HOME", "cache")).lines())
        .contains("[-XX:AOTCache=/h/.cache/OpenVitals/openvitals.aot]");
  }

  /** As with jpackage's launcher: then the app sees no absolute path and names no cache. */
  @Test
  void anUnsetHomeStaysAsWritten() throws Exception {
    Run run = run(image.resolve("bin/openvitals"), Map.of());

    assertThat(run.lines())
        .contains("[-XX:AOTCache=$HOME/.cache/OpenVitals/openvitals.aot]", "[-Dbraced=$HOME/x]");
  }

  @Test
  void aCfgLineTheScriptCannotSayFailsTheBuildNamingIt() {
    Path cfg = Path.of("openvitals.cfg");
    assertThatThrownBy(() ->
            ShellLaunchers.script(
                cfg, List.of("[Application]", "app.mainjar=$APPDIR/openvitals.jar")))
        .hasMessageContaining("openvitals.cfg, line 2")
        .hasMessageContaining("app.mainjar");
    assertThatThrownBy(() ->
            ShellLaunchers.script(
                cfg,
                List.of(
                    "app.classpath=$APPDIR/a.jar",
                    "app.mainclass=Main",
                    "java-options=-Dprice=5$")))
        .hasMessageContaining("openvitals.cfg, line 3");
  }
}
