package org.openvitals.installer;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.SVGLoader;
import com.github.weisj.jsvg.view.ViewBox;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Every icon the packages carry, rendered from the one SVG source: PNGs for Linux menus and the
 * window, a multi-size .ico for Windows and an .icns for macOS (written by TwelveMonkeys ImageIO).
 */
public final class Icons {
  /** The sizes freedesktop icon themes use (hicolor), also the window icon's. */
  public static final List<Integer> PNG_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

  /** Windows picks from these for the taskbar, Explorer and shortcuts (256 is stored as PNG). */
  public static final List<Integer> ICO_SIZES = List.of(16, 24, 32, 48, 64, 256);

  /** The macOS icon family's sizes, 16 to 1024 (Retina's 512@2x). */
  public static final List<Integer> ICNS_SIZES = List.of(16, 32, 64, 128, 256, 512, 1024);

  /** The files written: {@code png/openvitals-N.png}, {@code openvitals.ico}, {@code .icns}. */
  public record Set(Path dir, Path png, Path ico, Path icns) {
    public Path png(int size) {
      return dir.resolve("png").resolve("openvitals-" + size + ".png");
    }
  }

  private final SVGDocument svg;

  private Icons(SVGDocument svg) {
    this.svg = svg;
  }

  /** Reads the SVG source; fails with the file's name when it cannot be parsed. */
  public static Icons from(Path svgFile) {
    SVGDocument document;
    try {
      document = new SVGLoader().load(svgFile.toUri().toURL(), LoaderContext.createDefault());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the icon source " + svgFile, e);
    }
    if (document == null) {
      throw new IllegalArgumentException("The icon source " + svgFile + " is not a valid SVG");
    }
    return new Icons(document);
  }

  /** The mark at {@code size} x {@code size} pixels, antialiased, with a transparent corner. */
  public BufferedImage render(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_4BYTE_ABGR);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      svg.render(null, g, new ViewBox(0, 0, size, size));
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes every size and format into {@code dir}. */
  public Set writeAll(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("png"));
    Set set =
        new Set(
            dir,
            dir.resolve("openvitals.png"),
            dir.resolve("openvitals.ico"),
            dir.resolve("openvitals.icns"));
    for (int size : PNG_SIZES) {
      write("png", List.of(size), set.png(size));
    }
    Files.copy(set.png(256), set.png(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    write("ico", ICO_SIZES, set.ico());
    write("icns", ICNS_SIZES, set.icns());
    return set;
  }

  /** One file in {@code format} holding the icon at each of {@code sizes}. */
  private void write(String format, List<Integer> sizes, Path file) throws IOException {
    ImageWriter writer =
        ImageIO.getImageWritersByFormatName(format).hasNext()
            ? ImageIO.getImageWritersByFormatName(format).next()
            : null;
    if (writer == null) {
      throw new IllegalStateException("No ImageIO writer for " + format + " on the class path");
    }
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      if (sizes.size() == 1) {
        writer.write(render(sizes.getFirst()));
      } else {
        writer.prepareWriteSequence(null);
        for (int size : sizes) {
          writer.writeToSequence(new IIOImage(render(size), null, null), null);
        }
        writer.endWriteSequence();
      }
    } finally {
      writer.dispose();
    }
  }
}
