package org.openvitals.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The .deb: jpackage's package, unpacked with {@code dpkg-deb -R} and packed again after these
 * changes:
 *
 * <ul>
 *   <li>{@code /usr/bin/openvitals} links to the launcher, so the command line is on the PATH;
 *   <li>the menu entry and the icon in every size are files of the package ({@code
 *       /usr/share/applications}, {@code /usr/share/icons/hicolor}) instead of being installed by
 *       jpackage's maintainer scripts with {@code xdg-desktop-menu}, which fails (and with it the
 *       whole installation) where there is no menu folder yet, such as a server; the desktop's own
 *       triggers refresh the menu and icon caches;
 *   <li>Depends names the libraries JavaFX loads (GTK 3 and the X11 and GL ones) by package name,
 *       with Debian 13's and Ubuntu 24.04's 64-bit-time names as alternatives, instead of what
 *       jpackage found installed on the build machine.
 * </ul>
 *
 * Only files under /opt/openvitals, the link, the menu entry and the icons belong to the package,
 * and it runs no scripts: the data folder (~/.local/share/OpenVitals) is the user's, so removing,
 * purging or upgrading the package keeps it.
 */
final class DebPackage {
  static final Map<String, String> DEPENDS_RPM_OR_DEB =
      Map.of(
          "deb",
          "libc6, zlib1g, libgtk-3-0 | libgtk-3-0t64, libglib2.0-0 | libglib2.0-0t64, libx11-6,"
              + " libxext6, libxi6, libxrender1, libxtst6, libxxf86vm1, libgl1, libfreetype6,"
              + " libfontconfig1, libasound2 | libasound2t64",
          "rpm",
          "gtk3, libXtst, libXxf86vm, libXi, libXrender, mesa-libGL, freetype, fontconfig,"
              + " alsa-lib, xdg-utils");

  private final Packager packager;
  private final Path image;
  private final Icons.Set icons;

  DebPackage(Packager packager, Path image, Icons.Set icons) {
    this.packager = packager;
    this.image = image;
    this.icons = icons;
  }

  Path build() throws IOException, InterruptedException {
    Path work = packager.options().work();
    Path jpackaged = packager.nativePackage("deb", image);
    Path tree = work.resolve("deb-tree");
    Packager.deleteTree(tree);
    Packager.run(work, List.of("dpkg-deb", "-R", jpackaged.toString(), tree.toString()));

    Path opt = tree.resolve("opt").resolve(Packager.NAME);

    Path bin = tree.resolve("usr/bin");
    Files.createDirectories(bin);
    Files.createSymbolicLink(
        bin.resolve(Packager.NAME), Path.of("/opt", Packager.NAME, "bin", Packager.NAME));

    desktopEntry(tree, opt);
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

  /** jpackage's desktop entry, naming the themed icon, and the icon in every size. */
  private void desktopEntry(Path tree, Path opt) throws IOException {
    Path jpackaged = opt.resolve("lib").resolve(Packager.NAME + "-" + Packager.NAME + ".desktop");
    Path applications = tree.resolve("usr/share/applications");
    Files.createDirectories(applications);
    Files.write(
        applications.resolve(Packager.NAME + ".desktop"),
        Files.readAllLines(jpackaged).stream()
            .map(l -> l.startsWith("Icon=") ? "Icon=" + Packager.NAME : l)
            .toList());
    Files.delete(jpackaged);
    for (int size : Icons.PNG_SIZES) {
      Path apps = tree.resolve("usr/share/icons/hicolor/" + size + "x" + size + "/apps");
      Files.createDirectories(apps);
      Files.copy(icons.png(size), apps.resolve(Packager.NAME + ".png"));
    }
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
