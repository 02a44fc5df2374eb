package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

class StartupCacheTest {
  @TempDir Path dir;

  private final List<List<String>> runs = new ArrayList<>();

  /** A training that writes the file -XX:AOTCacheOutput names, as the JVM does at its exit. */
  private int succeed(List<String> command, Path log) throws IOException {
    runs.add(command);
    Files.writeString(Path.of(outputOf(command)), "cache of run " + runs.size());
    Files.writeString(log, "trained");
    return 0;
  }

  private int fail(List<String> command, Path log) throws IOException {
    runs.add(command);
    Files.writeString(Path.of(outputOf(command)), "half a cache");
    return 1;
  }

  private static String outputOf(List<String> command) {
    return command.stream()
        .filter(o -> o.startsWith("-XX:AOTCacheOutput="))
        .findFirst()
        .orElseThrow()
        .substring("-XX:AOTCacheOutput=".length());
  }

  private Path jar;
  private Path cache;

  private StartupCache cache(StartupCache.Training training) throws IOException {
    return cache(StartupCache.Purpose.WINDOW, training);
  }

  private StartupCache cache(StartupCache.Purpose purpose, StartupCache.Training training)
      throws IOException {
    jar = dir.resolve("app/lib/openvitals.jar");
    if (!Files.exists(jar)) {
      Files.createDirectories(jar.getParent());
      Files.writeString(jar, "classes");
    }
    cache = dir.resolve("home/.cache/OpenVitals/openvitals.aot");
    return new StartupCache(
        purpose,
        cache,
        dir.resolve("app/runtime"),
        jar + File.pathSeparator + dir.resolve("app/lib/other.jar"),
        List.of(
            "-Djpackage.app-version=0.1.0",
            "--enable-native-access=ALL-UNNAMED,javafx.graphics",
            "-Dorg.sqlite.lib.path=/opt/openvitals/lib/app/native",
            "-XX:AOTCache=" + cache,
            "-Xlog:aot*=off",
            "-D" + StartupCache.PROPERTY + "=" + cache,
            "-D" + StartupCache.COMMAND_LINE_PROPERTY + "=" + cache.resolveSibling("cli.aot"),
            "-Djava.class.path=" + jar),
        training);
  }

  @Test
  void onlyAnAbsoluteExpandedPathNamesACache() {
    assertThat(StartupCache.named(null)).isEmpty();
    assertThat(StartupCache.named("$HOME/.cache/OpenVitals/openvitals.aot")).isEmpty();
    assertThat(StartupCache.named("relative/openvitals.aot")).isEmpty();
    assertThat(StartupCache.named(dir.resolve("openvitals.aot").toString()))
        .contains(dir.resolve("openvitals.aot"));
  }

  @Test
  void
      theTrainingRunsTheWindowsOwnStartHeadlessWithTheLaunchersOptionsAndWritesOnlyInTheCacheFolder()
          throws Exception {
    StartupCache startupCache = cache(this::succeed);
    Path work = dir.resolve("home/.cache/OpenVitals/openvitals.aot.training");
    List<String> command = startupCache.command(cache.resolveSibling("x.part"), work);

    assertThat(command.getFirst()).isEqualTo(dir.resolve("app/runtime/bin/java").toString());
    assertThat(command)
        .contains(
            "--enable-native-access=ALL-UNNAMED,javafx.graphics",
            "-Dorg.sqlite.lib.path=/opt/openvitals/lib/app/native",
            "-XX:AOTCacheOutput=" + cache.resolveSibling("x.part"),
            "-Dglass.platform=Headless",
            "-Djava.io.tmpdir=" + work.resolve("tmp"),
            "-Djava.util.prefs.userRoot=" + work.resolve("prefs"))
        .noneMatch(o -> o.startsWith("-XX:AOTCache="))
        .noneMatch(o -> o.startsWith("-Xlog:aot"))
        .noneMatch(o -> o.startsWith("-Djava.class.path="))
        .noneMatch(o -> o.startsWith("-D" + StartupCache.PROPERTY))
        .noneMatch(o -> o.startsWith("-D" + StartupCache.COMMAND_LINE_PROPERTY))
        .doesNotContain("-XX:-AOTClassLinking");
    assertThat(command.subList(command.indexOf("-cp"), command.size()))
        .containsExactly(
            "-cp",
            jar + File.pathSeparator + dir.resolve("app/lib/other.jar"),
            WindowTraining.class.getName(),
            work.resolve("data").toString());
  }

  /** The window's training starts on demo data in its work folder, which is gone after. */
  @Test
  void theWindowsTrainingHasDemoDataToShow() throws Exception {
    List<Integer> sources = new ArrayList<>();
    StartupCache startupCache =
        cache((command, log) -> {
          try (SampleStore store = Stores.open(StoreConfig.sqlite(Path.of(command.getLast())))) {
            sources.add(store.sources().size());
          }
          return succeed(command, log);
        });

    assertThat(startupCache.makeIfNeeded()).isTrue();
    assertThat(sources)
        .singleElement()
        .asInstanceOf(InstanceOfAssertFactories.INTEGER)
        .isPositive();
    assertThat(cache.resolveSibling("openvitals.aot.training")).doesNotExist();
  }

  /**
   * The command line's cache: an import of the built-in export through the import command, without
   * JavaFX's headless platform, its classes linked (the default) and without the training's JIT
   * profiles.
   */
  @Test
  void theCommandLinesTrainingImportsTheBuiltInExportWithoutJitProfiles() throws Exception {
    StartupCache startupCache = cache(StartupCache.Purpose.COMMAND_LINE, this::succeed);
    Path work = dir.resolve("home/.cache/OpenVitals/cli.aot.training");
    List<String> command = startupCache.command(cache.resolveSibling("x.part"), work);

    assertThat(command)
        .contains(
            "--enable-native-access=ALL-UNNAMED,javafx.graphics",
            "-XX:AOTCacheOutput=" + cache.resolveSibling("x.part"),
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-AOTRecordTraining",
            "-Djava.io.tmpdir=" + work.resolve("tmp"))
        .doesNotContain("-XX:-AOTClassLinking")
        .noneMatch(o -> o.startsWith("-XX:AOTCache="))
        .noneMatch(o -> o.startsWith("-Dglass.platform="))
        .noneMatch(o -> o.startsWith("-D" + StartupCache.COMMAND_LINE_PROPERTY));
    assertThat(command.subList(command.indexOf("-cp") + 2, command.size()))
        .containsExactly(
            Main.class.getName(),
            "--data-dir",
            work.resolve("data").toString(),
            "import",
            work.resolve("export.xml").toString());
  }

  /** The export the training imports is in its work folder while it runs, and gone after. */
  @Test
  void theCommandLinesTrainingHasTheBuiltInExportToImport() throws Exception {
    List<String> exports = new ArrayList<>();
    StartupCache startupCache =
        cache(
            StartupCache.Purpose.COMMAND_LINE,
            (command, log) -> {
              exports.add(Files.readString(Path.of(command.getLast())));
              return succeed(command, log);
            });

    assertThat(startupCache.makeIfNeeded()).isTrue();
    assertThat(exports).singleElement().asString().contains("<HealthData", "HKQuantityType");
    assertThat(cache.resolveSibling("openvitals.aot.training")).doesNotExist();
  }

  @Test
  void aCacheIsMadeOnceForAnInstallationAndAgainWhenItsJarsChange() throws Exception {
    StartupCache startupCache = cache(this::succeed);
    assertThat(startupCache.needed()).isTrue();

    assertThat(startupCache.makeIfNeeded()).isTrue();
    assertThat(cache).hasContent("cache of run 1");
    assertThat(startupCache.needed()).isFalse();
    assertThat(startupCache.makeIfNeeded()).isFalse();
    assertThat(runs).hasSize(1);
    try (Stream<Path> left = Files.list(cache.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "openvitals.aot",
              "openvitals.aot.made-for",
              "openvitals.aot.lock",
              "openvitals.aot.training.log");
    }

    // An update installs the jars anew: the JVM would refuse the old cache, so it is made again.
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
    assertThat(startupCache.needed()).isTrue();
    assertThat(startupCache.makeIfNeeded()).isTrue();
    assertThat(cache).hasContent("cache of run 2");
  }

  @Test
  void aDeletedCacheIsMadeAgain() throws Exception {
    StartupCache startupCache = cache(this::succeed);
    startupCache.makeIfNeeded();
    Files.delete(cache);
    assertThat(startupCache.makeIfNeeded()).isTrue();
    assertThat(runs).hasSize(2);
  }

  @Test
  void aFailedTrainingLeavesNoCacheAndIsNotRepeatedForTheSameInstallation() throws Exception {
    StartupCache failing = cache(this::fail);
    assertThat(failing.makeIfNeeded()).isFalse();
    assertThat(cache).doesNotExist();
    assertThat(cache.resolveSibling("openvitals.aot.part")).doesNotExist();
    assertThat(cache.resolveSibling("openvitals.aot.training")).doesNotExist();
    assertThat(failing.needed()).isFalse();
    assertThat(failing.makeIfNeeded()).isFalse();
    assertThat(runs).hasSize(1);

    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
    assertThat(cache(this::succeed).makeIfNeeded()).isTrue();
    assertThat(cache).hasContent("cache of run 2");
    assertThat(cache.resolveSibling("openvitals.aot.failed-for")).doesNotExist();
  }

  @Test
  void aRunThatExitsWellButWritesNoCacheCountsAsFailed() throws Exception {
    StartupCache startupCache =
        cache((command, log) -> {
          runs.add(command);
          return 0;
        });
    assertThat(startupCache.makeIfNeeded()).isFalse();
    assertThat(cache).doesNotExist();
    assertThat(startupCache.needed()).isFalse();
  }

  @Test
  void whatAnEarlierRunLeftHalfWrittenIsRemovedBeforeTraining() throws Exception {
    List<Boolean> leftovers = new ArrayList<>();
    StartupCache startupCache =
        cache((command, log) -> {
          leftovers.add(Files.exists(Path.of(outputOf(command))));
          leftovers.add(Files.exists(cache.resolveSibling("openvitals.aot.training/tmp/store.db")));
          return succeed(command, log);
        });
    Files.createDirectories(cache.resolveSibling("openvitals.aot.training/tmp"));
    Files.writeString(cache.resolveSibling("openvitals.aot.training/tmp/store.db"), "old");
    Files.writeString(cache.resolveSibling("openvitals.aot.part"), "half");
    Files.writeString(cache.resolveSibling("openvitals.aot.part.config"), "a stopped recording");
    assertThat(startupCache.makeIfNeeded()).isTrue();
    assertThat(leftovers).containsExactly(false, false);
    assertThat(cache.resolveSibling("openvitals.aot.part.config")).doesNotExist();
    assertThat(cache.resolveSibling("openvitals.aot.training")).doesNotExist();
    assertThat(cache.resolveSibling("openvitals.aot.part")).doesNotExist();
  }
}
