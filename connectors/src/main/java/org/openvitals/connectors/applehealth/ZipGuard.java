package org.openvitals.connectors.applehealth;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import org.openvitals.connectors.files.CountingInputStream;

/**
 * Limits on what a zip may make us read, checked while streaming (nothing is unpacked to disk):
 * number of entries, total uncompressed bytes, and the ratio of uncompressed to compressed bytes (a
 * zip bomb inflates a few kilobytes into gigabytes; Health exports compress about 20:1). Entry
 * names are checked too: absolute paths and {@code ..} segments are refused, so a name can never
 * point outside the export, whatever later code does with it.
 */
final class ZipGuard {
  static final int MAX_ENTRIES = 200_000;
  static final long MAX_TOTAL_BYTES = 200L << 30; // 200 GiB: far above any real export
  static final int MAX_RATIO = 200;

  /** Ratios are only judged past this many bytes: tiny files compress oddly well. */
  static final long RATIO_GRACE_BYTES = 16L << 20;

  private final long maxTotal;
  private final int maxRatio;
  private final CountingInputStream compressed;
  private long uncompressed;
  private int entries;

  ZipGuard(CountingInputStream compressed) {
    this(compressed, MAX_TOTAL_BYTES, MAX_RATIO);
  }

  ZipGuard(CountingInputStream compressed, long maxTotal, int maxRatio) {
    this.compressed = compressed;
    this.maxTotal = maxTotal;
    this.maxRatio = maxRatio;
  }

  /** Checks a new entry; throws when the zip breaks a limit. */
  void entry(ZipEntry e) throws ZipRefused {
    if (++entries > MAX_ENTRIES) {
      throw new ZipRefused("more than " + MAX_ENTRIES + " entries");
    }
    if (!safeName(e.getName())) {
      throw new ZipRefused("unsafe entry name '" + e.getName() + "' (absolute or with '..')");
    }
  }

  static boolean safeName(String name) {
    String n = name.replace('\\', '/');
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
      return false;
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** The entry's bytes, counted against the limits as they are read. */
  InputStream guard(InputStream entry, String name) {
    return new FilterInputStream(entry) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          counted(1, name);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          counted(n, name);
        }
        return n;
      }

      @Override
      public void close() {
        // The zip stream stays open for the next entry.
      }
    };
  }

  private void counted(int n, String name) throws ZipRefused {
    uncompressed += n;
    if (uncompressed > maxTotal) {
      throw new ZipRefused("more than " + (maxTotal >> 20) + " MiB uncompressed at " + name);
    }
    if (uncompressed > RATIO_GRACE_BYTES
        && uncompressed > (double) maxRatio * Math.max(1, compressed.count())) {
      throw new ZipRefused(
          "compression ratio above "
              + maxRatio
              + ":1 at "
              + name
              + " (looks like a zip bomb; real Health exports compress about 20:1)");
    }
  }

  /** A zip broke a safety limit. An IOException so it passes through the XML parser intact. */
  static final class ZipRefused extends IOException {
    ZipRefused(String message) {
      super("zip refused: " + message);
    }
  }
}
