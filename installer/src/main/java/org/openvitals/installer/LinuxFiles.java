package org.openvitals.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the .deb and the .rpm install beside {@code /opt/openvitals}, as files of the package:
 *
 * <ul>
 *   <li>{@code /usr/bin/openvitals}, a link to the command line's launcher;
 *   <li>the menu entry, {@code /usr/share/applications/openvitals.desktop}, naming the themed icon;
 *   <li>that icon in every size, {@code /usr/share/icons/hicolor/NxN/apps/openvitals.png}.
 * </ul>
 *
 * jpackage is not asked for a menu entry ({@code --linux-shortcut}): its packages would install one
 * with {@code xdg-desktop-menu} from their scripts, which fails (and with it the whole
 * installation) where there is no menu folder yet, such as a server, and with an app image adds a
 * second entry, for the window's launcher. Neither package runs scripts; the desktop's own triggers
 * refresh the menu and icon caches when these files come or go.
 */
final class LinuxFiles {
  static final Path COMMAND_LINK = Path.of("usr/bin", Packager.NAME);
  static final Path COMMAND = Path.of("/opt", Packager.NAME, "bin", Packager.NAME);
  static final Path DESKTOP_ENTRY = Path.of("usr/share/applications", Packager.NAME + ".desktop");

  /**
   * What the .deb depends on, by Debian's package names: the libraries JavaFX and AWT load (GTK 3,
   * X11, GL, fonts). No ALSA: the runtime has no javax.sound library ({@link
   * Packager#LEFT_OUT_LIBRARIES}). Nothing needs xdg-utils: no script runs it. The .rpm names none:
   * rpm computes its Requires from the libraries' sonames ({@link RpmPackage}).
   */
  static final String DEB_DEPENDS =
      "libc6, zlib1g, libgtk-3-0 | libgtk-3-0t64, libglib2.0-0 | libglib2.0-0t64, libx11-6,"
          + " libxext6, libxi6, libxrender1, libxtst6, libxxf86vm1, libgl1, libfreetype6,"
          + " libfontconfig1";

  /** The entry's text holds this where the pom's description goes. */
  private static final String DESCRIPTION = "APPLICATION_DESCRIPTION";

  private LinuxFiles() {}

  static Path icon(int size) {
    return Path.of("usr/share/icons/hicolor", size + "x" + size, "apps", Packager.NAME + ".png");
  }

  /** Every file and link written, relative to the root: the link, the entry, the icons. */
  static List<Path> paths() {
    List<Path> paths = new ArrayList<>(List.of(COMMAND_LINK, DESKTOP_ENTRY));
    for (int size : Icons.PNG_SIZES) {
      paths.add(icon(size));
    }
    return paths;
  }

  /** Writes them under {@code root}, the future file system's root. */
  static void write(Path root, Icons.Set icons, String description) throws IOException {
    Path link = root.resolve(COMMAND_LINK);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, COMMAND);
    Path entry = root.resolve(DESKTOP_ENTRY);
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, desktopEntry(description));
    for (int size : Icons.PNG_SIZES) {
      Path icon = root.resolve(icon(size));
      Files.createDirectories(icon.getParent());
      Files.copy(icons.png(size), icon);
    }
  }

  /** The menu entry (name, categories, keywords, the window's launcher) with this description. */
  static String desktopEntry(String description) throws IOException {
    try (InputStream in = LinuxFiles.class.getResourceAsStream("linux/openvitals.desktop")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace(DESCRIPTION, description.replace('\n', ' '));
    }
  }
}
