package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openvitals.app.shell.StartupCache;

class LauncherOptionsTest {
  /**
   * On Linux the main launcher is the command line's: it names its own start-up cache in the user's
   * cache folder, silently, and tells the app where that is under the app's property.
   */
  @Test
  void theLinuxCommandLineNamesItsOwnStartupCacheSilently() {
    assertThat(Packager.launcherOptions(Packager.Os.LINUX))
        .containsAll(Packager.JAVA_OPTIONS)
        .contains(
            "-XX:AOTCache=$HOME/.cache/OpenVitals/openvitals-cli.aot",
            "-Xlog:aot*=off",
            "-D"
                + StartupCache.COMMAND_LINE_PROPERTY
                + "=$HOME/.cache/OpenVitals/openvitals-cli.aot")
        .noneMatch(o -> o.contains(Packager.LINUX_STARTUP_CACHE));
    assertThat(Packager.WINDOW_CACHE_PROPERTY).isEqualTo(StartupCache.PROPERTY);
    assertThat(Packager.COMMAND_LINE_CACHE_PROPERTY).isEqualTo(StartupCache.COMMAND_LINE_PROPERTY);
  }

  /**
   * The command line inlines less and uses the Serial collector, as the from-source launcher's
   * commands do.
   */
  @Test
  void theLinuxCommandLineInlinesLessAndCollectsSerially() {
    assertThat(Packager.launcherOptions(Packager.Os.LINUX))
        .contains("-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000", "-XX:+UseSerialGC");
  }

  /** Only Linux's launcher is known to expand $HOME: the others name no cache. */
  @Test
  void macOsAndWindowsLaunchersNameNoCache() {
    assertThat(Packager.launcherOptions(Packager.Os.MAC)).isEqualTo(Packager.JAVA_OPTIONS);
    assertThat(Packager.launcherOptions(Packager.Os.WINDOWS)).isEqualTo(Packager.JAVA_OPTIONS);
  }
}
