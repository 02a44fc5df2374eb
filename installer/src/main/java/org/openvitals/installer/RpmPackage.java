package org.openvitals.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The .rpm: jpackage builds it from the image with the spec {@code linux/openvitals.spec} in place
 * of its own template, which adds {@link LinuxFiles} ({@code /usr/bin/openvitals}, the menu entry
 * and the icon in every size) as files of the package, and Requires the libraries JavaFX loads by
 * package name.
 *
 * <p>Like the .deb, it holds only /opt/openvitals, the link, the menu entry and the icons, and runs
 * no scripts (jpackage's template has some, to run {@code xdg-desktop-menu}): the data folder
 * (~/.local/share/OpenVitals) is the user's, so removing or upgrading the package keeps it.
 */
record RpmPackage(Packager packager, Path image, Icons.Set icons) {
  /** In the spec, the packager's words: the folder holding {@link LinuxFiles}, and their paths. */
  static final String LINUX_FILES = "@LINUX_FILES@";

  static final String LINUX_FILE_PATHS = "@LINUX_FILE_PATHS@";

  Path build() throws IOException, InterruptedException {
    Path work = packager.options().work();
    Path files = work.resolve("rpm-files");
    Packager.deleteTree(files);
    LinuxFiles.write(files, icons, packager.options().description());
    // jpackage takes a file named PACKAGE.spec in its resource folder as the spec's template.
    Path resources = work.resolve("rpm-resources");
    Packager.deleteTree(resources);
    Files.createDirectories(resources);
    Files.writeString(resources.resolve(Packager.NAME + ".spec"), spec(files));
    Path rpm = packager.nativePackage("rpm", image, "--resource-dir", resources.toString());
    Packager.log("rpm: " + rpm + " (" + Packager.megabytes(Files.size(rpm)) + ")");
    return rpm;
  }

  /** The spec's template, copying the files from {@code linuxFiles} and listing each. */
  static String spec(Path linuxFiles) throws IOException {
    String folder = linuxFiles.toAbsolutePath().toString();
    if (folder.contains("\"") || folder.contains("%")) {
      // A quote would end the spec's quoted path, a % start a macro.
      throw new IllegalArgumentException(
          "Cannot build the .rpm in a folder whose path holds \" or %: " + folder);
    }
    String template;
    try (InputStream in = RpmPackage.class.getResourceAsStream("linux/openvitals.spec")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String paths =
        LinuxFiles.paths().stream().map(p -> "\"/" + p + "\"").collect(Collectors.joining("\n"));
    return template.replace(LINUX_FILES, folder).replace(LINUX_FILE_PATHS, paths);
  }
}
