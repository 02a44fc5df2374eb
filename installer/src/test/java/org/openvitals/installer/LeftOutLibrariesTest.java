package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.installer.Packager.Os;

/** The JDK's sound and splash screen libraries stay out of the runtime on every OS. */
class LeftOutLibrariesTest {
  @TempDir Path dir;

  @Test
  void namesEachOsLibraryFiles() {
    assertThat(Packager.leftOutLibrariesPatterns(Os.LINUX))
        .isEqualTo("glob:/java.desktop/*/libjsound.so,glob:/java.desktop/*/libsplashscreen.so");
    assertThat(Packager.leftOutLibrariesPatterns(Os.MAC))
        .isEqualTo(
            "glob:/java.desktop/*/libjsound.dylib,glob:/java.desktop/*/libsplashscreen.dylib");
    assertThat(Packager.leftOutLibrariesPatterns(Os.WINDOWS))
        .isEqualTo("glob:/java.desktop/*/jsound.dll,glob:/java.desktop/*/splashscreen.dll");
  }

  /** The names are the ones the JDK itself gives the libraries it loads on this OS. */
  @Test
  void namesTheFilesAsTheJdkDoesHere() {
    for (String library : Packager.LEFT_OUT_LIBRARIES) {
      assertThat(Os.current().libraryFile(library)).isEqualTo(System.mapLibraryName(library));
    }
  }

  /**
   * jlink, given the patterns, leaves the files out of a runtime with java.desktop, which this JDK
   * has them for, and keeps AWT's (java.awt.Desktop opens the browser).
   */
  @Test
  void jlinkLeavesTheFilesOutAndKeepsAwt() {
    Os os = Os.current();
    Path jdkNatives = os.nativeDir(Path.of(System.getProperty("java.home")));
    Path runtime = dir.resolve("runtime");

    Packager.tool(
        "jlink",
        "--add-modules",
        "java.desktop",
        "--exclude-files",
        Packager.leftOutLibrariesPatterns(os),
        "--output",
        runtime.toString());

    for (String library : Packager.LEFT_OUT_LIBRARIES) {
      assertThat(jdkNatives.resolve(os.libraryFile(library))).isRegularFile();
      assertThat(os.nativeDir(runtime).resolve(os.libraryFile(library))).doesNotExist();
    }
    assertThat(os.nativeDir(runtime).resolve(os.libraryFile("awt"))).isRegularFile();
  }
}
