package org.openvitals.app.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * A development aid for {@code scripts/screenshots}: opens every screen in turn, gives it time to
 * load its data, writes what the window shows to {@code <folder>/<screen>.png} and quits. Started
 * when the system property {@value #PROPERTY} names the folder.
 */
final class ScreenshotTour {
  static final String PROPERTY = "openvitals.screenshots";

  /** How long each screen may load before its picture is taken (milliseconds). */
  static final String DELAY_PROPERTY = "openvitals.screenshots.delay";

  /** The window's size, {@code WIDTHxHEIGHT} (default 1280x800). */
  static final String SIZE_PROPERTY = "openvitals.screenshots.size";

  /** {@code light} or {@code dark}: the theme of the pictures (default: the one set). */
  static final String THEME_PROPERTY = "openvitals.screenshots.theme";

  /** Screens to take, comma-separated ({@code dashboard,sources}; default every screen). */
  static final String SCREENS_PROPERTY = "openvitals.screenshots.screens";

  private final Stage stage;
  private final ShellViewModel model;
  private final Path folder;
  private final Duration delay;
  private final List<CompletableFuture<Void>> writes = new ArrayList<>();

  ScreenshotTour(Stage stage, ShellViewModel model, Path folder) {
    this.stage = stage;
    this.model = model;
    this.folder = folder;
    this.delay = Duration.millis(Long.getLong(DELAY_PROPERTY, 3000));
  }

  void start() {
    String theme = System.getProperty(THEME_PROPERTY);
    if (theme != null) {
      org.openvitals.app.settings.Theme.valueOf(theme.toUpperCase(Locale.ROOT)).apply();
    }
    String[] size = System.getProperty(SIZE_PROPERTY, "1280x800").split("x");
    stage.setMaximized(false);
    stage.setX(0);
    stage.setY(0);
    stage.setWidth(Double.parseDouble(size[0]));
    stage.setHeight(Double.parseDouble(size[1]));
    String only = System.getProperty(SCREENS_PROPERTY);
    next(
        model.screens().stream()
            .filter(s ->
                only == null
                    || java.util.Arrays.asList(only.split(","))
                        .contains(s.name().toLowerCase(Locale.ROOT)))
            .iterator());
  }

  private void next(Iterator<Screen> screens) {
    if (!screens.hasNext()) {
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
          .whenComplete((ok, error) -> {
            if (error != null) {
              System.err.println("Screenshots: " + error.getMessage());
            }
            Platform.runLater(stage::close);
          });
      return;
    }
    Screen screen = screens.next();
    model.select(screen);
    PauseTransition wait = new PauseTransition(delay);
    wait.setOnFinished(e -> {
      String name =
          screen == Screen.DASHBOARD && model.welcomeProperty().get()
              ? "welcome"
              : screen.name().toLowerCase(Locale.ROOT);
      save(snapshot(), folder.resolve(name + ".png"));
      next(screens);
    });
    wait.play();
  }

  /**
   * The window's content in its real pixels: at 200 % scaling twice its size in each direction, as
   * the screen shows it.
   */
  private WritableImage snapshot() {
    javafx.scene.SnapshotParameters pixels = new javafx.scene.SnapshotParameters();
    pixels.setTransform(
        javafx.scene.transform.Transform.scale(stage.getRenderScaleX(), stage.getRenderScaleY()));
    pixels.setFill(stage.getScene().getFill());
    // What the window shows, not what of the page lies beyond its edge.
    pixels.setViewport(
        new javafx.geometry.Rectangle2D(
            0,
            0,
            stage.getScene().getWidth() * stage.getRenderScaleX(),
            stage.getScene().getHeight() * stage.getRenderScaleY()));
    return stage.getScene().getRoot().snapshot(pixels, null);
  }

  private void save(WritableImage image, Path file) {
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    int[] argb = new int[width * height];
    image
        .getPixelReader()
        .getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    writes.add(
        CompletableFuture.runAsync(() -> {
          BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
          out.setRGB(0, 0, width, height, argb, 0, width);
          try {
            Files.createDirectories(folder);
            ImageIO.write(out, "png", file.toFile());
            System.err.println("Screenshot: " + file);
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
          }
        }));
  }
}
