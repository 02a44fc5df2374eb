package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files both Linux packages carry beside /opt/openvitals, as written into a root. */
class LinuxFilesTest {
  @TempDir Path dir;

  /** A set of distinct stand-in PNGs, one a size, where {@link Icons} would write them. */
  static Icons.Set icons(Path dir) throws IOException {
    Icons.Set set = new Icons.Set(dir, dir.resolve("openvitals.png"), null, null);
    Files.createDirectories(set.png(16).getParent());
    for (int size : Icons.PNG_SIZES) {
      Files.writeString(set.png(size), "png " + size);
    }
    return set;
  }

  /** Every file and link below {@code root}, relative to it. */
  static List<Path> filesBelow(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .map(root::relativize)
          .toList();
    }
  }

  @Test
  void writesTheCommandsLinkOneMenuEntryAndTheIconInEverySize() throws Exception {
    Path root = dir.resolve("root");
    Icons.Set icons = icons(dir.resolve("icons"));

    LinuxFiles.write(root, icons, "All your health data.");

    assertThat(filesBelow(root)).containsExactlyInAnyOrderElementsOf(LinuxFiles.paths());
    Path link = root.resolve("usr/bin/openvitals");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/opt/openvitals/bin/openvitals"));
    assertThat(Files.readAllLines(root.resolve("usr/share/applications/openvitals.desktop")))
        .startsWith("[Desktop Entry]")
        .contains(
            "Name=OpenVitals",
            "Comment=All your health data.",
            "Exec=/opt/openvitals/bin/" + Packager.WINDOW_LAUNCHER,
            "Icon=openvitals")
        .noneMatch(line -> line.contains("APPLICATION_"));
    for (int size : Icons.PNG_SIZES) {
      assertThat(
              root.resolve(
                  "usr/share/icons/hicolor/%dx%d/apps/openvitals.png".formatted(size, size)))
          .hasSameBinaryContentAs(icons.png(size));
    }
  }
}
