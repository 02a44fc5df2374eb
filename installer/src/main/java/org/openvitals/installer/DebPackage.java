package org.openvitals.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The .deb: jpackage's package (its maintainer scripts install the menu entry), unpacked with
 * {@code dpkg-deb -R} and packed again after three changes:
 *
 * <ul>
 *   <li>the AOT cache is made again by a training run in the unpacked tree, whose jars carry the
 *       modification times dpkg will give them on install (jpackage copied them with new ones, and
 *       the JVM refuses a cache whose jars changed time);
 *   <li>{@code /usr/bin/openvitals} links to the launcher, so the command line is on the PATH;
 *   <li>Depends names the libraries JavaFX loads (GTK 3 and the X11 and GL ones) by package name,
 *       with Debian 13's and Ubuntu 24.04's 64-bit-time names as alternatives, instead of what
 *       jpackage found installed on the build machine.
 * </ul>
 *
 * Only files under /opt/openvitals, the link and the menu entry belong to the package: the data
 * folder (~/.local/share/openvitals) is the user's, so removing or upgrading the package keeps it.
 */
final class DebPackage {
  static final Map<String, String> DEPENDS_RPM_OR_DEB =
      Map.of(
          "deb",
          "libc6, zlib1g, libgtk-3-0 | libgtk-3-0t64, libglib2.0-0 | libglib2.0-0t64, libx11-6,"
              + " libxext6, libxi6, libxrender1, libxtst6, libxxf86vm1, libgl1, libfreetype6,"
              + " libfontconfig1, libasound2 | libasound2t64, xdg-utils",
          "rpm",
          "gtk3, libXtst, libXxf86vm, libXi, libXrender, mesa-libGL, freetype, fontconfig,"
              + " alsa-lib, xdg-utils");

  private final Packager packager;
  private final Path image;

  DebPackage(Packager packager, Path image) {
    this.packager = packager;
    this.image = image;
  }

  Path build() throws IOException, InterruptedException {
    Path work = packager.options().work();
    Path jpackaged = packager.nativePackage("deb", image);
    Path tree = work.resolve("deb-tree");
    Packager.deleteTree(tree);
    Packager.run(work, List.of("dpkg-deb", "-R", jpackaged.toString(), tree.toString()));

    Path opt = tree.resolve("opt").resolve(Packager.NAME);
    Packager.train(AppImage.of(Packager.Os.LINUX, opt), work.resolve("deb-training"));

    Path bin = tree.resolve("usr/bin");
    Files.createDirectories(bin);
    Files.createSymbolicLink(
        bin.resolve(Packager.NAME), Path.of("/opt", Packager.NAME, "bin", Packager.NAME));

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
        out.add("Depends: " + DEPENDS_RPM_OR_DEB.get("deb"));
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
