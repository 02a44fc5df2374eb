package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.installer.EmptyEnvironment.Run;

/**
 * The .rpm that {@code -Ppackage} built where rpmbuild is on the PATH, unpacked with {@code
 * rpm2archive | tar} into a temporary root and run with an empty environment, as {@link
 * PackagedDebIT} runs the .deb. (rpm2archive comes with rpmbuild, from Debian's rpm2cpio package or
 * Fedora's rpm, and tar is everywhere; cpio is neither: a Debian with rpmbuild may lack it.)
 */
@EnabledIf(
    value = "rpmbuildOnThePath",
    disabledReason = "no rpmbuild on the PATH, so -Ppackage built no .rpm to check")
class PackagedRpmIT {
  @TempDir static Path root;

  static Path rpm;
  static UnpackedPackage unpacked;

  /** A library's name as rpm requires it: {@code libc.so.6(GLIBC_2.34)(64bit)}. */
  private static final String SONAME = "[^ ()]+\\.so(\\.[0-9]+)*\\([^ ]*\\)(\\(64bit\\))?";

  static boolean rpmbuildOnThePath() {
    return Packager.onPath("rpmbuild");
  }

  @BeforeAll
  static void unpack() throws Exception {
    List<Path> rpms = UnpackedPackage.built(".rpm");
    assertThat(rpms).as("the .rpm -Ppackage built with rpmbuild").hasSize(1);
    rpm = rpms.getFirst();
    unpacked = new UnpackedPackage(root);
    Run unpacking =
        unpacked.run(List.of("sh", "-c", "rpm2archive - < \"$0\" | tar -xzf -", rpm.toString()));
    assertThat(unpacking.code()).as(unpacking.output()).isZero();
  }

  @Test
  void installsUnderOptWithTheCommandOnThePathOneMenuEntryAndItsIcons() throws Exception {
    unpacked.assertCommandOnThePathOneMenuEntryAndItsIcons();
    // Its own files only: no folder another package owns, such as /usr/share/icons/hicolor.
    Run listed = unpacked.run(List.of("rpm", "-qlp", rpm.toString()));
    assertThat(listed.code()).as(listed.output()).isZero();
    List<String> outsideOpt =
        listed.lines().stream()
            .filter(l -> l.startsWith("/") && !l.startsWith("/opt/openvitals"))
            .toList();
    assertThat(outsideOpt)
        .containsExactlyInAnyOrderElementsOf(
            LinuxFiles.paths().stream().map(p -> "/" + p).toList());
    assertThat(listed.lines()).contains("/opt/openvitals", "/opt/openvitals/bin/openvitals");
  }

  /** Installing, upgrading and removing touch only the package's files, never the data folder. */
  @Test
  void runsNoScripts() throws Exception {
    Run scripts = unpacked.run(List.of("rpm", "-qp", "--scripts", rpm.toString()));
    assertThat(scripts.code()).as(scripts.output()).isZero();
    assertThat(scripts.output()).doesNotContain("xdg-desktop-menu").doesNotContain("scriptlet");
  }

  /**
   * Requires are what rpm's generator found in the payload: the sonames GTK 3, GL and X11 give
   * their libraries, which every distribution's packages provide under their own names; no package
   * name (Fedora's gtk3 or mesa-libGL are openSUSE's libgtk-3-0 and Mesa-libGL1), no library the
   * package carries itself (it provides none), and nothing but sonames, paths and rpm's features.
   * No ALSA: javax.sound's library, the only one that needed it, is not in the runtime.
   */
  @Test
  void requiresTheSystemsLibrariesBySonameAndNoneOfItsOwn() throws Exception {
    Run requires = unpacked.run(List.of("rpm", "-qp", "--requires", rpm.toString()));
    assertThat(requires.code()).as(requires.output()).isZero();
    List<String> required = requires.lines().stream().map(String::strip).toList();
    assertThat(required)
        .contains("libgtk-3.so.0()(64bit)", "libGL.so.1()(64bit)", "libX11.so.6()(64bit)")
        .anyMatch(r -> r.startsWith("libc.so.6(GLIBC_2."))
        .doesNotContain("gtk3", "mesa-libGL", "libXtst", "alsa-lib", "xdg-utils")
        .noneMatch(r -> r.startsWith("libasound"))
        .allMatch(
            r -> r.matches(SONAME) || r.startsWith("/") || r.matches("(rpmlib|rtld)\\(.*"),
            "a soname, a path or one of rpm's features");

    Run provides = unpacked.run(List.of("rpm", "-qp", "--provides", rpm.toString()));
    assertThat(provides.code()).as(provides.output()).isZero();
    assertThat(provides.lines()).noneMatch(p -> p.matches(SONAME));

    List<String> own = ownLibraries();
    assertThat(own).as("the package's own libraries").contains("libjvm.so", "libjava.so");
    assertThat(required)
        .noneMatch(r -> own.stream().anyMatch(library -> r.startsWith(library + "(")));
  }

  /** The file names of the shared libraries in the unpacked payload. */
  private static List<String> ownLibraries() throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("opt/openvitals"))) {
      return files
          .filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches(".+\\.so(\\.[0-9]+)*"))
          .toList();
    }
  }

  @Test
  void linksTheModularJarsIntoItsRuntime() throws Exception {
    unpacked.assertModularJarsAreLinkedIntoTheRuntime();
  }

  @Test
  void hasNoSoundOrSplashScreenLibrary() {
    unpacked.assertRuntimeHasNoSoundOrSplashScreenLibrary();
  }

  @Test
  void printsItsVersionWithItsOwnRuntime() throws Exception {
    unpacked.assertPrintsItsVersion();
  }

  @Test
  void passesItsSelfTestWithItsOwnRuntime() throws Exception {
    unpacked.assertPassesItsSelfTest();
  }
}
