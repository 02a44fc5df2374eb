package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The icon set read back with ImageIO: every size present, each one the mark, not a blank. */
class IconsTest {
  static final Path SOURCE = Path.of("src/main/icon/openvitals.svg");

  @TempDir Path dir;

  @Test
  void writesEverySizeAndFormatFromTheSvg() throws Exception {
    Icons.Set set = Icons.from(SOURCE).writeAll(dir);

    for (int size : Icons.PNG_SIZES) {
      BufferedImage png = ImageIO.read(set.png(size).toFile());
      assertThat(png.getWidth()).isEqualTo(size);
      assertThat(png.getHeight()).isEqualTo(size);
      assertMark(png);
    }
    assertThat(sizes(set.ico())).containsExactlyElementsOf(Icons.ICO_SIZES);
    assertThat(sizes(set.icns())).containsExactlyInAnyOrderElementsOf(Icons.ICNS_SIZES);
    assertThat(ImageIO.read(set.png().toFile()).getWidth()).isEqualTo(256);
  }

  /** Transparent outside the tile's rounded corner, teal tile, white pulse line in the middle. */
  private static void assertMark(BufferedImage image) {
    int size = image.getWidth();
    assertThat(image.getRGB(0, 0) >>> 24).as("corner alpha at %d px", size).isZero();
    int tile = image.getRGB(size / 2, size * 3 / 16);
    assertThat((tile >> 8) & 0xff)
        .as("tile green at %d px", size)
        .isGreaterThan(tile & 0xff0000 >> 16);
    int white = 0;
    for (int x = 0; x < size; x++) {
      int rgb = image.getRGB(x, size * 17 / 32);
      if ((rgb & 0xffffff) == 0xffffff || ((rgb >> 16) & 0xff) > 0xe0) {
        white++;
      }
    }
    assertThat(white).as("pulse line pixels at %d px", size).isGreaterThan(size / 4);
  }

  private static List<Integer> sizes(Path file) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      for (int i = 0; i < reader.getNumImages(true); i++) {
        sizes.add(reader.getWidth(i));
      }
    }
    return sizes;
  }
}
