package org.openvitals.connectors.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.openvitals.connectors.files.CountingInputStream;

/**
 * Walks the files of an export that comes as a zip or as the folder it unpacks to, handing each
 * file to a callback as a stream. Zips are read as a stream (never unpacked to disk), with caps
 * against archives that expand without bound: per entry, in total, in number of entries, and in
 * overall expansion ratio.
 */
public final class ArchiveReader {

  /** Caps for one archive. */
  public record Limits(long maxEntries, long maxEntryBytes, long maxTotalBytes, long maxRatio) {
    /** Generous for real exports (a decade of Fitbit data is a few GB), fatal for zip bombs. */
    public static final Limits DEFAULT = new Limits(2_000_000, 2L << 30, 64L << 30, 200);
  }

  /** Receives one file; must not close {@code in}. */
  @FunctionalInterface
  public interface EntryHandler {
    void entry(String name, InputStream in) throws IOException;
  }

  /** An archive broke a cap; the message says which. */
  public static final class LimitException extends IOException {
    public LimitException(String message) {
      super(message);
    }
  }

  private final Limits limits;
  private long finished;
  private volatile CountingInputStream current;

  public ArchiveReader(Limits limits) {
    this.limits = limits;
  }

  /**
   * A zip on disk. A zip inside a zip being imported (a path of the zip's file system) is not read
   * as one: {@link ZipFile} opens only files on disk.
   */
  public static boolean isZip(Path file) {
    return file.getFileSystem() == FileSystems.getDefault()
        && Files.isRegularFile(file)
        && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * Whether any file of a folder (relative path, with '/') or a zip matches; stops at the first
   * match, and reads only a zip's central directory, so it is cheap enough for {@code canRead}.
   */
  public static boolean anyName(Path zipOrFolder, Predicate<String> test) throws IOException {
    if (Files.isDirectory(zipOrFolder)) {
      try (Stream<Path> files = Files.walk(zipOrFolder, 6)) {
        return files
            .filter(Files::isRegularFile)
            .anyMatch(p -> test.test(zipOrFolder.relativize(p).toString().replace('\\', '/')));
      }
    }
    if (isZip(zipOrFolder)) {
      try (ZipFile zip = new ZipFile(zipOrFolder.toFile())) {
        return zip.stream().filter(e -> !e.isDirectory()).anyMatch(e -> test.test(e.getName()));
      } catch (java.util.zip.ZipException e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Calls {@code handler} for every file, in name order for a folder and in stored order for a zip;
   * a plain file is its own single entry. {@link #bytesRead()} counts the bytes read from disk
   * meanwhile, for progress.
   */
  public void forEach(Path zipOrFolder, EntryHandler handler) throws IOException {
    if (Files.isDirectory(zipOrFolder)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(zipOrFolder, 6)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      long[] total = {0};
      for (Path file : files) {
        String name = zipOrFolder.relativize(file).toString().replace('\\', '/');
        try (InputStream in = Files.newInputStream(file)) {
          current = new CountingInputStream(in);
          handler.entry(name, capped(zipOrFolder, current, name, total));
          finished += current.count();
          current = null;
        }
      }
      return;
    }
    if (!isZip(zipOrFolder)) {
      try (InputStream in = Files.newInputStream(zipOrFolder)) {
        current = new CountingInputStream(in);
        String name = zipOrFolder.getFileName().toString();
        handler.entry(name, capped(zipOrFolder, current, name, new long[] {0}));
      }
      return;
    }
    try (InputStream raw = Files.newInputStream(zipOrFolder)) {
      CountingInputStream compressed = new CountingInputStream(raw);
      current = compressed;
      ZipInputStream zip = new ZipInputStream(compressed);
      long entries = 0;
      long[] total = {0};
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.isDirectory()) {
          continue;
        }
        if (++entries > limits.maxEntries()) {
          throw new LimitException(
              zipOrFolder.getFileName() + " has more than " + limits.maxEntries() + " files");
        }
        handler.entry(entry.getName(), new Capped(zip, entry.getName(), total, compressed));
        zip.closeEntry();
      }
    }
  }

  /**
   * A file inside a zip being imported as a folder (a path of the zip's file system) keeps the
   * per-entry and total caps; its bytes are counted expanded, so the ratio cap does not apply.
   */
  private InputStream capped(Path path, InputStream in, String name, long[] total) {
    return path.getFileSystem() == FileSystems.getDefault()
        ? in
        : new Capped(in, name, total, null);
  }

  /** Bytes read from disk so far (compressed bytes for a zip). */
  public long bytesRead() {
    CountingInputStream now = current;
    return finished + (now == null ? 0 : now.count());
  }

  /** The bytes {@link #forEach} will read from disk: the zip's size or the folder's files'. */
  public static long totalBytes(Path zipOrFolder) throws IOException {
    if (!Files.isDirectory(zipOrFolder)) {
      return Files.size(zipOrFolder);
    }
    try (Stream<Path> walk = Files.walk(zipOrFolder, 6)) {
      return walk.filter(Files::isRegularFile).mapToLong(ArchiveReader::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // gone since the walk: nothing to read
    }
  }

  /** One entry's bytes, counted against the caps, not closable by the handler. */
  private final class Capped extends FilterInputStream {
    private final String name;
    private final long[] total;
    private final CountingInputStream compressed;
    private long read;

    Capped(InputStream in, String name, long[] total, CountingInputStream compressed) {
      super(in);
      this.name = name;
      this.total = total;
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) throws LimitException {
      read += n;
      total[0] += n;
      if (read > limits.maxEntryBytes()) {
        throw new LimitException(
            name + " expands beyond " + (limits.maxEntryBytes() >> 20) + " MB");
      }
      if (total[0] > limits.maxTotalBytes()) {
        throw new LimitException(
            "the archive expands beyond " + (limits.maxTotalBytes() >> 20) + " MB");
      }
      if (compressed != null
          && total[0] > (64L << 20)
          && total[0] > compressed.count() * limits.maxRatio()) {
        throw new LimitException(
            "the archive expands more than "
                + limits.maxRatio()
                + " times (a zip bomb?) at "
                + name);
      }
    }

    @Override
    public void close() {
      // The zip stream stays open for the next entry.
    }
  }
}
