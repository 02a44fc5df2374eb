package org.openvitals.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The .rpm: jpackage builds it from the image with the spec {@code linux/openvitals.spec} in place
 * of its own template, which adds {@link LinuxFiles} ({@code /usr/bin/openvitals}, the menu entry
 * and the icon in every size) as files of the package.
 *
 * <p>Its Requires are rpm's own: rpmbuild's dependency generator reads the sonames and glibc symbol
 * versions that the payload's ELF files need (GTK 3, X11, GL, fontconfig...), which every rpm
 * distribution resolves to its own package names (Fedora's gtk3, openSUSE's libgtk-3-0). Filtered
 * out are the libraries the package carries ({@link #ownLibraries}): a requirement on the runtime's
 * libjvm.so is met by the package's own copy, which rpm does not know of as the package provides
 * nothing (so as not to offer the runtime's libraries to other packages), so no system could
 * install it.
 *
 * <p>Like the .deb, it holds only /opt/openvitals, the link, the menu entry and the icons, and runs
 * no scripts (jpackage's template has some, to run {@code xdg-desktop-menu}): the data folder
 * (~/.local/share/OpenVitals) is the user's, so removing or upgrading the package keeps it.
 */
record RpmPackage(Packager packager, Path image, Icons.Set icons) {
  /** In the spec, the packager's words: the folder holding {@link LinuxFiles}, and their paths. */
  static final String LINUX_FILES = "@LINUX_FILES@";

  static final String LINUX_FILE_PATHS = "@LINUX_FILE_PATHS@";

  /** In the spec's Requires filter, the alternatives naming the package's own libraries. */
  static final String OWN_LIBRARIES = "@OWN_LIBRARIES@";

  /** A shared library's file name: {@code libjvm.so}, or with a version, {@code libfoo.so.1.2}. */
  private static final Pattern LIBRARY = Pattern.compile(".+\\.so(\\.[0-9]+)*");

  /**
   * The characters a filter's alternative holds (its dots and pluses escaped); a library named with
   * any other is refused rather than filtered wrongly.
   */
  private static final Pattern FILTERABLE = Pattern.compile("[A-Za-z0-9_.+-]+");

  Path build() throws IOException, InterruptedException {
    Path work = packager.options().work();
    Path files = work.resolve("rpm-files");
    Packager.deleteTree(files);
    LinuxFiles.write(files, icons, packager.options().description());
    // jpackage takes a file named PACKAGE.spec in its resource folder as the spec's template.
    Path resources = work.resolve("rpm-resources");
    Packager.deleteTree(resources);
    Files.createDirectories(resources);
    Files.writeString(resources.resolve(Packager.NAME + ".spec"), spec(files, image));
    Path rpm = packager.nativePackage("rpm", image, "--resource-dir", resources.toString());
    Packager.log("rpm: " + rpm + " (" + Packager.megabytes(Files.size(rpm)) + ")");
    return rpm;
  }

  /**
   * The spec's template, copying the files from {@code linuxFiles} and listing each, and filtering
   * out of Requires the libraries in {@code image}.
   */
  static String spec(Path linuxFiles, Path image) throws IOException {
    String folder = linuxFiles.toAbsolutePath().toString();
    if (folder.contains("\"") || folder.contains("%")) {
      // A quote would end the spec's quoted path, a % start a macro.
      throw new IllegalArgumentException(
          "Cannot build the .rpm in a folder whose path holds \" or %: " + folder);
    }
    Set<String> libraries = ownLibraries(image);
    if (libraries.isEmpty()) {
      throw new IllegalStateException("No shared library in the image " + image);
    }
    String template;
    try (InputStream in = RpmPackage.class.getResourceAsStream("linux/openvitals.spec")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String paths =
        LinuxFiles.paths().stream().map(p -> "\"/" + p + "\"").collect(Collectors.joining("\n"));
    // rpm's filters are POSIX extended regular expressions: [.] is a dot, with no backslash for
    // the spec's macros to take.
    String alternatives =
        libraries.stream()
            .map(name -> name.replace(".", "[.]").replace("+", "[+]"))
            .collect(Collectors.joining("|"));
    return template
        .replace(LINUX_FILES, folder)
        .replace(LINUX_FILE_PATHS, paths)
        .replace(OWN_LIBRARIES, alternatives);
  }

  /**
   * The file names of the shared libraries in the image, sorted: the runtime's (libjvm.so,
   * libjava.so, its own libfreetype.so...), JavaFX's and SQLite's. Read from the image, so that the
   * filter follows the runtime's modules without a list to keep.
   */
  static Set<String> ownLibraries(Path image) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(image)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!LIBRARY.matcher(name).matches()
            || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (!FILTERABLE.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "Cannot filter the library "
                  + file
                  + " out of the .rpm's Requires: its name holds"
                  + " a character other than letters, digits and _.+-");
        }
        names.add(name);
      }
    }
    return names;
  }
}
