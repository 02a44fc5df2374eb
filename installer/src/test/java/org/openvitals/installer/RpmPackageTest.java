package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec jpackage fills in and hands to rpmbuild for the .rpm. */
class RpmPackageTest {
  @TempDir Path dir;

  @Test
  void copiesAndListsTheLinuxFilesBesideTheAppsFolderAndNothingElse() throws Exception {
    Path files = dir.resolve("rpm-files");
    LinuxFiles.write(files, LinuxFilesTest.icons(dir.resolve("icons")), "A description.");

    String spec = RpmPackage.spec(files, image());

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

  /** No scripts (jpackage's install menu entries with xdg-desktop-menu), no relocation. */
  @Test
  void runsNoScripts() throws Exception {
    String spec = RpmPackage.spec(dir, image());

    assertThat(spec.lines())
        .noneMatch(line -> line.matches("%(pre|post|preun|postun|pretrans|posttrans)\\b.*"))
        .noneMatch(line -> line.startsWith("Prefix:"));
    assertThat(spec).doesNotContain("xdg-", "DESKTOP_COMMANDS");
  }

  /**
   * Requires are rpm's, from what the payload's ELF files need, and nothing else: no list of
   * package names (Fedora's, which openSUSE does not know), nor what jpackage found installed on
   * the build machine; and the package provides no library.
   */
  @Test
  void requiresWhatRpmFindsInThePayloadAndProvidesNoLibrary() throws Exception {
    String spec = RpmPackage.spec(dir, image());

    assertThat(spec.lines())
        .filteredOn(line -> line.matches("(?i)auto(req|prov|reqprov):.*"))
        .containsExactly("AutoReq: yes", "AutoProv: no");
    assertThat(spec.lines())
        .noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("requires"));
    assertThat(spec)
        .doesNotContain("PACKAGE_CUSTOM_DEPENDENCIES", "PACKAGE_DEFAULT_DEPENDENCIES")
        .doesNotContain("gtk3", "mesa-libGL", "libXtst", "alsa-lib", "xdg-utils");
  }

  /**
   * The filter takes out exactly the image's own libraries, with or without a symbol version, and
   * keeps the system's, including libfreetype.so.6 beside the runtime's own libfreetype.so.
   */
  @Test
  void filtersOutOfRequiresTheLibrariesInTheImageOnly() throws Exception {
    Path image = image();
    assertThat(RpmPackage.ownLibraries(image))
        .containsExactly(
            "libfoo+bar.so.1.2", "libfreetype.so", "libjava.so", "libjvm.so", "libsqlitejdbc.so");

    Pattern filter = requiresFilter(RpmPackage.spec(dir, image));

    assertThat(
            List.of(
                "libjvm.so()(64bit)",
                "libjvm.so(SUNWprivate_1.1)(64bit)",
                "libjava.so()(64bit)",
                "libfreetype.so()(64bit)",
                "libsqlitejdbc.so()(64bit)",
                "libfoo+bar.so.1.2()(64bit)",
                "libjvm.so()"))
        .allMatch(dependency -> filter.matcher(dependency).find());
    assertThat(
            List.of(
                "libfreetype.so.6()(64bit)",
                "libgtk-3.so.0()(64bit)",
                "libc.so.6(GLIBC_2.34)(64bit)",
                "libjavaXso()(64bit)",
                "libjvm.so.1()(64bit)",
                "xlibjvm.so()(64bit)",
                "libfoo+bar.so.1()(64bit)",
                "libasound.so.2(ALSA_0.9)(64bit)",
                "/bin/sh",
                "rtld(GNU_HASH)"))
        .noneMatch(dependency -> filter.matcher(dependency).find());
  }

  @Test
  void refusesALibraryItCannotFilterAndAnImageWithoutLibraries() throws Exception {
    Path image = image();
    Files.writeString(image.resolve("lib/runtime/lib/lib%x.so"), "elf");
    assertThatThrownBy(() -> RpmPackage.spec(dir, image))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lib%x.so");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> RpmPackage.spec(dir, empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(empty.toString());
  }

  @Test
  void refusesAFolderThatWouldBreakTheSpec() {
    for (String name : List.of("a \"quoted\" folder", "100%")) {
      assertThatThrownBy(() -> RpmPackage.spec(dir.resolve(name), image()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name);
    }
  }

  /**
   * A stand-in app image: libraries where the runtime, JavaFX and SQLite have theirs, and files and
   * a folder that are no library.
   */
  private Path image() throws IOException {
    Path image = dir.resolve("image/openvitals");
    for (String file :
        List.of(
            "bin/openvitals",
            "lib/app/openvitals.jar",
            "lib/app/native/libsqlitejdbc.so",
            "lib/app/libnotes.so.txt",
            "lib/runtime/lib/server/libjvm.so",
            "lib/runtime/lib/libjava.so",
            "lib/runtime/lib/libfreetype.so",
            "lib/runtime/lib/libfoo+bar.so.1.2",
            "lib/runtime/lib/modules")) {
      Path path = image.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "stand-in");
    }
    Files.createDirectories(image.resolve("lib/runtime/lib/folder.so"));
    return image;
  }

  /** The spec's Requires filter, which rpm reads as a POSIX extended regular expression. */
  private static Pattern requiresFilter(String spec) {
    String prefix = "%global __requires_exclude ";
    List<String> filters = spec.lines().filter(line -> line.startsWith(prefix)).toList();
    assertThat(filters).hasSize(1);
    return Pattern.compile(filters.getFirst().substring(prefix.length()));
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
