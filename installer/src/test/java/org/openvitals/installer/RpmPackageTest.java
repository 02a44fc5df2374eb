package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec jpackage fills in and hands to rpmbuild for the .rpm. */
class RpmPackageTest {
  @TempDir Path dir;

  @Test
  void copiesAndListsTheLinuxFilesBesideTheAppsFolderAndNothingElse() throws Exception {
    Path files = dir.resolve("rpm-files");
    LinuxFiles.write(files, LinuxFilesTest.icons(dir.resolve("icons")), "A description.");

    String spec = RpmPackage.spec(files);

    assertThat(spec)
        .contains("\ncp -a \"" + files + "/.\" %{buildroot}/\n")
        .doesNotContain(RpmPackage.LINUX_FILES, RpmPackage.LINUX_FILE_PATHS);
    List<String> listed = section(spec, "%files");
    assertThat(listed.getFirst()).isEqualTo("%defattr(-,root,root,-)");
    assertThat(listed.get(1)).isEqualTo("APPLICATION_DIRECTORY");
    assertThat(listed.subList(2, listed.size()))
        .containsExactlyInAnyOrderElementsOf(
            LinuxFilesTest.filesBelow(files).stream().map(p -> "\"/" + p + "\"").toList());
  }

  /**
   * No scripts (jpackage's install menu entries with xdg-desktop-menu), no relocation, and Requires
   * only the libraries named by the packager, not what jpackage found on the build machine.
   */
  @Test
  void runsNoScriptsAndRequiresOnlyTheNamedLibraries() throws Exception {
    String spec = RpmPackage.spec(dir);

    assertThat(spec.lines())
        .noneMatch(line -> line.matches("%(pre|post|preun|postun|pretrans|posttrans)\\b.*"))
        .noneMatch(line -> line.startsWith("Prefix:"))
        .filteredOn(line -> line.startsWith("Requires:"))
        .containsExactly("Requires: PACKAGE_CUSTOM_DEPENDENCIES");
    assertThat(spec).doesNotContain("xdg-", "DESKTOP_COMMANDS", "PACKAGE_DEFAULT_DEPENDENCIES");
    assertThat(LinuxFiles.DEPENDS.get("rpm")).contains("gtk3").doesNotContain("xdg-utils");
  }

  @Test
  void refusesAFolderThatWouldBreakTheSpec() {
    for (String name : List.of("a \"quoted\" folder", "100%")) {
      assertThatThrownBy(() -> RpmPackage.spec(dir.resolve(name)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name);
    }
  }

  /** The lines of a spec's section, up to the next one or the end, without blank lines. */
  private static List<String> section(String spec, String name) {
    List<String> lines = spec.lines().toList();
    int start = lines.indexOf(name);
    assertThat(start).as(name + " in the spec").isNotNegative();
    return lines.subList(start + 1, lines.size()).stream()
        .takeWhile(line -> !line.matches("%[a-z]+"))
        .filter(line -> !line.isBlank())
        .toList();
  }
}
