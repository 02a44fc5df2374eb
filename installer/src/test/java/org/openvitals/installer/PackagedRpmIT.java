package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.installer.EmptyEnvironment.Run;

/**
 * The .rpm that {@code -Ppackage} built where rpmbuild is on the PATH, unpacked with {@code
 * rpm2cpio | cpio} into a temporary root and run with an empty environment, as {@link
 * PackagedDebIT} runs the .deb.
 */
@EnabledIf(
    value = "rpmbuildOnThePath",
    disabledReason = "no rpmbuild on the PATH, so -Ppackage built no .rpm to check")
class PackagedRpmIT {
  @TempDir static Path root;

  static Path rpm;
  static UnpackedPackage unpacked;

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
        unpacked.run(List.of("sh", "-c", "rpm2cpio \"$0\" | cpio -idm --quiet", rpm.toString()));
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

  /**
   * Installing, upgrading and removing touch only the package's files (no scripts), never the data
   * folder; Requires names GTK 3 and the other libraries JavaFX loads, and not xdg-utils.
   */
  @Test
  void requiresGtk3AndTheLibrariesJavaFxLoadsAndRunsNoScripts() throws Exception {
    Run scripts = unpacked.run(List.of("rpm", "-qp", "--scripts", rpm.toString()));
    assertThat(scripts.code()).as(scripts.output()).isZero();
    assertThat(scripts.output()).doesNotContain("xdg-desktop-menu").doesNotContain("scriptlet");

    Run requires = unpacked.run(List.of("rpm", "-qp", "--requires", rpm.toString()));
    assertThat(requires.lines())
        .contains("gtk3", "mesa-libGL", "libXtst")
        .doesNotContain("xdg-utils");
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
