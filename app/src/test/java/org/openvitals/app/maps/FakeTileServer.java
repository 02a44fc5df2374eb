package org.openvitals.app.maps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * A slippy-map tile server on 127.0.0.1 for tests: answers {@code GET /{z}/{x}/{y}.png} with a
 * generated PNG (a pale land colour, roads on a grid that runs on across tiles, a park and a lake
 * in some tiles, and the tile's numbers), records every request with its headers, and can be told
 * to answer one tile with an error or to send caching headers. Not OpenStreetMap's tiles: the build
 * machine cannot reach them, and tests must not.
 */
public final class FakeTileServer implements AutoCloseable {
  /** One request as received. */
  public record Request(String path, Map<String, List<String>> headers) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> failing = new ConcurrentHashMap<>();
  private volatile Map<String, String> responseHeaders = Map.of();
  private volatile Function<Request, Integer> conditional = r -> null;

  public FakeTileServer() throws IOException {
    System.setProperty("java.awt.headless", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** The template this server answers, for the settings. */
  public String template() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/{z}/{x}/{y}.png";
  }

  /** Every request so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The tiles asked for so far, as "z/x/y". */
  public List<String> tilesAsked() {
    return requests.stream().map(r -> r.path().substring(1).replace(".png", "")).toList();
  }

  /** Answers {@code tile} ("z/x/y") with {@code status} and no image from now on. */
  public void fail(String tile, int status) {
    failing.put(tile, status);
  }

  /** Headers sent with every tile from now on (Cache-Control, ETag ...). */
  public void sendHeaders(Map<String, String> headers) {
    responseHeaders = Map.copyOf(headers);
  }

  /** Decides a status (304) for a request before the tile is sent; null to send it. */
  public void conditionally(Function<Request, Integer> status) {
    conditional = status;
  }

  private void answer(HttpExchange exchange) throws IOException {
    Request request =
        new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()));
    requests.add(request);
    try (exchange) {
      String tile = request.path().substring(1).replace(".png", "");
      Integer status = failing.get(tile);
      if (status == null) {
        status = conditional.apply(request);
      }
      responseHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (status != null) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      String[] zxy = tile.split("/");
      byte[] png =
          png(Integer.parseInt(zxy[0]), Integer.parseInt(zxy[1]), Integer.parseInt(zxy[2]));
      exchange.getResponseHeaders().add("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, png.length);
      exchange.getResponseBody().write(png);
    }
  }

  /** A generated tile that looks enough like a street map for a screenshot. */
  static byte[] png(int z, int x, int y) {
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0xF2, 0xEF, 0xE9));
    g.fillRect(0, 0, 256, 256);
    int seed = Math.floorMod(x * 31 + y * 17 + z, 7);
    if (seed == 2 || seed == 5) {
      g.setColor(new Color(0xC8, 0xE6, 0xB0));
      g.fillRoundRect(40 + seed * 10, 60, 110, 80, 30, 30);
    }
    if (seed == 3) {
      g.setColor(new Color(0xAA, 0xD3, 0xDF));
      g.fillOval(90, 120, 120, 90);
    }
    // Roads every 64 pixels of the world, so they run on from one tile into the next.
    g.setStroke(new BasicStroke(7f));
    g.setColor(new Color(0xD0, 0xC8, 0xBE));
    for (int i = 0; i < 256; i += 64) {
      g.drawLine(i + 32, 0, i + 32, 256);
      g.drawLine(0, i + 32, 256, i + 32);
    }
    g.setStroke(new BasicStroke(5f));
    g.setColor(Color.WHITE);
    for (int i = 0; i < 256; i += 64) {
      g.drawLine(i + 32, 0, i + 32, 256);
      g.drawLine(0, i + 32, 256, i + 32);
    }
    g.setColor(new Color(0x99, 0x99, 0x99));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString("test tile " + z + "/" + x + "/" + y, 6, 250);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
