package org.openvitals.app.maps;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.openvitals.core.store.PrivateFiles;

/**
 * Tiles kept on disk in the data folder's {@value #FOLDER} folder, one sub-folder per tile server
 * (so two servers' tiles never mix), with when each expires and its validators (ETag,
 * Last-Modified) beside it. Owner-only like the rest of the data folder: the tiles show where the
 * person's workouts went. The whole folder is kept under a size cap; past it the tiles used least
 * recently go first. Safe to use from several threads.
 */
public final class TileCache {
  /** The cache's folder in the data folder. */
  public static final String FOLDER = "tiles";

  /** The default cap: a few thousand tiles of a typical 10 to 30 kB. */
  public static final long DEFAULT_CAP_BYTES = 50L * 1024 * 1024;

  private final Path root;
  private final Path server;
  private final long capBytes;

  /** A cached tile: its bytes, until when it may be used without asking, and its validators. */
  public record Entry(byte[] bytes, Instant expires, String etag, String lastModified) {
    public boolean fresh(Instant now) {
      return now.isBefore(expires);
    }
  }

  /**
   * @param dataFolder the data folder the cache lives in
   * @param urlTemplate the tile server's template: each gets its own sub-folder
   */
  public TileCache(Path dataFolder, String urlTemplate, long capBytes) {
    this.root = dataFolder.resolve(FOLDER);
    this.server = root.resolve(serverKey(urlTemplate));
    this.capBytes = capBytes;
  }

  /** The sub-folder of one server: its host, readable, and a hash telling templates apart. */
  static String serverKey(String urlTemplate) {
    String host;
    try {
      host = new MapTileSettings(true, urlTemplate, "").host();
    } catch (IllegalArgumentException unusable) {
      host = "server";
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(urlTemplate.getBytes(StandardCharsets.UTF_8));
      return host.replaceAll("[^a-z0-9.-]", "_")
          + "-"
          + HexFormat.of().formatHex(hash, 0, 5).toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The tile as stored, fresh or not; empty when it is not there (or cannot be read). */
  public synchronized Optional<Entry> get(TileMath.Tile tile) {
    Path data = dataFile(tile);
    try {
      byte[] bytes = Files.readAllBytes(data);
      Properties meta = new Properties();
      try (Reader in = Files.newBufferedReader(metaFile(tile), StandardCharsets.UTF_8)) {
        meta.load(in);
      } catch (NoSuchFileException noMeta) {
        // Only the bytes: usable as stale, never as fresh.
      }
      // Used now: the tile moves to the back of the queue for eviction.
      Files.setLastModifiedTime(data, FileTime.from(Instant.now()));
      return Optional.of(
          new Entry(
              bytes,
              Instant.ofEpochMilli(Long.parseLong(meta.getProperty("expires", "0"))),
              meta.getProperty("etag"),
              meta.getProperty("last_modified")));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException | NumberFormatException unreadable) {
      return Optional.empty();
    }
  }

  /** Stores a tile (replacing it), then trims the cache to its cap. */
  public synchronized void put(TileMath.Tile tile, Entry entry) throws IOException {
    Path data = dataFile(tile);
    createPrivateFolders(data.getParent());
    Properties meta = new Properties();
    meta.setProperty("expires", Long.toString(entry.expires().toEpochMilli()));
    if (entry.etag() != null) {
      meta.setProperty("etag", entry.etag());
    }
    if (entry.lastModified() != null) {
      meta.setProperty("last_modified", entry.lastModified());
    }
    StringWriter text = new StringWriter();
    meta.store(text, null);
    writePrivately(data, entry.bytes());
    writePrivately(metaFile(tile), text.toString().getBytes(StandardCharsets.UTF_8));
    trim();
  }

  /** Every tile kept, in bytes (tiles and their notes, every server). */
  public synchronized long size() {
    return files().stream().mapToLong(f -> f.size).sum();
  }

  private record Kept(Path path, long size, FileTime used) {}

  private List<Kept> files() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Kept> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        try {
          out.add(new Kept(p, Files.size(p), Files.getLastModifiedTime(p)));
        } catch (IOException vanished) {
          // Deleted meanwhile: nothing to count.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Past the cap, deletes the tiles used least recently until the cache is at 80 % of it. */
  private void trim() throws IOException {
    List<Kept> all = files();
    long total = all.stream().mapToLong(Kept::size).sum();
    if (total <= capBytes) {
      return;
    }
    List<Kept> tiles =
        all.stream()
            .filter(k -> !k.path().getFileName().toString().endsWith(".meta"))
            .sorted(Comparator.comparing(Kept::used))
            .toList();
    for (Kept k : tiles) {
      if (total <= capBytes * 0.8) {
        break;
      }
      Path meta = k.path().resolveSibling(k.path().getFileName() + ".meta");
      long metaSize = Files.exists(meta) ? Files.size(meta) : 0;
      Files.deleteIfExists(k.path());
      Files.deleteIfExists(meta);
      total -= k.size() + metaSize;
    }
  }

  private Path dataFile(TileMath.Tile tile) {
    return server
        .resolve(Integer.toString(tile.z()))
        .resolve(Integer.toString(tile.x()))
        .resolve(tile.y() + ".tile");
  }

  private Path metaFile(TileMath.Tile tile) {
    Path data = dataFile(tile);
    return data.resolveSibling(data.getFileName() + ".meta");
  }

  /** Creates each missing folder from the cache's root down, owner-only. */
  private void createPrivateFolders(Path folder) throws IOException {
    Path dataFolder = root.getParent();
    Path next = dataFolder;
    for (Path part : dataFolder.relativize(folder)) {
      next = next.resolve(part);
      if (!Files.isDirectory(next)) {
        PrivateFiles.createFolder(next);
      }
    }
  }

  /** Writes beside the target with owner-only access from the start, then moves it into place. */
  private static void writePrivately(Path file, byte[] bytes) throws IOException {
    Path part = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
    try {
      PrivateFiles.restrictFile(part);
      Files.write(part, bytes);
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
