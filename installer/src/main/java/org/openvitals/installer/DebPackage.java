package org.openvitals.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The .deb: jpackage's package, unpacked with {@code dpkg-deb -R} and packed again after these
 * changes:
 *
 * <ul>
 *   <li>{@link LinuxFiles}: {@code /usr/bin/openvitals} links to the launcher, so the command line
 *       is on the PATH, and the menu entry and the icon in every size are files of the package
 *       instead of being installed by jpackage's maintainer scripts, which are deleted;
 *   <li>Depends names the libraries JavaFX loads (GTK 3 and the X11 and GL ones) by package name,
 *       with Debian 13's and Ubuntu 24.04's 64-bit-time names as alternatives, instead of what
 *       jpackage found installed on the build machine.
 * </ul>
 *
 * Only files under /opt/openvitals, the link, the menu entry and the icons belong to the package,
 * and it runs no scripts: the data folder (~/.local/share/OpenVitals) is the user's, so removing,
 * purging or upgrading the package keeps it.
 */
record DebPackage(Packager packager, Path image, Icons.Set icons) {
  Path build() throws IOException, InterruptedException {
    Path work = packager.options().work();
    Path jpackaged = packager.nativePackage("deb", image);
    Path tree = work.resolve("deb-tree");
    Packager.deleteTree(tree);
    Packager.run(work, List.of("dpkg-deb", "-R", jpackaged.toString(), tree.toString()));

    LinuxFiles.write(tree, icons, packager.options().description());
    for (String script : List.of("preinst", "postinst", "prerm", "postrm")) {
      Files.deleteIfExists(tree.resolve("DEBIAN").resolve(script));
    }

    Path control = tree.resolve("DEBIAN/control");
    Files.write(control, control(Files.readAllLines(control), installedKb(tree)));

    Path deb = packager.options().out().resolve(jpackaged.getFileName());
    Files.deleteIfExists(deb);
    Packager.run(
        work,
        List.of("dpkg-deb", "--root-owner-group", "-Zxz", "-b", tree.toString(), deb.toString()));
    Packager.log("deb: " + deb + " (" + Packager.megabytes(Files.size(deb)) + ")");
    return deb;
  }

  /** jpackage's control file with our Depends and the size of what is installed now. */
  static List<String> control(List<String> lines, long installedKb) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("Depends:")) {
        out.add("Depends: " + LinuxFiles.DEB_DEPENDS);
      } else if (line.startsWith("Installed-Size:")) {
        out.add("Installed-Size: " + installedKb);
      } else if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  private static long installedKb(Path tree) throws IOException {
    long bytes = Packager.sizeOf(tree) - Packager.sizeOf(tree.resolve("DEBIAN"));
    return (bytes + 1023) / 1024;
  }
}
